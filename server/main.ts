// Entry point: read the config, take and migrate the database, load what the start loads
// (server/startup.ts), listen, and close cleanly on SIGINT/SIGTERM.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { CatalogueInvalidError } from './catalogues/catalogues.sync.ts';
import { openConfiguredDatabase, prepareData, startupLines, StartupError } from './startup.ts';

async function main() {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const prepared = await prepareData(config, database.db);
  const app = await buildApp({ config, database, runJobs: true });
  // also releases the PGlite folder
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
  for (const line of startupLines(config, prepared)) console.log(line);
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
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof CatalogueInvalidError ? error.message : error);
  process.exit(1);
});
