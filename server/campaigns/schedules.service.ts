// Recurring collections. A schedule (periodicity + due-date rule + form) opens each period's
// campaign by itself, e.g. quarterly "by the 5th of the month after the quarter": opens 5 days
// before the quarter ends, due 5 days after, at 23:59 in each municipality.
import { and, eq, gte, isNull, or } from 'drizzle-orm';
import { campaignsTable, schedulesTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import { loadCaller, scopeOf } from '../auth/auth.service.ts';
import { visibleTo } from '../catalogues/catalogues.queries.ts';
import { organisationsTable } from '../../drizzle/schema/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { pgCode } from '../shared/error-handler.ts';
import { DEFAULT_TIME_ZONE, localDay, zonedToUtc } from '../shared/time.ts';
import * as forms from '../forms/forms.service.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { create as createCampaign, type Ctx } from './campaigns.service.ts';
import { addDays, nextPeriod, periodOf, type Period, type PeriodKind } from './periods.ts';
import type { CreateScheduleBody } from './schedules.schemas.ts';

type Schedule = typeof schedulesTable.$inferSelect;

export function deadlineOf(s: Pick<Schedule, 'dueDaysAfterEnd' | 'dueTime'>, p: Period) {
  return `${addDays(p.end, s.dueDaysAfterEnd)}T${s.dueTime}`;
}
export function opensOf(s: Pick<Schedule, 'opensDaysBeforeEnd'>, p: Period) {
  // midnight at the start of the day, Moscow time: the earliest zone that matters is hours away
  return zonedToUtc(`${addDays(p.end, -s.opensDaysBeforeEnd)}T00:00`, 'Europe/Moscow');
}

export async function create(ctx: Ctx, body: CreateScheduleBody) {
  await forms.getVersion(ctx, body.formVersionId);
  const units = await Promise.all(body.units.map((id) => organisations.get(ctx, id)));
  const owner = units.length === 1 && units[0].level !== 'institution' ? units[0] : await organisations.get(ctx, ctx.scope.organisationId);
  if (body.opensDaysBeforeEnd < -body.dueDaysAfterEnd) throw new AppError(422, 'schedule.invalid', 'Сбор должен открываться раньше срока сдачи', [{ field: 'opensDaysBeforeEnd', message: 'позже срока' }]);
  const [row] = await ctx.db
    .insert(schedulesTable)
    .values({ ...body, ownerId: owner.id, institutionKinds: body.institutionKinds ?? null, activeUntil: body.activeUntil ?? null, createdBy: ctx.scope.userId })
    .returning();
  const first = upcoming(row, ctx.clock.now(), localDay(ctx.clock.now(), owner.timeZone ?? DEFAULT_TIME_ZONE));
  return { ...present(row), next: { period: first.label, opensAt: opensOf(row, first).toISOString(), deadline: deadlineOf(row, first) } };
}

const present = (s: Schedule) => ({ ...s, createdAt: s.createdAt.toISOString() });

export async function list(ctx: Ctx) {
  const rows = await ctx.db
    .select({ schedule: schedulesTable })
    .from(schedulesTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, schedulesTable.ownerId))
    .where(visibleTo(ctx.scope));
  return rows.map((r) => present(r.schedule));
}

/**
 * The periods whose campaign may be open on `today` (the owner's day): the current one and its
 * neighbours. The owner's day is up to a day ahead of UTC's, so the period just ended can still
 * be due (a quarter's report due on the 5th, at 01:00 on 1 January in Saratov).
 */
function around(s: Schedule, today: string): Period[] {
  const current = periodOf(s.periodKind as PeriodKind, today);
  const previous = periodOf(current.kind, addDays(current.start, -1)); // the same one where the days before a period belong to it (summer, first term)
  return (previous.label === current.label ? [current] : [previous, current]).concat(nextPeriod(current));
}

/** The first period whose campaign is not over yet. */
function upcoming(s: Schedule, now: Date, today: string): Period {
  return around(s, today).find((p) => zonedToUtc(deadlineOf(s, p), 'Europe/Kaliningrad') > now)!;
}

/**
 * Opens every period's campaign that is due to open; safe to run any number of times. "Today"
 * (the current period, the last active day) is the day where the schedule's owner is.
 */
export async function openDue(ctx: { db: Db; clock: Clock }) {
  const now = ctx.clock.now();
  const schedules = await ctx.db
    .select({ schedule: schedulesTable, timeZone: organisationsTable.timeZone })
    .from(schedulesTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, schedulesTable.ownerId))
    // every zone's day is within a day of UTC's; the owner's own day decides below
    .where(or(isNull(schedulesTable.activeUntil), gte(schedulesTable.activeUntil, addDays(now.toISOString().slice(0, 10), -1))));
  const opened: { schedule: string; period: string; campaignId: string }[] = [];
  for (const { schedule: s, timeZone } of schedules) {
    const today = localDay(now, timeZone ?? DEFAULT_TIME_ZONE);
    if (s.activeUntil && s.activeUntil < today) continue;
    for (const period of around(s, today)) {
      if (opensOf(s, period) > now || zonedToUtc(deadlineOf(s, period), 'Europe/Kaliningrad') <= now) continue;
      const [exists] = await ctx.db.select({ id: campaignsTable.id }).from(campaignsTable).where(and(eq(campaignsTable.scheduleId, s.id), eq(campaignsTable.periodLabel, period.label)));
      if (exists) continue;
      // the campaign is opened on behalf of the analyst who set the schedule up, within their scope
      const caller = await loadCaller(ctx.db, s.createdBy).catch(() => null);
      if (!caller) continue;
      try {
        const id = await createCampaign(
          { db: ctx.db, clock: ctx.clock, scope: scopeOf(caller) },
          {
            formVersionId: s.formVersionId, title: `${s.title} — ${period.label}`, audience: s.audience,
            period: { kind: period.kind, label: period.label, start: period.start, end: period.end },
            opensAt: opensOf(s, period).toISOString(), deadline: deadlineOf(s, period), units: s.units,
            ...(s.institutionKinds ? { institutionKinds: s.institutionKinds } : {}), targetRate: s.targetRate,
          },
          { scheduleId: s.id },
        );
        opened.push({ schedule: s.id, period: period.label, campaignId: id });
      } catch (error) {
        // another instance opened it a moment ago (unique schedule + period)
        if (pgCode(error) !== '23505') throw error;
      }
    }
  }
  return opened;
}
