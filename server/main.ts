// Entry point: read the config, open and migrate the database, load demo data into an empty
// one, listen, and close cleanly on SIGINT/SIGTERM.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/db.client.ts';
import { CatalogueInvalidError, syncCatalogues } from './catalogues/catalogues.sync.ts';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoData } from '../scripts/demo-data.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
  } catch (error) {
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    console.error(`Cannot prepare the database (${config.database.kind === 'postgres' ? 'DATABASE_URL' : config.database.dir}): ${cause.message}`);
    process.exit(2);
  }
  const seeded = await loadDemoData(database.db);
  const synced = await syncCatalogues(database.db);
  const app = await buildApp({ config, database, runJobs: true });
  app.addHook('onClose', () => database.close());

  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000).unref();
      app.close().then(() => {
        clearTimeout(force);
        process.exit(0);
      });
    });
  }

  await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`\nМониторинг качества образования: ${config.publicUrl}  (database: ${where}${seeded ? ', demo data loaded' : ''})`);
  console.log(`API docs: ${config.publicUrl}/api/docs`);
  console.log(`Catalogues: ${synced.map((s) => `${s.code} ${s.status}${'version' in s ? ' v' + s.version : ''}`).join(', ')}`);
  console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(11)} ${u.email.padEnd(32)} ${u.organisationCode}`);
}

// postgres.js 3.4.9 (porsager/postgres#1208): when PostgreSQL goes away in the middle of a
// transaction, the driver writes its ROLLBACK to a socket it has already dropped, from a
// setImmediate — an uncaught TypeError that would end the whole server. That connection is dead
// anyway and the pool opens new ones, so this one error is logged and survived; any other
// uncaught error still stops the process.
process.on('uncaughtException', (error) => {
  if (error instanceof TypeError && /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')) {
    console.error(`database connection lost mid-transaction (driver error survived): ${error.message}`);
    return;
  }
  console.error(error);
  process.exit(1);
});

main().catch((error) => {
  console.error(error instanceof CatalogueInvalidError ? error.message : error);
  process.exit(1);
});
