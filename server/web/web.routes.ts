// Serves the built web app: hashed assets cached for a year, precompressed (brotli, gzip);
// every other non-API path gets index.html so that the client router can take it. A parent's
// link (/s/<code>) gets a variant that preloads the survey's chunks and the form itself, so
// that a slow phone fetches them in parallel instead of one after another.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const RESPONDENT = 'src/pages/respond/RespondentPage.tsx';

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>;

/** index.html with modulepreload/preload links for the respondent chunk and everything it imports. */
function respondentIndex(dir: string, index: string): string {
  const path = join(dir, '.vite/manifest.json');
  if (!existsSync(path)) return index;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const files = new Set<string>();
  const css = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.css?.forEach((c) => css.add(c));
    chunk.imports?.forEach(walk);
  };
  walk(RESPONDENT);
  const links = [...[...files].map((f) => `<link rel="modulepreload" href="/${f}">`), ...[...css].map((c) => `<link rel="stylesheet" href="/${c}">`)].join('');
  return index.replace('</head>', `${links}</head>`);
}

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
  const respondent = respondentIndex(dir, readFileSync(join(dir, 'index.html'), 'utf8'));
  app.get('/s/:code', { config: { access: 'public' } }, async (request, reply) => {
    const code = String((request.params as { code: string }).code);
    // the form request starts with the page; the page's own fetch of the same URL picks it up
    const token = (request.query as { t?: string }).t;
    const query = token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? `?t=${token}` : '';
    const form = /^[a-z0-9]{4,16}$/.test(code) ? `<link rel="preload" href="/api/public/s/${code}${query}" as="fetch" crossorigin="anonymous">` : '';
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(respondent.replace('</head>', `${form}</head>`));
  });
  return true;
}
