// What the request log keeps of a request. Respondents are anonymous: for their routes (survey
// pages and the public API) the log keeps neither their address nor a personal token from the
// query, since an address or a token logged beside the moment of an answer would join a person
// (or an invitation's email) to it. Staff requests keep the address, for security review.
import type { FastifyRequest } from 'fastify';

const PUBLIC = /^\/(s\/|api\/public\/)/;

export function requestLog(request: FastifyRequest) {
  const url = request.url.replace(/([?&]t=)[^&#]*/g, '$1[redacted]');
  if (PUBLIC.test(request.url)) return { method: request.method, url };
  return { method: request.method, url, host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
