import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import { CatalogueDetail, CatalogueParams, CatalogueSummary, IndicatorHit, SearchQuery, VariableHit, VersionQuery } from './catalogues.schemas.ts';
import * as catalogues from './catalogues.service.ts';

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const tags = ['catalogues'];

export const catalogueRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/catalogues', {
    schema: { tags, summary: 'Каталоги показателей (последние версии)', response: { 200: Type.Array(CatalogueSummary) } },
    config: { access: READERS },
    handler: (request) => catalogues.list({ db, scope: request.scope }),
  });
  app.get('/catalogues/:code', {
    schema: { tags, summary: 'Каталог: направления, треки, показатели', params: CatalogueParams, querystring: VersionQuery, response: { 200: CatalogueDetail } },
    config: { access: READERS },
    handler: (request) => catalogues.get({ db, scope: request.scope }, { code: request.params.code, version: request.query.version }),
  });
  app.get('/catalogues/:code/versions', {
    schema: { tags, params: CatalogueParams, response: { 200: Type.Array(CatalogueSummary) } },
    config: { access: READERS },
    handler: (request) => catalogues.versions({ db, scope: request.scope }, request.params.code),
  });
  app.get('/indicators', {
    schema: { tags, summary: 'Поиск показателей по названию', querystring: SearchQuery, response: { 200: Type.Array(IndicatorHit) } },
    config: { access: READERS },
    handler: (request) => catalogues.search({ db, scope: request.scope }, request.query),
  });
  app.get('/variables', {
    schema: { tags, summary: 'Словарь переменных', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }), response: { 200: Type.Array(VariableHit) } },
    config: { access: READERS },
    handler: (request) => catalogues.variables({ db, scope: request.scope }, request.query),
  });
};
