// One mail worker process for `npm run bench:mail`: its own connection pool and SMTP pool,
// claiming due mails until none are left — exactly what a server instance's mail loop does.
import { postgresDatabase } from '../../server/db/db.client.ts';
import { createMailer } from '../../server/reminders/mail.transport.ts';
import { sendDue } from '../../server/reminders/reminders.jobs.ts';
import { systemClock } from '../../server/shared/clock.ts';

async function main() {
  const [databaseUrl, smtpUrl] = process.argv.slice(2);
  const database = postgresDatabase(databaseUrl, { max: 4 });
  const mailer = createMailer({ mail: { kind: 'smtp', url: smtpUrl }, publicUrl: 'http://localhost' });
  const ctx = { db: database.db, clock: systemClock, mailer, publicUrl: 'http://localhost', secret: 'bench-secret-bench-secret-bench-secret' };
  let sent = 0;
  for (;;) {
    const r = await sendDue(ctx, 200);
    sent += r.sent;
    if (r.sent + r.retried + r.failed + r.cancelled === 0) break;
  }
  mailer.close();
  await database.close();
  process.stdout.write(JSON.stringify({ sent }) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
