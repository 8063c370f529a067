// When reminders go out: offsets from the deadline, at most N per recipient, a minimum gap,
// and never in the recipient's quiet hours (21:00–08:00 local): such a mail waits for morning.
import type { ReminderPolicy } from '../../drizzle/schema/index.ts';

export const DEFAULT_POLICY: ReminderPolicy = { offsetsHours: [-168, -48, 24], maxPerRecipient: 3, minGapHours: 20, quietFrom: 21, quietTo: 8 };

function localParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { hour: get('hour'), minute: get('minute') };
}

/** The instant itself, or the next `quietTo`:00 in the zone when it falls in quiet hours. */
export function outOfQuietHours(instant: Date, timeZone: string, policy: Pick<ReminderPolicy, 'quietFrom' | 'quietTo'>): Date {
  const { hour, minute } = localParts(instant, timeZone);
  const quiet = policy.quietFrom > policy.quietTo ? hour >= policy.quietFrom || hour < policy.quietTo : hour >= policy.quietFrom && hour < policy.quietTo;
  if (!quiet) return instant;
  const hoursUntil = (policy.quietTo - hour + 24) % 24 || 24;
  return new Date(instant.getTime() + hoursUntil * 3600_000 - minute * 60_000 - instant.getUTCSeconds() * 1000 - instant.getUTCMilliseconds());
}

/** The latest offset already due: missed earlier ones are not sent in a burst after downtime. */
export function dueOffset(deadline: Date, now: Date, policy: ReminderPolicy): number | undefined {
  const due = policy.offsetsHours.filter((h) => deadline.getTime() + h * 3600_000 <= now.getTime());
  return due.length ? Math.max(...due) : undefined;
}
