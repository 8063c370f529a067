// One `db` object over two drivers: embedded PGlite (a data folder, no server needed) or
// postgres.js against a real PostgreSQL. The same schema, migrations and queries serve both.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema/index.ts';
import type { Config } from '../config.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
// url: set for PostgreSQL, so that a second pool (a second worker, a test) can reach the same database
export type Database = { db: Db; kind: 'pglite' | 'postgres'; url?: string; migrate(): Promise<void>; close(): Promise<void> };

/** Rows of a raw `db.execute`: postgres.js answers an array, PGlite an object holding one. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const dialect = new PgDialect();

/**
 * A hot raw statement as a prepared statement on postgres.js: PostgreSQL parses and plans it
 * once per connection instead of on every call (for the submission batch that was most of
 * PostgreSQL's fixed cost per batch). PGlite and transactions run it as `execute` does.
 */
export async function executePrepared(db: Db, query: SQL): Promise<unknown> {
  // drizzle's postgres.js database carries its client; a PGlite client has no `unsafe`
  const client = (db as unknown as { $client?: { unsafe?: (text: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown> } }).$client;
  if (typeof client?.unsafe !== 'function') return db.execute(query);
  const { sql, params } = dialect.sqlToQuery(query);
  return client.unsafe(sql, params, { prepare: true });
}

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle/migrations');

export function pgliteDatabase(client: PGlite): Database {
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}

export function postgresDatabase(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // fail fast when the server is gone instead of queueing requests forever
    connect_timeout: 3,
    // the default reconnect back-off grows to 20 s: with the database gone every request would
    // wait longer and longer, and the first one after it returns would still be waiting
    backoff: () => 0.1,
    idle_timeout: 60,
  });
  const db = drizzlePostgres(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    url,
    migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.end({ timeout: 5 }),
  };
}

export async function openDatabase(config: Config['database']): Promise<Database> {
  if (config.kind === 'postgres') return postgresDatabase(config.url);
  mkdirSync(config.dir, { recursive: true });
  return pgliteDatabase(await PGlite.create(config.dir));
}
