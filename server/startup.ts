// What a start does before it serves, in one place for server/main.ts, scripts/create-admin.ts
// and the tests: take the PGlite folder, open and migrate the database, load the demo data only
// where the configuration says (config.demo, from DEMO_DATA), bring the catalogues up to date.
import { usersTable } from '../drizzle/schema/index.ts';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoData } from '../scripts/demo-data.ts';
import { syncCatalogues } from './catalogues/catalogues.sync.ts';
import type { Config } from './config.ts';
import { DataFolderBusyError, lockDataFolder } from './db/data-lock.ts';
import { openDatabase, type Database, type Db } from './db/db.client.ts';

/** A problem the operator fixes from its message alone: printed without a stack, exit code 2. */
export class StartupError extends Error {}

const databaseName = (database: Config['database']) => (database.kind === 'postgres' ? 'DATABASE_URL' : database.dir);

/** The configured database, migrated; on PGlite its folder belongs to this process until `close()`. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  let lock;
  try {
    lock = config.database.kind === 'pglite' ? await lockDataFolder(config.database.dir) : undefined;
  } catch (error) {
    throw error instanceof DataFolderBusyError ? new StartupError(error.message) : error;
  }
  let database: Database | undefined;
  try {
    database = await openDatabase(config.database);
    await database.migrate();
  } catch (error) {
    await database?.close().catch(() => {});
    await lock?.release();
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    throw new StartupError(`Cannot prepare the database (${databaseName(config.database)}): ${cause.message}`);
  }
  const opened = database;
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await lock?.release();
    },
  };
}

export type Prepared = {
  demo: boolean;
  // anything of the demo tree or users was missing and has been added
  demoAdded: boolean;
  anyUser: boolean;
  catalogues: Awaited<ReturnType<typeof syncCatalogues>>;
};

/** The data a start brings in: the demo tree and users when config.demo, then the catalogues. */
export async function prepareData(config: Pick<Config, 'demo'>, db: Db): Promise<Prepared> {
  const demoAdded = config.demo ? await loadDemoData(db) : false;
  const catalogues = await syncCatalogues(db);
  const anyUser = (await db.$count(usersTable)) > 0;
  return { demo: config.demo, demoAdded, anyUser, catalogues };
}

/** What the console shows once the server listens: where it is, and how to log in. */
export function startupLines(config: Config, prepared: Prepared): string[] {
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    `\nМониторинг качества образования: ${config.publicUrl}  (database: ${where}${prepared.demoAdded ? ', demo data loaded' : ''})`,
    `API docs: ${config.publicUrl}/api/docs`,
    `Catalogues: ${prepared.catalogues.map((s) => `${s.code} ${s.status}${'version' in s ? ' v' + s.version : ''}`).join(', ')}`,
  ];
  if (prepared.demo) {
    lines.push(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.role.padEnd(11)} ${u.email.padEnd(32)} ${u.organisationCode}`);
  } else if (!prepared.anyUser) {
    // admin:create needs the PGlite folder, which this server holds
    const how = config.database.kind === 'pglite' ? 'stop this server, then run with the same DATA_DIR' : 'run with the same DATABASE_URL';
    lines.push(`No user yet. To create the first administrator, ${how}:`, '  npm run admin:create -- --email you@example.ru');
  }
  return lines;
}
