// The public path a parent or student takes: open a school's link, answer, submit. The
// client names its response with a UUID, so a retry after a lost connection finds the first
// submission instead of storing a second one. The answer is acknowledged only after commit.
import { eq } from 'drizzle-orm';
import { responsesTable } from '../../drizzle/schema/index.ts';
import { scoreDdo } from '../../forms/generator/ddo.ts';
import { contributions } from '../../forms/generator/mapping.ts';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, conflict } from '../shared/errors.ts';
import { DEFAULT_TIME_ZONE, formatLocal } from '../shared/time.ts';
import { countStart, findByCode } from './public.queries.ts';
import { tokenState } from '../reminders/invitations.service.ts';
import type { Batcher } from './submission.batcher.ts';
import { validateAnswers } from './answers/answers.validate.ts';

type Ctx = { db: Db; clock: Clock; batcher: Batcher };
type Found = NonNullable<Awaited<ReturnType<typeof findByCode>>>;

// A busy link is read once a second, not once per answer: the row changes only when an analyst
// edits the campaign, and its counters are not read from here. The read itself is shared: when
// the second runs out, the answers arriving together wait for one query instead of each sending
// its own (fifty at once would queue the batch's commit behind them).
const recent = new Map<string, { row: Promise<Found | undefined>; at: number }>();
const CACHE_MS = 1000;

async function load(ctx: Ctx, code: string) {
  let hit = recent.get(code);
  if (!hit || performance.now() - hit.at >= CACHE_MS) {
    const entry = { row: findByCode(ctx.db, code), at: performance.now() };
    if (recent.size > 5000) recent.clear();
    recent.set(code, entry);
    // an unknown code or a failed read is not kept: the next request asks again
    const forget = () => recent.get(code) === entry && recent.delete(code);
    entry.row.then((row) => row ?? forget(), forget);
    hit = entry;
  }
  const row = await hit.row;
  if (!row) throw new AppError(404, 'link.not_found', 'Ссылка не найдена. Проверьте адрес или QR-код.');
  return row;
}

function stateOf(row: Found, now: Date) {
  if (now < row.campaign.opensAt) return 'not_open' as const;
  const until = row.assignment.reopenedUntil && row.assignment.reopenedUntil > row.assignment.deadlineAt ? row.assignment.reopenedUntil : row.assignment.deadlineAt;
  return now > until ? ('closed' as const) : ('open' as const);
}

export async function open(ctx: Ctx, code: string, token?: string) {
  const row = await load(ctx, code);
  const state = stateOf(row, ctx.clock.now());
  const invitation = token ? await tokenState(ctx.db, row.assignment.id, token, ctx.clock.now()) : null;
  const zone = row.timeZone ?? 'Europe/Moscow';
  return {
    code, state, campaign: row.campaign.title, institution: row.institution.name, kind: row.kind, formVersionId: row.version.id,
    opensAt: formatLocal(row.campaign.opensAt, zone), deadlineLocal: formatLocal(row.assignment.deadlineAt, zone),
    invitation,
    // a used or invalid personal link says so at once: its answer could never be stored
    json: state === 'open' && (invitation === null || invitation === 'valid') ? row.version.json : null,
  };
}

export async function start(ctx: Ctx, code: string) {
  const row = await load(ctx, code);
  if (stateOf(row, ctx.clock.now()) === 'open') await countStart(ctx.db, row.assignment.id);
}

function resultOf(row: Found, data: Record<string, unknown>) {
  return row.version.mapping.kind === 'student_diagnostic' ? scoreDdo(data) : undefined;
}

export async function submit(ctx: Ctx, code: string, id: string, data: Record<string, unknown>, token?: string) {
  const row = await load(ctx, code);
  const state = stateOf(row, ctx.clock.now());
  if (state !== 'open') {
    // a retry of an answer stored before the deadline still gets its first result
    const [existing] = await ctx.db.select().from(responsesTable).where(eq(responsesTable.id, id));
    if (existing) return replay(row, existing);
    if (state === 'not_open') throw conflict('campaign.not_open', `Опрос ещё не начался: он откроется ${formatLocal(row.campaign.opensAt, row.timeZone ?? 'Europe/Moscow')}`);
    throw new AppError(410, 'campaign.closed', 'Опрос завершён, ответы больше не принимаются');
  }
  const { clean, errors } = validateAnswers(row.version.id, row.version.json, data, true);
  if (errors.length) throw new AppError(422, 'response.invalid', `Ответы не приняты: ${errors.map((e) => e.message).join('; ')}`.slice(0, 1000), errors);
  if (Object.keys(clean).length === 0) throw new AppError(422, 'response.empty', 'Нет ни одного ответа');
  const now = ctx.clock.now();
  const outcome = await ctx.batcher.submit({
    id, assignmentId: row.assignment.id, campaignId: row.campaign.id, formVersionId: row.version.id, institutionId: row.institution.id, timeZone: row.timeZone ?? DEFAULT_TIME_ZONE,
    periodLabel: row.campaign.periodLabel, periodStart: row.campaign.periodStart, data: clean, counts: contributions(row.version.mapping, clean),
    onTime: now <= row.assignment.deadlineAt, at: now, token,
  });
  if (outcome === 'exists') {
    const [first] = await ctx.db.select().from(responsesTable).where(eq(responsesTable.id, id));
    return replay(row, first);
  }
  return { id, status: 'stored' as const, receivedAt: now.toISOString(), result: resultOf(row, clean) };
}

function replay(row: Found, existing: typeof responsesTable.$inferSelect) {
  if (existing.assignmentId !== row.assignment.id) throw conflict('response.id_taken', 'Этот идентификатор ответа уже использован');
  return { id: existing.id, status: 'already_stored' as const, receivedAt: (existing.submittedAt ?? existing.createdAt).toISOString(), result: resultOf(row, existing.data) };
}
