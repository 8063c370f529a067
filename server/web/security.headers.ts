// Security headers on every answer — pages, assets, the service worker, API JSON, 404s and
// /api/docs — as helmet computes them. The CSP is the second wall behind the markup policy
// (forms/markup/html.policy.ts): if a form's HTML ever slips past the sanitiser, no inline
// script, handler or javascript: URL runs, and nothing can be sent or loaded off-site.
import { createHash } from 'node:crypto';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

// tests/server/security/headers.test.ts spells the same directives out on its own, so that a
// change here is a change there too
function contentSecurityPolicy({ https }: { https: boolean }) {
  return {
    'default-src': ["'self'"],
    // no 'unsafe-inline', no 'unsafe-eval': Vite emits module files only, survey-core evaluates
    // expressions with its own parser, Swagger UI's page loads its initializer as a file
    'script-src': ["'self'"],
    // 'unsafe-inline' because survey-react-ui renders <style> elements of theme variables into
    // every survey (generateStylesheet; one of them computed from the live page) and
    // survey-core's icon sprite carries a style attribute (the timer icon); without it each
    // survey is refused those styles (tests/e2e/xss.test.ts tries a strict style-src). Inline CSS cannot run script, and with
    // img-src/font-src/connect-src 'self' it cannot send a page's content anywhere; stored form
    // markup may carry no style at all (the markup policy strips style attributes and <style>).
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    // the respondent page registers /sw.js
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // over plain http (a school's LAN, the tests) it would send every asset to an https port
    // that is not there
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The page's policy with one inline script allowed by its hash (a server-made page, never user text). */
export function policyAllowingScript({ https }: { https: boolean }, script: string) {
  const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  const directives = contentSecurityPolicy({ https });
  return Object.entries({ ...directives, 'script-src': [...directives['script-src'], hash] })
    .map(([name, values]) => [name, ...values].join(' '))
    .join(';');
}

/**
 * The headers helmet would set, computed once. (@fastify/helmet builds a new helmet middleware,
 * parsing every option again, on each request: a fifth of a public answer's CPU in bench:submit.)
 * Helmet writes them onto a response object; this one keeps them instead.
 */
function helmetHeaders({ https }: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)), removeHeader: (name: string) => void delete headers[name.toLowerCase()] };
  helmet({
    // exactly these directives: helmet's defaults would add others (font-src https:, style-src https:)
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy({ https }) },
    xFrameOptions: { action: 'deny' },
    // survey links carry a personal token in ?t=; no page of ours hands its address to anyone
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // only over https: browsers ignore it on http, and it would claim a promise the server cannot keep
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
  })({} as never, res as never, () => {});
  return headers;
}

export async function registerSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }) {
  const headers = helmetHeaders({ https });
  // onRequest, so that every answer has them, errors and 404s included; a route may override
  // one afterwards (the QR sheet's script hash)
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
