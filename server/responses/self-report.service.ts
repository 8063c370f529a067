// A school's self-report: drafts saved as often as wanted, a submission that writes the
// variables, and the analyst's return / accept / reopen. Every submission records what changed.
import { desc, eq } from 'drizzle-orm';
import { assignmentsTable, responseAuditTable, responsesTable, usersTable } from '../../drizzle/schema/index.ts';
import { contributions } from '../../forms/generator/mapping.ts';
import type { Db } from '../db/db.client.ts';
import { countCompletion, replaceValues } from '../aggregation/values.write.ts';
import { valuesPerInstitution } from '../aggregation/aggregation.queries.ts';
import { getAssignmentRow, presentAssignment, type Ctx } from '../campaigns/campaigns.service.ts';
import { formVersionById } from '../forms/forms.queries.ts';
import { AppError, conflict, forbidden } from '../shared/errors.ts';
import { formatLocal, zonedToUtc } from '../shared/time.ts';
import { validateAnswers } from './answers/answers.validate.ts';

type Row = Awaited<ReturnType<typeof getAssignmentRow>>;
const OPEN_STATUSES = ['not_started', 'draft', 'returned'];

const reportLocked = () => conflict('assignment.locked', 'Отчёт уже отправлен; изменить его можно, если управление образования вернёт его на доработку');

/**
 * The assignment row, locked to the end of the transaction. Every write to a report takes it
 * first (draft, submit, review), so each sees the status the one before it committed.
 */
async function lockAssignment(tx: Db, id: string) {
  const [locked] = await tx.select().from(assignmentsTable).where(eq(assignmentsTable.id, id)).for('update');
  return locked;
}

/** Where the report's values live: its school, its period, its campaign as the source. */
const factOf = (row: Row) => ({ institutionId: row.institution.id, periodLabel: row.campaign.periodLabel, periodStart: row.campaign.periodStart, campaignId: row.campaign.id });

function effectiveDeadline(a: Row['assignment']) {
  return a.reopenedUntil && a.reopenedUntil > a.deadlineAt ? a.reopenedUntil : a.deadlineAt;
}

function editableBy(ctx: Ctx, row: Row) {
  return ctx.scope.role === 'coordinator' && OPEN_STATUSES.includes(row.assignment.status) && ctx.clock.now() <= effectiveDeadline(row.assignment);
}

function assertEditable(ctx: Ctx, row: Row) {
  if (ctx.scope.role !== 'coordinator') throw forbidden('Отчёт заполняет координатор организации');
  if (row.campaign.audience !== 'institution') throw new AppError(409, 'assignment.not_self_report', 'Это задание — опрос, его заполняют по ссылке');
  if (!OPEN_STATUSES.includes(row.assignment.status)) throw reportLocked();
  if (ctx.clock.now() < row.campaign.opensAt) throw conflict('campaign.not_open', 'Сбор ещё не начался');
  if (ctx.clock.now() > effectiveDeadline(row.assignment)) {
    throw new AppError(410, 'campaign.closed', `Срок сдачи истёк (${formatLocal(row.assignment.deadlineAt, row.municipality.timeZone ?? 'Europe/Moscow')}); попросите управление образования открыть отчёт повторно`);
  }
}

async function versionOf(ctx: Ctx, row: Row) {
  return (await formVersionById(ctx.db, row.campaign.formVersionId))!;
}

function invalid(errors: { field?: string; code?: string; message: string }[]) {
  return new AppError(422, 'response.invalid', `Ответы не приняты: ${errors.map((e) => e.message).join('; ')}`.slice(0, 1000), errors);
}

async function previousValues(db: Db, institutionId: string, before: string, variables: string[]) {
  const rows = await valuesPerInstitution(db, { variableIds: variables, institutionIds: [institutionId], before });
  return Object.fromEntries(rows.map((r) => [r.variableId, { value: r.value, period: r.periodLabel }]));
}

export async function state(ctx: Ctx, assignmentId: string) {
  const row = await getAssignmentRow(ctx, assignmentId);
  const version = await versionOf(ctx, row);
  const [response] = await ctx.db.select().from(responsesTable).where(eq(responsesTable.id, row.assignment.id));
  const audit = response
    ? await ctx.db
        .select({ at: responseAuditTable.at, user: usersTable.name, action: responseAuditTable.action, changes: responseAuditTable.changes })
        .from(responseAuditTable)
        .leftJoin(usersTable, eq(usersTable.id, responseAuditTable.userId))
        .where(eq(responseAuditTable.responseId, response.id))
        .orderBy(desc(responseAuditTable.at))
    : [];
  const variables = version.mapping.kind === 'self_report' ? version.mapping.fields.map((f) => f.variable) : [];
  return {
    assignment: presentAssignment(row),
    campaign: { id: row.campaign.id, title: row.campaign.title, periodLabel: row.campaign.periodLabel, deadline: formatLocal(effectiveDeadline(row.assignment), row.municipality.timeZone ?? 'Europe/Moscow') },
    form: { versionId: version.id, json: version.json },
    data: response?.data ?? {},
    status: row.assignment.status,
    editable: editableBy(ctx, row),
    previous: await previousValues(ctx.db, row.institution.id, row.campaign.periodStart, variables),
    audit: audit.map((a) => ({ ...a, at: a.at.toISOString() })),
  };
}

/** The report the caller may still edit, and the answers checked against its form version. */
async function checkedAnswers(ctx: Ctx, assignmentId: string, data: Record<string, unknown>, complete: boolean) {
  const row = await getAssignmentRow(ctx, assignmentId);
  assertEditable(ctx, row);
  const version = await versionOf(ctx, row);
  const { clean, errors } = validateAnswers(version.id, version.json, data, complete);
  if (errors.length) throw invalid(errors);
  return { row, version, clean };
}

export async function saveDraft(ctx: Ctx, assignmentId: string, data: Record<string, unknown>) {
  // a draft may be incomplete, but never holds unknown keys or values of the wrong type
  const { row, version, clean } = await checkedAnswers(ctx, assignmentId, data, false);
  const keep = Object.fromEntries(Object.entries(data).filter(([k]) => k in clean || typeof data[k] === 'string'));
  await ctx.db.transaction(async (tx) => {
    // checked again under the lock submit takes: an autosave in flight when the coordinator
    // pressed «Отправить» must not replace the answers that were submitted. (A draft of a
    // returned report is a draft again: exports read only submitted responses.)
    const locked = await lockAssignment(tx as unknown as Db, row.assignment.id);
    if (!OPEN_STATUSES.includes(locked.status)) throw reportLocked();
    await tx
      .insert(responsesTable)
      .values({ id: row.assignment.id, assignmentId: row.assignment.id, campaignId: row.campaign.id, formVersionId: version.id, status: 'draft', data: { ...keep, ...clean } })
      .onConflictDoUpdate({ target: responsesTable.id, set: { data: { ...keep, ...clean }, status: 'draft', updatedAt: new Date() }, setWhere: eq(responsesTable.assignmentId, row.assignment.id) });
    if (locked.status === 'not_started') {
      await tx.update(assignmentsTable).set({ status: 'draft', started: 1, updatedAt: new Date() }).where(eq(assignmentsTable.id, row.assignment.id));
    }
  });
  return { savedAt: ctx.clock.now().toISOString() };
}

/**
 * The answers as last submitted, from the audit trail (each submission records its changes
 * against the one before): after a return the stored data holds the school's drafts instead.
 */
async function lastSubmitted(tx: Db, responseId: string) {
  const entries = await tx.select({ action: responseAuditTable.action, changes: responseAuditTable.changes }).from(responseAuditTable).where(eq(responseAuditTable.responseId, responseId)).orderBy(responseAuditTable.at);
  const answers: Record<string, unknown> = {};
  for (const change of entries.filter((e) => e.action.kind === 'submit').flatMap((e) => e.changes)) {
    if (change.new === null) delete answers[change.field];
    else answers[change.field] = change.new;
  }
  return answers;
}

export async function submit(ctx: Ctx, assignmentId: string, data: Record<string, unknown>) {
  const { row, version, clean } = await checkedAnswers(ctx, assignmentId, data, true);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    // the row lock serialises two submissions of one report (two tabs, a double click)
    const locked = await lockAssignment(db, row.assignment.id);
    if (!OPEN_STATUSES.includes(locked.status)) throw reportLocked();
    const [before] = await tx.select().from(responsesTable).where(eq(responsesTable.id, row.assignment.id));
    const old = before?.status === 'submitted' || locked.status === 'returned' ? await lastSubmitted(db, row.assignment.id) : {};
    const fields = new Set([...Object.keys(old), ...Object.keys(clean)]);
    const changes = [...fields].filter((f) => JSON.stringify(old[f]) !== JSON.stringify(clean[f])).map((f) => ({ field: f, old: old[f] ?? null, new: clean[f] ?? null }));
    await tx
      .insert(responsesTable)
      .values({ id: row.assignment.id, assignmentId: row.assignment.id, campaignId: row.campaign.id, formVersionId: version.id, status: 'submitted', data: clean, submittedAt: now })
      .onConflictDoUpdate({ target: responsesTable.id, set: { data: clean, status: 'submitted', submittedAt: now, updatedAt: now }, setWhere: eq(responsesTable.assignmentId, row.assignment.id) });
    await tx.insert(responseAuditTable).values({ responseId: row.assignment.id, userId: ctx.scope.userId, action: { kind: 'submit' }, changes });
    // a school counts once on the timeline: its first submission, not a corrected resubmission
    if (!locked.submittedAt) await countCompletion(db, row.campaign.id, now, row.institution.id);
    await tx
      .update(assignmentsTable)
      .set({ status: 'submitted', started: 1, completed: 1, completedOnTime: now <= locked.deadlineAt ? 1 : 0, submittedAt: now, updatedAt: now })
      .where(eq(assignmentsTable.id, row.assignment.id));
    await replaceValues(db, factOf(row), contributions(version.mapping, clean));
  });
  return state(ctx, assignmentId);
}

// an accepted report may still be returned (the department finds a mistake later);
// a report is accepted once, and only as submitted
const REVIEWABLE = { return: ['submitted', 'accepted'], accept: ['submitted'] };

function notReviewable(status: string) {
  if (status === 'accepted') return conflict('assignment.already_accepted', 'Отчёт уже принят');
  if (status === 'returned') return conflict('assignment.not_submitted', 'Отчёт возвращён на доработку и ещё не отправлен повторно');
  return conflict('assignment.not_submitted', 'Отчёт ещё не отправлен');
}

async function review(ctx: Ctx, assignmentId: string, kind: 'return' | 'accept', comment?: string) {
  const row = await getAssignmentRow(ctx, assignmentId);
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const locked = await lockAssignment(db, row.assignment.id);
    if (!REVIEWABLE[kind].includes(locked.status)) throw notReviewable(locked.status);
    await tx
      .update(assignmentsTable)
      .set({ status: kind === 'return' ? 'returned' : 'accepted', returnComment: kind === 'return' ? comment! : locked.returnComment, updatedAt: new Date() })
      .where(eq(assignmentsTable.id, row.assignment.id));
    await tx.insert(responseAuditTable).values({ responseId: row.assignment.id, userId: ctx.scope.userId, action: { kind, comment }, changes: [] });
    // a report under correction does not count: its values leave the indicators until it is
    // submitted again (submit writes them back)
    if (kind === 'return') await replaceValues(db, factOf(row), {});
  });
  return presentAssignment(await getAssignmentRow(ctx, assignmentId));
}

export const returnForCorrection = (ctx: Ctx, id: string, comment: string) => review(ctx, id, 'return', comment);
export const accept = (ctx: Ctx, id: string) => review(ctx, id, 'accept');

export async function reopen(ctx: Ctx, assignmentId: string, untilLocal: string) {
  const row = await getAssignmentRow(ctx, assignmentId);
  const until = zonedToUtc(untilLocal, row.municipality.timeZone ?? 'Europe/Moscow');
  if (until <= ctx.clock.now()) throw new AppError(422, 'assignment.invalid', 'Новый срок должен быть в будущем', [{ field: 'until', message: 'в прошлом' }]);
  await ctx.db.update(assignmentsTable).set({ reopenedUntil: until, updatedAt: new Date() }).where(eq(assignmentsTable.id, row.assignment.id));
  return presentAssignment(await getAssignmentRow(ctx, assignmentId));
}

