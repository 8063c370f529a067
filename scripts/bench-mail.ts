// `npm run bench:mail [count]`: 100,000 planned reminders sent through nodemailer to a local
// SMTP server (smtp-server on loopback) by two worker processes on one PostgreSQL. Prints
// mails/s and the count of duplicates and losses (both must be 0); the last line is JSON.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { postgresDatabase } from '../server/db/db.client.ts';
import { withBenchDb } from './bench/bench.helpers.ts';

const run = promisify(execFile);

function startSmtp(seen: Map<string, number>) {
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 64,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^X-Bench-Id: (\S+)/im.exec(head)?.[1] ?? /^Subject: (bench-\d+)/im.exec(head)?.[1] ?? 'unknown';
        seen.set(id, (seen.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`, close: () => server.close() })),
  );
}

async function main() {
  const count = Number(process.argv[2] ?? 100_000);
  await withBenchDb('bench_mail', async (url) => {
    const database = postgresDatabase(url, { max: 2 });
    await database.migrate();
    // the planned reminders, as the scheduler would leave them: due now, one recipient each
    await database.db.execute(sql`
      insert into mails (dedupe_key, template, recipient, subject, text, html, planned_at)
      select 'bench:' || n, 'bench', 'parent' || n || '@example.ru', 'bench-' || n, 'Напоминание', '<p>Напоминание</p>', now() - interval '1 minute'
      from generate_series(1, ${count}) n`);
    const seen = new Map<string, number>();
    const smtp = await startSmtp(seen);
    console.log(`planned ${count} mails; two workers start`);
    const started = performance.now();
    const workers = await Promise.all([1, 2].map(() => run(process.execPath, ['--import', 'tsx', 'scripts/bench/mail-worker.ts', url, smtp.url], { maxBuffer: 1 << 20 })));
    const seconds = (performance.now() - started) / 1000;
    smtp.close();
    const perWorker = workers.map((w) => JSON.parse(w.stdout.trim().split('\n').at(-1)!).sent as number);
    const [{ sent }] = (await database.db.execute(sql`select count(*)::int as sent from mails where state = 'sent'`)) as unknown as { sent: number }[];
    await database.close();
    const duplicates = [...seen.values()].reduce((n, c) => n + (c > 1 ? c - 1 : 0), 0);
    const lost = count - [...seen.keys()].filter((k) => k.startsWith('bench-')).length;
    const mailsPerS = Math.round(count / seconds);
    console.log(`sent ${count} in ${seconds.toFixed(1)} s: ${mailsPerS} mails/s; worker 1: ${perWorker[0]}, worker 2: ${perWorker[1]}; marked sent in the database: ${sent}`);
    console.log(`duplicates: ${duplicates}, lost: ${lost}`);
    console.log(JSON.stringify({ mails_per_s: mailsPerS, duplicates, lost }));
    if (duplicates || lost) process.exitCode = 1;
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
