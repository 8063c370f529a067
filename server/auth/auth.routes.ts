import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import { CallerResponse, ChangePasswordBody, COOKIE_NAME, LoginBody, LoginResponse, ResetConfirmBody, ResetRequestBody, TokenResponse } from './auth.schemas.ts';
import { changePassword, loadCaller, login, publicCaller } from './auth.service.ts';
import { verifiedClaims } from './auth.plugin.ts';
import { confirmPasswordReset, requestPasswordReset, type ResetJobs } from './password-reset.service.ts';
import { closeSession, isSessionId, openSession } from './sessions.service.ts';

const ALL_ROLES = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const tags = ['auth'];
// guesses are limited per address and account, so one office behind a NAT is not locked out by another
const perAccount = (max: number, timeWindow: string) => ({
  max, timeWindow, keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { email?: string })?.email ?? '').toLowerCase()}`,
});

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Db; secureCookie: boolean; jobs: ResetJobs }> = async (app, { db, secureCookie, jobs }) => {
  const cookie = { httpOnly: true, sameSite: 'strict', secure: secureCookie, path: '/' } as const;

  app.post('/login', {
    schema: { tags, summary: 'Вход в веб-интерфейс: сеанс только в httpOnly-cookie', body: LoginBody, response: { 200: LoginResponse } },
    config: { access: 'public', rateLimit: perAccount(10, '1 minute') },
    handler: async (request, reply) => {
      const user = await login({ db, ...request.body });
      const { claims, expiresAt } = await openSession(db, user.id, 'browser');
      reply.setCookie(COOKIE_NAME, await reply.jwtSign(claims), { ...cookie, expires: expiresAt });
      return { expiresAt: expiresAt.toISOString(), user: publicCaller(user) };
    },
  });

  app.post('/token', {
    schema: { tags, summary: 'Токен для API-клиента (заголовок Authorization: Bearer)', body: LoginBody, response: { 200: TokenResponse } },
    config: { access: 'public', rateLimit: perAccount(10, '1 minute') },
    handler: async (request, reply) => {
      const user = await login({ db, ...request.body });
      const { claims, expiresAt } = await openSession(db, user.id, 'api');
      return { token: await reply.jwtSign(claims), expiresAt: expiresAt.toISOString(), user: publicCaller(user) };
    },
  });

  app.post('/logout', {
    schema: { tags, summary: 'Выход: сеанс (или токен) перестаёт действовать сразу', response: { 204: Type.Null() } },
    config: { access: 'public' },
    handler: async (request, reply) => {
      await endPresentedSession(request);
      reply.clearCookie(COOKIE_NAME, cookie);
      return reply.status(204).send(null);
    },
  });

  app.get('/me', {
    schema: { tags, summary: 'Текущий пользователь', response: { 200: CallerResponse } },
    config: { access: ALL_ROLES },
    handler: async (request) => publicCaller(await loadCaller(db, request.scope.userId)),
  });

  app.post('/password', {
    schema: { tags, summary: 'Сменить свой пароль (другие сеансы завершаются)', body: ChangePasswordBody, response: { 204: Type.Null() } },
    config: { access: ALL_ROLES, rateLimit: { max: 10, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      await changePassword(db, request.scope, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  });

  app.post('/password-reset', {
    schema: { tags, summary: 'Забыли пароль: письмо со ссылкой (ответ одинаков для любого адреса)', body: ResetRequestBody, response: { 202: Type.Object({}) } },
    config: { access: 'public', rateLimit: perAccount(5, '15 minutes') },
    handler: async (request, reply) => {
      await requestPasswordReset(db, request.body.email, jobs);
      return reply.status(202).send({});
    },
  });

  app.post('/password-reset/confirm', {
    schema: { tags, summary: 'Установить пароль по ссылке из письма', body: ResetConfirmBody, response: { 204: Type.Null() } },
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      await confirmPasswordReset(db, jobs, request.body.token, request.body.newPassword);
      return reply.status(204).send(null);
    },
  });

  /** Logout ends the session the request presents, if it is a valid one; a bad token changes nothing. */
  async function endPresentedSession(request: FastifyRequest) {
    let verified;
    try {
      verified = verifiedClaims(app, request);
    } catch {
      return;
    }
    if (verified && isSessionId(verified.claims.sid)) await closeSession(db, verified.claims.sid);
  }
};
