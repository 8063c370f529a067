import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import { CallerResponse, COOKIE_NAME, LoginBody, LoginResponse, TOKEN_TTL_SECONDS } from './auth.schemas.ts';
import { loadCaller, login, publicCaller } from './auth.service.ts';

const ALL_ROLES = ['admin', 'analyst', 'coordinator', 'viewer'] as const;

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Db; secureCookie: boolean }> = async (app, { db, secureCookie }) => {
  app.post('/login', {
    schema: { tags: ['auth'], summary: 'Вход по почте и паролю', body: LoginBody, response: { 200: LoginResponse } },
    config: {
      access: 'public',
      rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: string })?.email ?? '').toLowerCase()}` },
    },
    handler: async (request, reply) => {
      const user = await login({ db, ...request.body });
      const token = await reply.jwtSign({ sub: user.id });
      reply.setCookie(COOKIE_NAME, token, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: '/', maxAge: TOKEN_TTL_SECONDS });
      return { token, expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString(), user: publicCaller(user) };
    },
  });

  app.post('/logout', {
    schema: { tags: ['auth'], summary: 'Выход', response: { 204: Type.Null() } },
    config: { access: 'public' },
    handler: async (_request, reply) => {
      reply.clearCookie(COOKIE_NAME, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'Текущий пользователь', response: { 200: CallerResponse } },
    config: { access: ALL_ROLES },
    handler: async (request) => publicCaller(await loadCaller(db, request.scope.userId)),
  });
};
