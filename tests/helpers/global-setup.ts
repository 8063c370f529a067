// Migrates one template database for the whole run; every test file clones it.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { pgliteDatabase, postgresDatabase } from '../../server/db/db.client.ts';
import { PGLITE_TEMPLATE, postgresNames } from './test-db.shared.ts';

/** The e2e tests need the built web app; build it when missing or older than its sources. */
function ensureWebBuild() {
  // tests that need no browser can skip it (SKIP_WEB_BUILD=1) while the web sources are mid-edit
  if (process.env.SKIP_WEB_BUILD === '1') return;
  const index = 'web/dist/index.html';
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newest('web/src'), newest('web/public'))) return;
  // vitest sets NODE_ENV=test, which would give React's development build: test what users get
  execSync('npm run build', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export default async function setup({ provide }: TestProject) {
  ensureWebBuild();
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = await PGlite.create();
    const database = pgliteDatabase(client);
    await database.migrate();
    const dump = await client.dumpDataDir('gzip');
    writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    provide('templatePath', PGLITE_TEMPLATE);
    return () => rmSync(PGLITE_TEMPLATE, { force: true });
  }
  const names = postgresNames(url);
  const admin = postgres(names.admin, { max: 1, onnotice: () => {} });
  const dropAll = async () => {
    const dbs = await admin`select datname from pg_database where datname like ${names.base + '\\_%'}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  };
  await dropAll();
  await admin.unsafe(`create database "${names.template}"`);
  const template = postgresDatabase(names.at(names.template), { max: 1 });
  await template.migrate();
  await template.close();
  provide('templatePath', names.template);
  return async () => {
    await dropAll();
    await admin.end();
  };
}
