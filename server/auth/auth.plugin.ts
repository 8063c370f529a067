// Authentication and the access rule of every route. A browser session travels only in the
// httpOnly cookie, an API client's token only as `Authorization: Bearer`; each is a signed
// token (@fastify/jwt) naming a server-side session that logout, deactivation or a password
// change ends at once. Each /api route must declare `config.access`; a route without one fails
// at start, so no route is open by accident.
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/db.client.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { COOKIE_NAME, TOKEN_TTL_SECONDS, type Access, type Scope } from './auth.schemas.ts';
import { crossSiteProblem } from './auth.origin.ts';
import { scopeOf } from './auth.service.ts';
import { callerOf, type TokenClaims } from './sessions.service.ts';
import type { SessionKind } from './sessions.queries.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    scope: Scope;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: TokenClaims & { iat: number; exp: number };
  }
}

const required = () => new AppError(401, 'auth.required', 'Требуется вход в систему');

/** The token and how it came: a Bearer header is an API client, the cookie is a browser. */
export function presentedToken(request: FastifyRequest): { token: string; kind: SessionKind } | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? { token: match[1]!, kind: 'api' } : { token: '', kind: 'api' };
  }
  const cookie = request.cookies[COOKIE_NAME];
  return cookie ? { token: cookie, kind: 'browser' } : undefined;
}

/** Verified claims of the presented token, or undefined when none was presented. */
export function verifiedClaims(app: FastifyInstance, request: FastifyRequest) {
  const presented = presentedToken(request);
  if (!presented) return undefined;
  try {
    return { claims: app.jwt.verify<TokenClaims>(presented.token), kind: presented.kind };
  } catch (error) {
    if ((error as { code?: string }).code === 'FAST_JWT_EXPIRED') throw new AppError(401, 'auth.expired', 'Сеанс истёк, войдите снова');
    throw new AppError(401, 'auth.invalid_token', 'Недействительный токен, войдите снова');
  }
}

async function authenticate(app: FastifyInstance, request: FastifyRequest, db: Db): Promise<Scope> {
  const verified = verifiedClaims(app, request);
  if (!verified) throw required();
  return scopeOf(await callerOf(db, verified.claims, verified.kind));
}

export const authPlugin = fp(async (app: FastifyInstance, { db, secret }: { db: Db; secret: string }) => {
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret,
    sign: { expiresIn: TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    verify: { algorithms: ['HS256'] },
  });
  app.decorateRequest('scope', null as unknown as Scope);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access && !route.url.startsWith('/api/docs')) {
      throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    }
  });

  // onRequest: an anonymous or forbidden caller is refused before the body is even parsed
  app.addHook('onRequest', async (request) => {
    // a page of another site must not act with the staff's cookie (or log someone in)
    const problem = crossSiteProblem(request);
    if (problem) throw new AppError(403, 'auth.cross_site', problem);
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    request.scope = await authenticate(app, request, db);
    if (!access.includes(request.scope.role)) throw forbidden();
  });
});
