import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import * as campaigns from '../campaigns/campaigns.service.ts';
import { invite, unsubscribe } from './invitations.service.ts';
import { listMails } from './mails.queries.ts';
import { planReminders } from './reminders.jobs.ts';

type Opts = { db: Db; clock: Clock; publicUrl: string; surveyUrl: string; secret: string; kick: () => void };
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const tags = ['mail'];

export const reminderRoutes: FastifyPluginAsyncTypebox<Opts> = async (app, { db, clock, publicUrl, surveyUrl, secret, kick }) => {
  app.get('/mails', {
    schema: { tags, summary: 'Исходящие письма (запланированные и отправленные)', querystring: Type.Object({ campaign: Type.Optional(Type.String({ format: 'uuid' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false }) },
    config: { access: ['admin', 'analyst'] },
    handler: (request) => listMails(db, request.scope, request.query.campaign, request.query.limit ?? 200),
  });
  app.post('/campaigns/:id/remind', {
    schema: { tags, summary: 'Напомнить отстающим сейчас', params: Id, response: { 200: Type.Object({ planned: Type.Integer() }) } },
    config: { access: ['admin', 'analyst'] },
    handler: async (request) => {
      await campaigns.get({ db, clock, scope: request.scope }, request.params.id);
      const planned = await planReminders({ db, clock, publicUrl, surveyUrl, secret }, { now: true, campaignId: request.params.id });
      kick();
      return { planned };
    },
  });
  app.post('/assignments/:id/invitations', {
    schema: { tags, summary: 'Личные приглашения по списку адресов', params: Id, body: Type.Object({ emails: Type.Array(Type.String({ maxLength: 254 }), { minItems: 1, maxItems: 2000 }) }, { additionalProperties: false }), response: { 200: Type.Object({ invited: Type.Integer(), skipped: Type.Integer() }) } },
    config: { access: ['admin', 'analyst', 'coordinator'] },
    handler: async (request) => {
      const result = await invite({ db, clock, scope: request.scope, surveyUrl, secret }, request.params.id, request.body.emails);
      kick();
      return result;
    },
  });
  // the unsubscribe page's plain HTML form posts url-encoded fields; only these routes accept them
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    plain.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
    // GET only shows a button: mail scanners that follow links must not unsubscribe anyone
    const Token = Type.Object({ t: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });
    const page = (title: string, body: string) =>
      `<!doctype html><html lang="ru"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><body style="font-family:sans-serif;padding:24px;max-width:560px"><h1>${title}</h1>${body}</body></html>`;
    scope.get('/public/unsubscribe', {
      schema: { tags, summary: 'Страница отписки от напоминаний (кнопка подтверждения)', querystring: Token },
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      handler: async (request, reply) =>
        reply.type('text/html; charset=utf-8').send(page('Отписаться от напоминаний?', `<p>Напоминания об этом опросе больше не будут приходить на ваш адрес.</p><form method="post" action="/api/public/unsubscribe"><input type="hidden" name="t" value="${request.query.t}"><button type="submit" style="font-size:18px;padding:12px 20px">Отписаться</button></form>`)),
    });
    scope.post('/public/unsubscribe', {
      schema: { tags, summary: 'Отписаться (в том числе одним нажатием по RFC 8058)', body: Token },
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      handler: async (request, reply) => {
        const ok = await unsubscribe(db, request.body.t, clock.now());
        return reply
          .status(ok ? 200 : 404)
          .type('text/html; charset=utf-8')
          .send(ok ? page('Вы отписались', '<p>Напоминания об этом опросе больше не придут.</p>') : page('Ссылка не найдена', '<p>Возможно, ссылка устарела.</p>'));
      },
    });
  });
};
