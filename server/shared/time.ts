import { sql, type SQL } from 'drizzle-orm';

// Wall-clock times in a municipality's IANA zone. A deadline "2026-12-01T23:59" means 23:59
// where the school is: Asia/Chita (UTC+9) reaches it five hours before Europe/Saratov (UTC+4).

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows `local` ("YYYY-MM-DDTHH:mm"). */
export function zonedToUtc(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local time: ${local}`);
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // two passes settle the offset even across a DST change
  let instant = guess - offsetMs(guess, timeZone);
  instant = guess - offsetMs(instant, timeZone);
  return new Date(instant);
}

/** "01.12.2026 23:59" as the clock in `timeZone` shows the instant. */
export function formatLocal(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(instant).replace(',', '');
}

/** Where a zone is not set (the tree's root is Moscow), times are read in Moscow time. */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/**
 * The calendar day ("YYYY-MM-DD") on which `instant` falls where the clock shows `timeZone`:
 * 2026-11-24T23:30Z is 25 November in Asia/Chita and 24 November in Europe/Saratov. Every
 * "day" of the platform (a completion's day on the timeline, a schedule's today) is this one.
 */
export function localDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `localDay` inside a statement: `instant` a timestamptz, `timeZone` an IANA name (both zone databases agree for the zones in use). */
export const localDaySql = (instant: SQL, timeZone: SQL) => sql`(${instant} at time zone ${timeZone})::date`;
