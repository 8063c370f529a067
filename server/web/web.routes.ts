// Serves the built web app: hashed assets cached for a year, precompressed (brotli, gzip);
// every other non-API path gets index.html so that the client router can take it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function registerWeb(app: FastifyInstance, dir = WEB_DIST) {
  if (!existsSync(join(dir, 'index.html'))) {
    app.get('/', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<p>Веб-интерфейс не собран: выполните <code>npm run build</code>. API: <a href="/api/docs">/api/docs</a></p>'),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root: dir,
    preCompressed: true,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  return true;
}

