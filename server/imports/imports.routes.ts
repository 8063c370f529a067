import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import { importValues } from './imports.service.ts';

const ImportBody = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    // CSV as text, XLSX as base64
    content: Type.String({ minLength: 1, maxLength: 14_000_000 }),
  },
  { additionalProperties: false },
);

export const importRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.post('/imports/values', {
    schema: { tags: ['imports'], summary: 'Импорт значений переменных (CSV или XLSX): всё или ничего', body: ImportBody, response: { 201: Type.Object({ id: Type.String(), rows: Type.Integer(), fileName: Type.String(), createdAt: Type.String() }) } },
    config: { access: ['admin', 'analyst'] },
    bodyLimit: 15 * 1024 * 1024,
    handler: async (request, reply) => reply.status(201).send(await importValues({ db, scope: request.scope }, request.body)),
  });
};
