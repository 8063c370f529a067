import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import * as campaigns from '../campaigns/campaigns.service.ts';
import { invite, unsubscribe } from './invitations.service.ts';
import { listMails } from './mails.queries.ts';
import { planReminders } from './reminders.jobs.ts';

type Opts = { db: Db; clock: Clock; publicUrl: string; secret: string; kick: () => void };
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const tags = ['mail'];

export const reminderRoutes: FastifyPluginAsyncTypebox<Opts> = async (app, { db, clock, publicUrl, secret, kick }) => {
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
      const planned = await planReminders({ db, clock, publicUrl, secret }, { now: true, campaignId: request.params.id });
      kick();
      return { planned };
    },
  });
  app.post('/assignments/:id/invitations', {
    schema: { tags, summary: 'Личные приглашения по списку адресов', params: Id, body: Type.Object({ emails: Type.Array(Type.String({ maxLength: 254 }), { minItems: 1, maxItems: 2000 }) }, { additionalProperties: false }), response: { 200: Type.Object({ invited: Type.Integer(), skipped: Type.Integer() }) } },
    config: { access: ['admin', 'analyst', 'coordinator'] },
    handler: async (request) => {
      const result = await invite({ db, clock, scope: request.scope, publicUrl, secret }, request.params.id, request.body.emails);
      kick();
      return result;
    },
  });
  app.get('/public/unsubscribe', {
    schema: { tags, summary: 'Отписаться от напоминаний по личной ссылке', querystring: Type.Object({ t: Type.String({ minLength: 20, maxLength: 100 }) }, { additionalProperties: false }) },
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const ok = await unsubscribe(db, request.query.t, clock.now());
      return reply
        .status(ok ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><html lang="ru"><meta name="viewport" content="width=device-width"><body style="font-family:sans-serif;padding:24px"><h1>${ok ? 'Вы отписались' : 'Ссылка не найдена'}</h1><p>${ok ? 'Напоминания об этом опросе больше не придут.' : 'Возможно, ссылка устарела.'}</p></body></html>`);
    },
  });
};
