import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import { periodsWithValues } from './aggregation.queries.ts';
import * as indicators from './indicators.service.ts';
import { rates } from './rates.service.ts';
import { IndicatorTable, TableQuery } from './aggregation.schemas.ts';

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const tags = ['aggregation'];

export const aggregationRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  app.get('/indicator-table', {
    schema: { tags, summary: 'Значения показателей по единице и её подразделениям', querystring: TableQuery, response: { 200: IndicatorTable } },
    config: { access: READERS },
    handler: (request) => indicators.table({ db, scope: request.scope }, { ...request.query, indicators: request.query.indicators?.split(',').filter(Boolean) }),
  });
  app.get('/periods', {
    schema: { tags, summary: 'Периоды, за которые есть данные', response: { 200: Type.Array(Type.Object({ label: Type.String(), start: Type.String() })) } },
    config: { access: READERS },
    handler: (request) => periodsWithValues(db, request.scope.path),
  });
  app.get('/campaigns/:id/rates', {
    schema: { tags, summary: 'Отклик: ожидается, начали, завершили, в срок', params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }) },
    config: { access: READERS },
    handler: (request) => rates({ db, clock, scope: request.scope }, request.params.id),
  });
};
