import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import { TableQuery } from '../aggregation/aggregation.schemas.ts';
import { indicatorSheet, ratesSheet, responsesSheet } from './exports.service.ts';
import { csvStream, xlsxStream, type Sheet } from './exports.writers.ts';

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
const tags = ['exports'];

function send(reply: FastifyReply, sheet: Sheet, format: 'csv' | 'xlsx', base: string) {
  const file = `${base}.${format}`;
  return reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${file.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`)
    .send(format === 'csv' ? csvStream(sheet) : xlsxStream(sheet));
}

export const exportRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const ctx = (request: { scope: Parameters<typeof indicatorSheet>[0]['scope'] }) => ({ db, clock, scope: request.scope });
  app.get('/exports/indicators', {
    schema: { tags, summary: 'Таблица показателей (CSV/XLSX), скрытые ячейки — «n < 5»', querystring: Type.Object({ ...TableQuery.properties, format: Format }, { additionalProperties: false }) },
    config: { access: READERS },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const sheet = await indicatorSheet(ctx(request), { ...query, indicators: query.indicators?.split(',').filter(Boolean) });
      return send(reply, sheet, format, `показатели-${query.catalogue}-${query.period}`);
    },
  });
  const CampaignParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
  app.get('/exports/campaigns/:id/rates', {
    schema: { tags, summary: 'Отклик по организациям (CSV/XLSX)', params: CampaignParams, querystring: Type.Object({ format: Format }, { additionalProperties: false }) },
    config: { access: READERS },
    handler: async (request, reply) => send(reply, await ratesSheet(ctx(request), request.params.id), request.query.format, 'отклик'),
  });
  app.get('/exports/campaigns/:id/responses', {
    schema: { tags, summary: 'Ответы (подписи или коды); опросы организаций с n < 5 не выгружаются', params: CampaignParams, querystring: Type.Object({ format: Format, labels: Type.Optional(Type.Boolean()) }, { additionalProperties: false }) },
    config: { access: ['admin', 'analyst', 'viewer'] },
    handler: async (request, reply) => send(reply, await responsesSheet(ctx(request), request.params.id, request.query.labels ?? true), request.query.format, 'ответы'),
  });
};
