import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import { AssignmentResponse, IdParams, ReopenBody, ReturnBody } from '../campaigns/campaigns.schemas.ts';
import { AnswersBody, CodeParams, PublicForm, PublicSubmitBody, SelfReportState, SubmitResult, TokenQuery } from './responses.schemas.ts';
import * as publicLinks from './public.service.ts';
import * as selfReports from './self-report.service.ts';
import type { Batcher } from './submission.batcher.ts';
import { AppError } from '../shared/errors.ts';

// A phone must not wait on a database that is gone: past this the answer is a 503 and the client
// retries with the same response id (which finds the first result if the write went through late).
const PUBLIC_DEADLINE_MS = 2500;
function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError(503, 'db.unavailable', 'База данных временно недоступна, повторите попытку')), PUBLIC_DEADLINE_MS);
  });
  work.catch(() => {}); // a late failure after the 503 has nobody left to tell
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const STAFF = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const REVIEWERS = ['admin', 'analyst'] as const;

export const selfReportRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const ctx = (request: { scope: Parameters<typeof selfReports.state>[0]['scope'] }) => ({ db, clock, scope: request.scope });
  const tags = ['self-reports'];
  app.get('/:id/report', {
    schema: { tags, summary: 'Отчёт организации: форма, черновик, прошлые значения, история', params: IdParams, response: { 200: SelfReportState } },
    config: { access: STAFF },
    handler: (request) => selfReports.state(ctx(request), request.params.id),
  });
  app.put('/:id/draft', {
    schema: { tags, summary: 'Сохранить черновик', params: IdParams, body: AnswersBody, response: { 200: Type.Object({ savedAt: Type.String() }) } },
    config: { access: ['coordinator'] },
    handler: (request) => selfReports.saveDraft(ctx(request), request.params.id, request.body.data),
  });
  app.post('/:id/submit', {
    schema: { tags, summary: 'Отправить отчёт', params: IdParams, body: AnswersBody, response: { 200: SelfReportState } },
    config: { access: ['coordinator'] },
    handler: (request) => selfReports.submit(ctx(request), request.params.id, request.body.data),
  });
  app.post('/:id/return', {
    schema: { tags, summary: 'Вернуть на доработку', params: IdParams, body: ReturnBody, response: { 200: AssignmentResponse } },
    config: { access: REVIEWERS },
    handler: (request) => selfReports.returnForCorrection(ctx(request), request.params.id, request.body.comment),
  });
  app.post('/:id/accept', {
    schema: { tags, summary: 'Принять отчёт', params: IdParams, response: { 200: AssignmentResponse } },
    config: { access: REVIEWERS },
    handler: (request) => selfReports.accept(ctx(request), request.params.id),
  });
  app.post('/:id/reopen', {
    schema: { tags, summary: 'Открыть отчёт после срока', params: IdParams, body: ReopenBody, response: { 200: AssignmentResponse } },
    config: { access: REVIEWERS },
    handler: (request) => selfReports.reopen(ctx(request), request.params.id, request.body.until),
  });
};

export const publicRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock; batcher: Batcher; rateLimit: number }> = async (app, { db, clock, batcher, rateLimit }) => {
  const tags = ['public'];
  // per-IP limits live in memory: nothing that identifies a respondent is stored
  const limit = rateLimit > 0 ? { max: rateLimit, timeWindow: '1 minute' } : false;
  app.get('/s/:code', {
    schema: { tags, summary: 'Форма опроса по коду ссылки', params: CodeParams, querystring: TokenQuery, response: { 200: PublicForm } },
    config: { access: 'public', rateLimit: limit },
    handler: async (request, reply) => {
      const form = await withinDeadline(publicLinks.open({ db, clock, batcher }, request.params.code, request.query.t));
      // the form of an open link is cacheable for a short while (state changes at deadlines);
      // a personal link's answer depends on its token and is never shared
      reply.header('cache-control', request.query.t ? 'private, no-store' : 'public, max-age=60');
      return form;
    },
  });
  app.post('/s/:code/start', {
    schema: { tags, summary: 'Отметить начало заполнения', params: CodeParams, response: { 204: Type.Null() } },
    config: { access: 'public', rateLimit: limit },
    handler: async (request, reply) => {
      await publicLinks.start({ db, clock, batcher }, request.params.code);
      return reply.status(204).send(null);
    },
  });
  app.post('/s/:code/responses', {
    schema: { tags, summary: 'Отправить ответ (повтор с тем же id не создаёт второй ответ)', params: CodeParams, body: PublicSubmitBody, response: { 200: SubmitResult, 201: SubmitResult } },
    config: { access: 'public', rateLimit: limit },
    bodyLimit: 256 * 1024,
    // the answer is a few hundred bytes of JSON each way: the compression hooks would only
    // look at it and let it pass, on the busiest route of a collection
    compress: false,
    decompress: false,
    handler: async (request, reply) => {
      const result = await withinDeadline(publicLinks.submit({ db, clock, batcher }, request.params.code, request.body.id, request.body.data, request.body.token));
      return reply.status(result.status === 'stored' ? 201 : 200).send(result);
    },
  });
};
