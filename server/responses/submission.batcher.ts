// Group commit for public submissions. Answers that arrive within a few milliseconds are
// written in one transaction: one multi-row insert, one counter update per school, one upsert
// of the variable counters. Every caller's promise resolves only after that commit, so an
// acknowledged answer is durable, and a busy school's counter row is locked once per batch
// instead of once per answer.
import { inArray, sql } from 'drizzle-orm';
import { assignmentsTable, responsesTable } from '../../drizzle/schema/index.ts';
import type { Contributions } from '../../forms/generator/mapping.ts';
import type { Db } from '../db/db.client.ts';
import { AppError, conflict } from '../shared/errors.ts';
import { isDatabaseDown } from '../shared/error-handler.ts';
import { addCompletions, addCounts } from '../aggregation/values.write.ts';
import { useToken } from '../reminders/invitations.service.ts';

export type Submission = {
  id: string;
  assignmentId: string;
  campaignId: string;
  formVersionId: string;
  institutionId: string;
  periodLabel: string;
  periodStart: string;
  data: Record<string, unknown>;
  counts: Contributions;
  onTime: boolean;
  at: Date;
  token?: string;
};
type Outcome = 'stored' | 'exists';
type Job = { s: Submission; resolve: (o: Outcome) => void; reject: (e: unknown) => void };

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure: another instance's batch

function pgCode(error: unknown): string | undefined {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
}

async function writeBatch(db: Db, jobs: Job[]): Promise<Map<string, Outcome | AppError>> {
  const outcome = new Map<string, Outcome | AppError>();
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    outcome.clear();
    // a school's self-report row is named by its assignment id: not an id the public may take
    const taken = new Set((await t.select({ id: assignmentsTable.id }).from(assignmentsTable).where(inArray(assignmentsTable.id, jobs.map((j) => j.s.id)))).map((r) => r.id));
    let candidates = jobs.filter((j) => {
      if (!taken.has(j.s.id)) return true;
      outcome.set(j.s.id, conflict('response.id_taken', 'Этот идентификатор ответа уже использован'));
      return false;
    });
    const inserted = new Set(
      candidates.length
        ? (await t
            .insert(responsesTable)
            .values(candidates.map(({ s }) => ({ id: s.id, assignmentId: s.assignmentId, campaignId: s.campaignId, formVersionId: s.formVersionId, status: 'submitted' as const, data: s.data, submittedAt: s.at })))
            .onConflictDoNothing({ target: responsesTable.id })
            .returning({ id: responsesTable.id })).map((r) => r.id)
        : [],
    );
    for (const j of candidates) if (!inserted.has(j.s.id)) outcome.set(j.s.id, 'exists');
    candidates = candidates.filter((j) => inserted.has(j.s.id));
    // a personal link works once; the response keeps no trace of which link it came through
    for (const j of candidates.filter((c) => c.s.token)) {
      if (!(await useToken(t, j.s.assignmentId, j.s.token!, j.s.at))) {
        outcome.set(j.s.id, new AppError(409, 'invitation.used', 'Эта личная ссылка уже использована или недействительна'));
        await t.delete(responsesTable).where(inArray(responsesTable.id, [j.s.id]));
      }
    }
    const stored = candidates.filter((j) => !outcome.has(j.s.id));
    if (stored.length) await applyCounters(t, stored.map((j) => j.s));
    for (const j of stored) outcome.set(j.s.id, 'stored');
  });
  return outcome;
}

/** Adds a batch's answers to the counters, pre-summed so each row is touched once. */
async function applyCounters(t: Db, batch: Submission[]) {
  const perAssignment = new Map<string, { n: number; onTime: number }>();
  const perVariable = new Map<string, { s: Submission; variable: string; value: number }>();
  const perDay = new Map<string, number>();
  for (const s of batch) {
    const a = perAssignment.get(s.assignmentId) ?? { n: 0, onTime: 0 };
    perAssignment.set(s.assignmentId, { n: a.n + 1, onTime: a.onTime + (s.onTime ? 1 : 0) });
    for (const [variable, value] of Object.entries(s.counts)) {
      const key = `${variable}|${s.institutionId}|${s.periodLabel}|${s.campaignId}`;
      perVariable.set(key, { s, variable, value: (perVariable.get(key)?.value ?? 0) + value });
    }
    const day = `${s.campaignId}|${s.at.toISOString().slice(0, 10)}`;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  // in id order, so that two instances' batches lock the same rows in the same order
  const rows = [...perAssignment].sort(([a], [b]) => a.localeCompare(b));
  await t.execute(sql`
    update assignments a set completed = a.completed + v.n, completed_on_time = a.completed_on_time + v.on_time
    from (values ${sql.join(rows.map(([id, c]) => sql`(${id}::uuid, ${c.n}::int, ${c.onTime}::int)`), sql`, `)}) as v(id, n, on_time)
    where a.id = v.id`);
  await addCounts(t, [...perVariable.values()].map(({ s, variable, value }) => ({ institutionId: s.institutionId, periodLabel: s.periodLabel, periodStart: s.periodStart, campaignId: s.campaignId, variableId: variable, value })));
  await addCompletions(t, [...perDay].map(([key, n]) => ({ campaignId: key.split('|')[0], day: key.split('|')[1], n })));
}

export function createBatcher(db: Db, { maxBatch = 200, maxWaitMs = 3 } = {}) {
  const queue: Job[] = [];
  let flushing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = async () => {
    timer = undefined;
    if (flushing || queue.length === 0) return;
    flushing = true;
    const jobs = queue.splice(0, maxBatch);
    // the same id twice in one batch (a retry racing its original): one insert, one answer for both
    const first = new Map<string, Job[]>();
    for (const j of jobs) first.set(j.s.id, [...(first.get(j.s.id) ?? []), j]);
    const unique = [...first.values()].map((js) => js[0]);
    try {
      let outcome: Map<string, Outcome | AppError> | undefined;
      for (let attempt = 0; !outcome; attempt++) {
        try {
          outcome = await writeBatch(db, unique);
        } catch (error) {
          if (attempt < 3 && RETRYABLE.has(pgCode(error) ?? '')) continue;
          throw error;
        }
      }
      for (const [id, js] of first) {
        const o = outcome.get(id)!;
        js.forEach((j, i) => (o instanceof AppError ? j.reject(o) : j.resolve(i === 0 ? o : 'exists')));
      }
    } catch (error) {
      for (const j of jobs) j.reject(error);
      // with the database gone, the answers waiting behind this batch would each wait for a
      // connection timeout in turn: they get the same 503 now, and their clients retry
      if (isDatabaseDown(error)) for (const j of queue.splice(0)) j.reject(error);
    } finally {
      flushing = false;
      if (queue.length) timer ??= setTimeout(flush, 0);
    }
  };

  return {
    submit(s: Submission): Promise<Outcome> {
      return new Promise((resolve, reject) => {
        queue.push({ s, resolve, reject });
        if (queue.length >= maxBatch) void flush();
        else timer ??= setTimeout(flush, maxWaitMs);
      });
    },
  };
}
export type Batcher = ReturnType<typeof createBatcher>;
