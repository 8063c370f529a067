// `npm run prove:load [-- --duration 120 --clients 40 --cut-share 0.2]`: many parents submit to
// the real server on PostgreSQL while a share of their requests is cut and retried with the same
// response id. Prints requests, acknowledged, stored, duplicates, lost, refused-but-stored, the
// recount of the counters and the server's RSS at the start, after warm-up and at the end.
// The last line is JSON; the exit code is 1 when the proof does not hold.
import { parseArgs } from 'node:util';
import { postgresDatabase } from '../server/db/db.client.ts';
import { withBenchDb } from './bench/bench.helpers.ts';
import { report } from './prove/prove.report.ts';
import { loadWithFaults } from './prove/prove.scenarios.ts';
import { startServer } from './prove/prove.server.ts';

async function main() {
  const { values } = parseArgs({ options: {
    duration: { type: 'string', default: '120' }, clients: { type: 'string', default: '40' },
    'cut-share': { type: 'string', default: '0.2' }, 'invalid-share': { type: 'string', default: '0.05' },
  } });
  const duration = Number(values.duration);
  await withBenchDb('prove_load', async (url) => {
    const server = await startServer({ databaseUrl: url });
    const database = postgresDatabase(url, { max: 2 });
    try {
      const shape = { clients: Number(values.clients), durationMs: duration * 1000, cutShare: Number(values['cut-share']), invalidShare: Number(values['invalid-share']) };
      console.log(`load: ${shape.clients} clients for ${duration} s, ${shape.cutShare * 100}% of attempts cut, server pid ${server.pid()}`);
      const r = await loadWithFaults({ baseUrl: server.baseUrl, db: database.db, shape, rss: server.rssMiB });
      const rss = r.rss!;
      // the first samples include the JIT warming up and the pools filling; flat means flat after that
      const warm = rss.samples[Math.min(rss.samples.length - 1, Math.max(1, Math.round(rss.samples.length / 10)))];
      report('load with faults', r.stats, r.verdict, {
        ok: server.alive(),
        rows: [
          ['seconds', r.seconds.toFixed(1)],
          ['acknowledged/s', Math.round(r.verdict.acknowledged / r.seconds)],
          ['server RSS start, MiB', rss.startMiB],
          ['server RSS after warm-up (10%), MiB', warm],
          ['server RSS end, MiB', rss.endMiB],
          ['server RSS peak, MiB', rss.peakMiB],
          ['server alive at the end', server.alive() ? 'yes' : 'NO'],
        ],
        json: { seconds: Number(r.seconds.toFixed(1)), rss_start_mib: rss.startMiB, rss_warm_mib: warm, rss_end_mib: rss.endMiB, rss_peak_mib: rss.peakMiB },
      });
    } finally {
      await server.dispose();
      await database.close();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
