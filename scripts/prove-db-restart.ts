// `npm run prove:db-restart [-- --duration 60 --clients 20 --outages 2 --outage 10]`: the load of
// prove:load against a private PostgreSQL instance (never the shared one) that is stopped
// mid-load for `outage` seconds, `outages` times. While it is down the server must answer 503
// fast and its health check must say why; when it is back the same process must recover by
// itself, and at the end stored = acknowledged with the counters equal to a recount.
import { parseArgs } from 'node:util';
import { postgresDatabase } from '../server/db/db.client.ts';
import { report } from './prove/prove.report.ts';
import { startPrivatePostgres } from './prove/prove.postgres.ts';
import { restartDatabaseMidLoad, type Health } from './prove/prove.scenarios.ts';
import { startServer } from './prove/prove.server.ts';

async function main() {
  const { values } = parseArgs({ options: {
    duration: { type: 'string', default: '60' }, clients: { type: 'string', default: '20' },
    outages: { type: 'string', default: '2' }, outage: { type: 'string', default: '10' }, 'cut-share': { type: 'string', default: '0.1' },
  } });
  const duration = Number(values.duration) * 1000;
  const outages = Number(values.outages);
  const pg = await startPrivatePostgres();
  const url = await pg.createDatabase('prove');
  const server = await startServer({ databaseUrl: url, logLevel: 'fatal' });
  const database = postgresDatabase(url, { max: 2 });
  try {
    const shape = { clients: Number(values.clients), cutShare: Number(values['cut-share']), giveUpMs: 120_000 };
    console.log(`load: ${shape.clients} clients, ${outages + 1} stretches of ${Math.round(duration / (outages + 1) / 1000)} s with PostgreSQL (private, port ${pg.port}) stopped for ${values.outage} s between them`);
    const rssStart = server.rssMiB();
    const r = await restartDatabaseMidLoad({ server, pg, db: database.db, shape, outages, outageMs: Number(values.outage) * 1000, every: { ms: duration / (outages + 1) } });
    const rssEnd = server.rssMiB();
    const slowest503 = r.stats.slowestMs['503'] ?? 0;
    const fast = r.windows.every((w) => w.died || (w.healthDown.status === 503 && w.healthDown.ms < 3000 && w.healthDown.body.database?.error)) && slowest503 < 6000;
    const errors500 = Object.entries(r.stats.statuses).filter(([s]) => Number(s) >= 500 && s !== '503').reduce((n, [, c]) => n + c, 0);
    for (const [i, w] of r.windows.entries()) if (w.died) console.log(`outage ${i + 1}: the server process DIED (exit ${w.died.code ?? w.died.signal}) and was started again by this proof; its last words:\n${w.died.log}`);
    const healthText = (h: Health) => (h.status ? `${h.status} in ${h.ms} ms: ${h.body.database?.error ?? '(no reason given)'}` : `no answer (${h.error}) in ${h.ms} ms`);
    report('database restart mid-load', r.stats, r.verdict, {
      ok: fast && r.deaths === 0 && errors500 === 0 && r.windows.every((w) => w.missingAfter === 0),
      rows: [
        ...r.windows.flatMap((w, i): [string, string | number][] => [
          [`outage ${i + 1}: health while down`, healthText(w.healthDown)],
          [`outage ${i + 1}: 503 answers while down`, w.answers503],
          [`outage ${i + 1}: server process`, w.died ? `DIED (exit ${w.died.code ?? w.died.signal}), restarted` : 'kept running'],
          [`outage ${i + 1}: PostgreSQL up → health 200, ms`, `${w.recoveredMs}${w.died ? ' (a new process)' : ''}`],
          [`outage ${i + 1}: acknowledged before, missing after`, `${w.acknowledgedBefore}, ${w.missingAfter}`],
        ]),
        ['slowest 503 answer, ms', slowest503],
        ['5xx other than 503', errors500],
        ['server deaths', r.deaths],
        ['server RSS start → end, MiB', `${rssStart} → ${rssEnd}${r.deaths ? ' (the end is a restarted process)' : ''}`],
      ],
      json: { outages, deaths: r.deaths, slowest_503_ms: slowest503, errors_500: errors500, rss_start_mib: rssStart, rss_end_mib: rssEnd,
        windows: r.windows.map((w) => ({ health: w.healthDown.status, health_ms: w.healthDown.ms, reason: w.healthDown.body.database?.error ?? w.healthDown.error, answers_503: w.answers503, died: w.died ? (w.died.code ?? w.died.signal) : null, recovered_ms: w.recoveredMs, missing_after: w.missingAfter })) },
    });
  } finally {
    await server.stop();
    await database.close();
    pg.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
