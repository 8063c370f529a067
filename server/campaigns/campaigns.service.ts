import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { assignmentsTable, campaignsTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { formatLocal, zonedToUtc } from '../shared/time.ts';
import * as forms from '../forms/forms.service.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { valuesPerInstitution } from '../aggregation/aggregation.queries.ts';
import { coveredInstitutions, listAssignments, listCampaigns } from './campaigns.queries.ts';
import type { CreateCampaignBody } from './campaigns.schemas.ts';

export type Ctx = { db: Db; scope: Scope; clock: Clock };

const AUDIENCE_OF_KIND = { self_report: 'institution', parent_survey: 'parents', student_diagnostic: 'students' } as const;
// where the expected number of respondents comes from when the analyst gives none
const CONTINGENT: Record<string, Record<string, string[]>> = {
  parents: { school: ['pupils_total'], kindergarten: ['children_dou'], supplementary: ['pupils_5_18_supplementary', 'pupils_total'] },
  students: { school: ['pupils_8_11'], kindergarten: [], supplementary: [] },
};

// no 0/O, 1/l/I: codes are typed by hand from a printed sheet
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const newPublicCode = () => Array.from({ length: 7 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const iso = (d: Date | null) => d?.toISOString() ?? null;
const rate = (completed: number, expected: number) => (expected > 0 ? Math.round((Math.min(completed, expected) / expected) * 1000) / 10 : null);

export function campaignState(campaign: { opensAt: Date }, latestDeadline: Date, now: Date) {
  if (now < campaign.opensAt) return 'scheduled' as const;
  return now > latestDeadline ? ('closed' as const) : ('open' as const);
}

export async function create(ctx: Ctx, body: CreateCampaignBody, origin: { scheduleId?: string } = {}) {
  const version = await forms.getVersion(ctx, body.formVersionId);
  const form = await forms.get(ctx, version.formId);
  if (AUDIENCE_OF_KIND[form.kind] !== body.audience) {
    throw new AppError(422, 'campaign.invalid', `Форма «${form.title}» не подходит для этой аудитории`, [{ field: 'audience', message: `для этой формы: ${AUDIENCE_OF_KIND[form.kind]}` }]);
  }
  if (body.period.start > body.period.end) throw new AppError(422, 'campaign.invalid', 'Начало периода позже конца', [{ field: 'period', message: 'start > end' }]);
  const units = await Promise.all(body.units.map((id) => organisations.get(ctx, id)));
  const institutions = await coveredInstitutions(ctx.db, units.map((u) => u.path), body.institutionKinds);
  if (institutions.length === 0) throw new AppError(422, 'campaign.no_institutions', 'В выбранных единицах нет подходящих организаций', [{ field: 'units', message: 'пусто' }]);
  const opensAt = new Date(body.opensAt);
  const deadlines = institutions.map((i) => zonedToUtc(body.deadline, i.timeZone ?? 'Europe/Moscow'));
  if (deadlines.some((d) => d <= opensAt)) throw new AppError(422, 'campaign.invalid', 'Срок сдачи раньше открытия', [{ field: 'deadline', message: 'раньше opensAt' }]);
  if (deadlines.some((d) => d <= ctx.clock.now())) throw new AppError(422, 'campaign.invalid', 'Срок сдачи уже прошёл', [{ field: 'deadline', message: 'в прошлом' }]);

  const contingent = CONTINGENT[body.audience];
  const known = contingent ? await valuesPerInstitution(ctx.db, { variableIds: [...new Set(Object.values(contingent).flat())], institutionIds: institutions.map((i) => i.id) }) : [];
  const expectedFor = (i: (typeof institutions)[number]) => {
    if (body.audience === 'institution') return 1;
    if (body.expected?.[i.id] !== undefined) return body.expected[i.id];
    for (const variable of contingent[i.kind ?? 'school'] ?? []) {
      const v = known.find((k) => k.institutionId === i.id && k.variableId === variable);
      if (v) return Math.round(v.value);
    }
    return 0;
  };
  const owner = units.length === 1 && units[0].level !== 'institution' ? units[0] : await organisations.get(ctx, ctx.scope.organisationId);

  return ctx.db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(campaignsTable)
      .values({
        ownerId: owner.id, formVersionId: version.id, title: body.title, audience: body.audience,
        periodKind: body.period.kind, periodLabel: body.period.label, periodStart: body.period.start, periodEnd: body.period.end,
        opensAt, deadlineLocal: body.deadline, targetRate: body.targetRate ?? 70, reminderPolicy: body.reminderPolicy ?? null, scheduleId: origin.scheduleId ?? null, anonymous: body.audience !== 'institution', createdBy: ctx.scope.userId,
      })
      .returning();
    await tx.insert(assignmentsTable).values(
      institutions.map((i, n) => ({
        campaignId: campaign.id, institutionId: i.id, deadlineAt: deadlines[n], expected: expectedFor(i),
        publicCode: body.audience === 'institution' ? null : newPublicCode(),
      })),
    );
    return campaign.id;
  });
}

type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

export function presentAssignment({ assignment: a, institution, municipality }: AssignmentRow) {
  const timeZone = municipality.timeZone ?? 'Europe/Moscow';
  return {
    id: a.id, campaignId: a.campaignId,
    institution: { id: institution.id, name: institution.name, code: institution.code, kind: institution.kind, settlement: institution.settlement, municipality: municipality.name, timeZone },
    status: a.status, deadlineAt: a.deadlineAt.toISOString(), deadlineLocal: formatLocal(a.deadlineAt, timeZone), reopenedUntil: iso(a.reopenedUntil),
    expected: a.expected, started: a.started, completed: a.completed, completedOnTime: a.completedOnTime, rate: rate(a.completed, a.expected),
    publicCode: a.publicCode, returnComment: a.returnComment, submittedAt: iso(a.submittedAt),
  };
}

export async function list(ctx: Ctx, campaignId?: string) {
  const rows = await listCampaigns(ctx.db, ctx.scope, campaignId);
  return rows.map(({ campaign: c, formKind, ...totals }) => presentCampaign(c, formKind, totals, ctx.clock.now()));
}

function presentCampaign(c: typeof campaignsTable.$inferSelect, formKind: string, totals: { assignments: number; expected: number; started: number; completed: number; completedOnTime: number; submitted: number }, now: Date) {
  // the latest deadline is in the westernmost zone (UTC+2 at most 10 hours after UTC+12)
  const latest = zonedToUtc(c.deadlineLocal, 'Europe/Kaliningrad');
  return {
    id: c.id, title: c.title, ownerId: c.ownerId, formVersionId: c.formVersionId, formKind, audience: c.audience,
    period: { kind: c.periodKind, label: c.periodLabel, start: c.periodStart, end: c.periodEnd },
    opensAt: c.opensAt.toISOString(), deadline: c.deadlineLocal, targetRate: c.targetRate, anonymous: c.anonymous,
    state: campaignState(c, latest, now), totals,
  };
}

export async function get(ctx: Ctx, id: string) {
  const [summary] = await list(ctx, id);
  if (!summary) throw notFound('campaign');
  const assignments = (await listAssignments(ctx.db, ctx.scope, { campaignId: id })).map(presentAssignment);
  return { ...summary, assignments };
}

export async function getAssignmentRow(ctx: Ctx, id: string) {
  const [row] = await listAssignments(ctx.db, ctx.scope, { assignmentId: id });
  if (!row) throw notFound('assignment');
  return row;
}

export async function myAssignments(ctx: Ctx) {
  return (await listAssignments(ctx.db, ctx.scope, {})).map((row) => ({ ...presentAssignment(row), campaignTitle: row.campaign.title, audience: row.campaign.audience, periodLabel: row.campaign.periodLabel }));
}

export async function setExpected(ctx: Ctx, id: string, expected: number) {
  const row = await getAssignmentRow(ctx, id);
  await ctx.db.update(assignmentsTable).set({ expected, updatedAt: new Date() }).where(and(eq(assignmentsTable.id, row.assignment.id)));
  return presentAssignment({ ...row, assignment: { ...row.assignment, expected } });
}
