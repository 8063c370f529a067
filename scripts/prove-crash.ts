// `npm run prove:crash [-- --duration 60 --clients 30 --kills 3 --pglite]`: the load of prove:load
// while the server is killed with SIGKILL `kills` times and started again on the same port and
// database. Every answer acknowledged before a kill must be stored after the restart, and at
// the end stored = acknowledged with the counters equal to a recount. On PostgreSQL by default
// (a throw-away database on 127.0.0.1:5432); --pglite: the server's own embedded database, read
// once the server has stopped. The last line is JSON.
import { parseArgs } from 'node:util';
import { postgresDatabase } from '../server/db/db.client.ts';
import { withBenchDb } from './bench/bench.helpers.ts';
import { report } from './prove/prove.report.ts';
import { crashMidLoad, type OpenShape, type Reader } from './prove/prove.scenarios.ts';
import { openPgliteOf, startServer } from './prove/prove.server.ts';

type Run = { duration: number; kills: number; shape: OpenShape; databaseUrl?: string };

async function crashProof({ duration, kills, shape, databaseUrl }: Run) {
  const server = await startServer({ databaseUrl });
  const database = databaseUrl ? postgresDatabase(databaseUrl, { max: 2 }) : undefined;
  const reader: Reader = database ? { db: database.db } : { openAfterStop: openPgliteOf(server) };
  try {
    console.log(`load on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}: ${shape.clients} clients, ${kills + 1} stretches of ${Math.round(duration / (kills + 1) / 1000)} s with a SIGKILL and a restart on the same port between them`);
    const r = await crashMidLoad({ server, reader, shape, kills, every: { ms: duration / (kills + 1) } });
    report('crash mid-load', r.stats, r.verdict, {
      ok: r.lostAcrossCrashes === 0,
      rows: r.crashes.flatMap((c, i): [string, string | number][] => [
        [`kill ${i + 1}: acknowledged before`, c.acknowledgedBefore],
        [`kill ${i + 1}: of those missing after restart`, c.missingAfterRestart],
        [`kill ${i + 1}: kill → healthy again, ms`, c.restartMs],
      ]),
      json: { driver: databaseUrl ? 'postgres' : 'pglite', kills, lost_across_crashes: r.lostAcrossCrashes, crashes: r.crashes },
    });
  } finally {
    await server.dispose();
    await database?.close();
  }
}

async function main() {
  const { values } = parseArgs({ options: {
    duration: { type: 'string', default: '60' }, clients: { type: 'string', default: '30' }, kills: { type: 'string', default: '3' },
    'cut-share': { type: 'string', default: '0.2' }, pglite: { type: 'boolean', default: false },
  } });
  const run = { duration: Number(values.duration) * 1000, kills: Number(values.kills), shape: { clients: Number(values.clients), cutShare: Number(values['cut-share']) } };
  if (values.pglite) await crashProof(run);
  else await withBenchDb('prove_crash', (databaseUrl) => crashProof({ ...run, databaseUrl }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
