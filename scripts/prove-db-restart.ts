// `npm run prove:db-restart [-- --duration 60 --clients 20 --outages 2 --outage 10]`: the load of
// prove:load against a private PostgreSQL instance (never the shared one) that is stopped
// mid-load for `outage` seconds, `outages` times. While it is down the server must answer 503
// fast (no 503 slower than 3 s, no reply slower than 5 s) and its health check must say why;
// when it is back the same process must recover by itself within 5 s; and at the end stored =
// acknowledged with the counters equal to a recount. Prints the checks not met; the last line is
// JSON; the exit code is 1 when the proof does not hold.
import { parseArgs } from 'node:util';
import { postgresDatabase } from '../server/db/db.client.ts';
import { report } from './prove/prove.report.ts';
import { startPrivatePostgres } from './prove/prove.postgres.ts';
import { restartDatabaseMidLoad, type Health } from './prove/prove.scenarios.ts';
import { startServer } from './prove/prove.server.ts';

type Result = Awaited<ReturnType<typeof restartDatabaseMidLoad>>;

const healthText = (h: Health) => (h.status ? `${h.status} in ${h.ms} ms: ${h.body.database?.error ?? '(no reason given)'}` : `no answer (${h.error}) in ${h.ms} ms`);

function print(r: Result, outages: number, rss: { start: number; end: number }) {
  const slowest503 = r.stats.slowestMs['503'] ?? 0;
  const errors500 = Object.entries(r.stats.statuses).filter(([s]) => Number(s) >= 500 && s !== '503').reduce((n, [, c]) => n + c, 0);
  // PostgreSQL is stopped, so the true reason is a refused or ended connection: the health
  // check's own "timeout after 2 s" means the pool was waiting instead of trying
  const checks: Record<string, boolean> = {
    'health answered 503 within 2.5 s': r.windows.every((w) => w.healthDown.status === 503 && w.healthDown.ms < 2500),
    'health named the cause (not its own timeout)': r.windows.every((w) => /refused|terminat|connect|shut/i.test(w.healthDown.body.database?.error ?? '')),
    'every 503 within 3 s (the public deadline is 2.5 s)': slowest503 < 3000,
    'no reply slower than 5 s': r.stats.hangCount === 0,
    'the same process throughout': r.deaths === 0,
    'healthy within 5 s of PostgreSQL returning': r.windows.every((w) => w.recoveredMs < 5000),
    'no 5xx but 503': errors500 === 0,
    'nothing acknowledged before an outage missing after it': r.windows.every((w) => w.missingAfter === 0),
  };
  const failed = Object.keys(checks).filter((k) => !checks[k]);
  for (const [i, w] of r.windows.entries()) if (w.died) console.log(`outage ${i + 1}: the server process DIED (exit ${w.died.code ?? w.died.signal}) and was started again by this proof; its last words:\n${w.died.log}`);
  if (r.stats.slow.length) console.log(`replies over 1 s (status@start→duration, ms into the load): ${r.stats.slow.slice(0, 12).map((s) => `${s.key}@${s.startedAt}→${s.ms}`).join(' ')}`);
  if (failed.length) console.log(`NOT MET: ${failed.join('; ')}`);
  report('database restart mid-load', r.stats, r.verdict, {
    ok: failed.length === 0,
    rows: [
      ...r.windows.flatMap((w, i): [string, string | number][] => [
        [`outage ${i + 1}: health while down`, healthText(w.healthDown)],
        [`outage ${i + 1}: 503 answers while down`, w.answers503],
        [`outage ${i + 1}: server process`, w.died ? `DIED (exit ${w.died.code ?? w.died.signal}), restarted` : 'kept running'],
        [`outage ${i + 1}: PostgreSQL up → health 200, ms`, `${w.recoveredMs}${w.died ? ' (a new process)' : ''}`],
        [`outage ${i + 1}: acknowledged before, missing after`, `${w.acknowledgedBefore}, ${w.missingAfter}`],
      ]),
      ['slowest 503 answer, ms', slowest503],
      ['replies over 1 s / over 5 s (hangs)', `${r.stats.slowCount} / ${r.stats.hangCount}`],
      ['5xx other than 503', errors500],
      ['server deaths', r.deaths],
      ['server RSS start → end, MiB', `${rss.start} → ${rss.end}${r.deaths ? ' (the end is a restarted process)' : ''}`],
    ],
    json: {
      outages, not_met: failed, deaths: r.deaths, slowest_503_ms: slowest503, replies_over_1s: r.stats.slowCount, hangs_over_5s: r.stats.hangCount, errors_500: errors500,
      rss_start_mib: rss.start, rss_end_mib: rss.end,
      windows: r.windows.map((w) => ({ health: w.healthDown.status, health_ms: w.healthDown.ms, reason: w.healthDown.body.database?.error ?? w.healthDown.error, answers_503: w.answers503, died: w.died ? (w.died.code ?? w.died.signal) : null, recovered_ms: w.recoveredMs, missing_after: w.missingAfter })),
    },
  });
}

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
    const start = server.rssMiB();
    const r = await restartDatabaseMidLoad({ server, pg, db: database.db, shape, outages, outageMs: Number(values.outage) * 1000, every: { ms: duration / (outages + 1) } });
    print(r, outages, { start, end: server.rssMiB() });
  } finally {
    await server.dispose();
    await database.close();
    pg.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
