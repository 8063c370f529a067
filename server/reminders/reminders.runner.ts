// The job loop of a running server: open scheduled campaigns, plan due reminders, then send
// until nothing is due. Any
// number of server instances may run it; the outbox's SKIP LOCKED claim keeps them apart.
import type { FastifyBaseLogger } from 'fastify';
import type { Mailer } from './mail.transport.ts';
import { planReminders, sendDue, type JobCtx } from './reminders.jobs.ts';
import { openDue } from '../campaigns/schedules.service.ts';

export function startMailRunner(ctx: JobCtx & { mailer: Mailer; log: FastifyBaseLogger }, intervalMs = 60_000) {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await openDue(ctx);
      await planReminders(ctx);
      for (let round = 0; round < 100 && !stopped; round++) {
        const r = await sendDue(ctx);
        if (r.sent + r.retried + r.failed + r.cancelled === 0) break;
      }
    } catch (error) {
      ctx.log.warn({ err: error }, 'mail runner round failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 2000).unref();
  return {
    kick: () => void tick(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
      ctx.mailer.close();
    },
  };
}
