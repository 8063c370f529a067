// A fresh migrated database per test file (or per test), cloned from the run's template.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { pgliteDatabase, postgresDatabase, type Database } from '../../server/db/db.client.ts';
import { inject } from 'vitest';
import { postgresNames } from './test-db.shared.ts';

export const driver = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export async function createTestDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(inject('templatePath'))]) });
    return pgliteDatabase(client);
  }
  const names = postgresNames(url);
  const template = inject('templatePath');
  const name = `${names.base}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(names.admin, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const database = postgresDatabase(names.at(name), { max: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const drop = postgres(names.admin, { max: 1, onnotice: () => {} });
      await drop.unsafe(`drop database if exists "${name}" with (force)`);
      await drop.end();
    },
  };
}
