// Cross-site request refusal (OWASP: verify the origin with standard headers). The session
// cookie is SameSite=Strict, which a same-site page on another host (a survey host on a
// sibling subdomain) does not trip, so a request that changes something is also refused when
// the browser says it came from another origin. Non-browser clients send neither header.
import type { FastifyRequest } from 'fastify';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why this request is refused as cross-site, or undefined. */
export function crossSiteProblem(request: FastifyRequest): string | undefined {
  if (SAFE.has(request.method)) return undefined;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const hasCookie = typeof request.headers.cookie === 'string' && request.headers.cookie.length > 0;
  if (origin !== undefined) {
    // an opaque origin (sandboxed frame, data: page) never carries a legitimate staff action
    if (origin === 'null') return hasCookie ? 'Запрос из недоверенного источника отклонён' : undefined;
    let same: boolean;
    try {
      const from = new URL(origin);
      // read the Host header through the same parser, so that "host:80" and "host" compare equal
      same = from.host === new URL(`${from.protocol}//${request.host}`).host;
    } catch {
      return 'Запрос из недоверенного источника отклонён';
    }
    if (!same) return 'Запрос с другого сайта отклонён';
  }
  if (hasCookie && (site === 'cross-site' || site === 'same-site')) return 'Запрос с другого сайта отклонён';
  return undefined;
}
