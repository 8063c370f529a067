import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import { AuditEntryResponse, AuditQuery } from './audit.schemas.ts';
import * as audit from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/', {
    schema: { tags: ['audit'], summary: 'Журнал действий с учётными записями в пределах доступа', querystring: AuditQuery, response: { 200: Type.Array(AuditEntryResponse) } },
    config: { access: ['admin', 'analyst'] },
    handler: (request) => audit.list({ db, scope: request.scope }, request.query),
  });
};
