import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Database } from '../db/db.client.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Object({ kind: Type.String(), ok: Type.Boolean(), latencyMs: Type.Number(), error: Type.Optional(Type.String()) }),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database }> = async (app, { database }) => {
  app.get('/', {
    schema: { tags: ['health'], summary: 'Проверка сервера и базы данных', response: { 200: Health, 503: Health } },
    config: { access: 'public' },
    handler: async (_request, reply) => {
      const started = performance.now();
      try {
        await Promise.race([
          database.db.execute(sql`select 1`),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2 s')), 2000).unref()),
        ]);
        return { status: 'ok' as const, database: { kind: database.kind, ok: true, latencyMs: Math.round(performance.now() - started) } };
      } catch (error) {
        // drizzle wraps the driver's error; the reason (ECONNREFUSED, 57P01 …) is in its cause
        const reason = ((error as { cause?: Error }).cause ?? (error as Error)).message;
        return reply.status(503).send({
          status: 'unavailable',
          database: { kind: database.kind, ok: false, latencyMs: Math.round(performance.now() - started), error: reason.slice(0, 200) },
        });
      }
    },
  });
};
