// Authentication and the access rule of every route. A JWT (@fastify/jwt) travels in an
// httpOnly cookie for the web or as a Bearer token for the API. Each /api route must declare
// `config.access`; a route without one fails at start, so no route is open by accident.
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/db.client.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { COOKIE_NAME, TOKEN_TTL_SECONDS, type Access, type Scope } from './auth.schemas.ts';
import { loadCaller, scopeOf } from './auth.service.ts';

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
    payload: { sub: string };
    user: { sub: string; iat: number; exp: number };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const JWT_ERRORS: Record<string, [string, string]> = {
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: ['auth.expired', 'Сеанс истёк, войдите снова'],
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: ['auth.required', 'Требуется вход в систему'],
  FST_JWT_NO_AUTHORIZATION_IN_COOKIE: ['auth.required', 'Требуется вход в систему'],
};

async function authenticate(request: FastifyRequest, db: Db): Promise<Scope> {
  try {
    await request.jwtVerify();
  } catch (error) {
    const [code, message] = JWT_ERRORS[(error as { code?: string }).code ?? ''] ?? ['auth.invalid_token', 'Недействительный токен, войдите снова'];
    throw new AppError(401, code, message);
  }
  // a token signed with our key but carrying no user id is as good as a forged one
  if (typeof request.user.sub !== 'string' || !UUID.test(request.user.sub)) throw new AppError(401, 'auth.invalid_token', 'Недействительный токен, войдите снова');
  return scopeOf(await loadCaller(db, request.user.sub));
}

export const authPlugin = fp(async (app: FastifyInstance, { db, secret }: { db: Db; secret: string }) => {
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret,
    sign: { expiresIn: TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    verify: { algorithms: ['HS256'] },
    cookie: { cookieName: COOKIE_NAME, signed: false },
  });
  app.decorateRequest('scope', null as unknown as Scope);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access && !route.url.startsWith('/api/docs')) {
      throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    }
  });

  // onRequest: an anonymous or forbidden caller is refused before the body is even parsed
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    request.scope = await authenticate(request, db);
    if (!access.includes(request.scope.role)) throw forbidden();
  });
});
