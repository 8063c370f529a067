// Group commit for public submissions. Answers that arrive within a few milliseconds are
// written by one statement: one multi-row insert, one counter update per school, one upsert
// of the variable counters. Every caller's promise resolves only after that commit, so an
// acknowledged answer is durable, and a busy school's counter row is locked once per batch
// instead of once per answer. One batch is in flight at a time: answers arriving while it
// commits form the next one, which goes the moment it is done. (Two in flight measured half as
// fast on bench:submit, with PostgreSQL's CPU per answer tripled: both lock the same school's
// counter rows, and each answer's foreign-key check share-locks the assignment row the other
// batch is updating.)
import { sql } from 'drizzle-orm';
import type { Contributions } from '../../forms/generator/mapping.ts';
import { executePrepared, rowsOf, type Db } from '../db/db.client.ts';
import { AppError, conflict } from '../shared/errors.ts';
import { isDatabaseDown, pgCode } from '../shared/error-handler.ts';
import { useToken } from '../reminders/invitations.service.ts';
import { localDaySql } from '../shared/time.ts';
import { addSurveyCountsSql } from '../aggregation/values.write.ts';

export type Submission = {
  id: string;
  assignmentId: string;
  campaignId: string;
  formVersionId: string;
  institutionId: string;
  // the institution's municipality's zone: a completion counts on the day it is there
  timeZone: string;
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

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure: another server instance's batch

/**
 * One statement stores a batch and adds it to every counter: the responses, the schools'
 * completion counts, the variable totals and the day's completions. A single statement is
 * atomic on its own and costs one round trip, which is what lets a batch commit in about a
 * millisecond. Only the rows actually inserted are counted: a retried id or a school's
 * self-report id (named by its assignment, not an id the public may take) adds nothing.
 */
async function storeBatch(db: Db, jobs: Job[]): Promise<Map<string, Outcome | 'taken'>> {
  // a batch mostly comes through one link, and what the link decides (school, campaign,
  // version, period) is the same for all its answers: it is sent once per link, not per answer
  const links: Record<string, unknown>[] = [];
  const linkOf = new Map<string, number>();
  const answers = jobs.map(({ s }) => {
    let l = linkOf.get(s.assignmentId);
    if (l === undefined) {
      linkOf.set(s.assignmentId, (l = links.length));
      links.push({
        l, assignment_id: s.assignmentId, campaign_id: s.campaignId, form_version_id: s.formVersionId, institution_id: s.institutionId,
        period_label: s.periodLabel, period_start: s.periodStart, time_zone: s.timeZone,
      });
    }
    return { id: s.id, l, data: s.data, counts: s.counts, on_time: s.onTime, at: s.at.toISOString() };
  });
  const result = await executePrepared(db, sql`
    with input as (
      select r.id, k.assignment_id, k.campaign_id, k.form_version_id, k.institution_id, k.period_label, k.period_start, k.time_zone, r.data, r.counts, r.on_time, r.at
      from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb) as r(id uuid, l int, data jsonb, counts jsonb, on_time boolean, at timestamptz)
      join jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as k(l int, assignment_id uuid, campaign_id uuid, form_version_id uuid, institution_id uuid,
        period_label text, period_start date, time_zone text) using (l)
    ),
    taken as (select input.id from input join assignments a on a.id = input.id),
    ins as (
      insert into responses (id, assignment_id, campaign_id, form_version_id, status, data, submitted_at)
      select id, assignment_id, campaign_id, form_version_id, 'submitted'::response_status, data, at from input where id not in (select id from taken)
      on conflict (id) do nothing
      returning id
    ),
    stored as (select input.* from input join ins using (id)),
    schools as (
      update assignments a set completed = a.completed + v.n, completed_on_time = a.completed_on_time + v.on_time
      from (select assignment_id, count(*)::int as n, (count(*) filter (where on_time))::int as on_time from stored group by assignment_id) v
      where a.id = v.assignment_id
    ),
    totals as (${addSurveyCountsSql(sql.raw('stored'))}),
    days as (
      insert into completions_daily (campaign_id, day, completed)
      select campaign_id, ${localDaySql(sql`at`, sql`time_zone`)}, count(*)::int from stored group by 1, 2
      on conflict (campaign_id, day) do update set completed = completions_daily.completed + excluded.completed
    )
    select id, 'stored' as outcome from ins union all select id, 'taken' from taken`);
  const rows = rowsOf<{ id: string; outcome: 'stored' | 'taken' }>(result);
  const outcome = new Map<string, Outcome | 'taken'>(rows.map((r) => [r.id, r.outcome]));
  for (const { s } of jobs) if (!outcome.has(s.id)) outcome.set(s.id, 'exists');
  return outcome;
}

// thrown to undo a batch in which a personal link turned out to be used already
const ROLLBACK = Symbol('rollback');

async function writeBatch(db: Db, jobs: Job[]): Promise<Map<string, Outcome | AppError>> {
  const outcome = new Map<string, Outcome | AppError>();
  let pending = jobs;
  for (;;) {
    // a personal link works once: its use is marked in the same transaction as the answer
    const withToken = pending.some((j) => j.s.token);
    const refused = new Set<string>();
    const stored = !withToken
      ? await storeBatch(db, pending)
      : await db
          .transaction(async (tx) => {
            const t = tx as unknown as Db;
            const result = await storeBatch(t, pending);
            for (const { s } of pending) if (s.token && result.get(s.id) === 'stored' && !(await useToken(t, s.assignmentId, s.token, s.at))) refused.add(s.id);
            if (refused.size) throw ROLLBACK;
            return result;
          })
          .catch((error) => {
            if (error === ROLLBACK) return null;
            throw error;
          });
    if (stored) {
      for (const [id, o] of stored) outcome.set(id, o === 'taken' ? conflict('response.id_taken', 'Этот идентификатор ответа уже использован') : o);
      return outcome;
    }
    // the answers that came through a used link are refused; the rest of the batch goes again
    for (const id of refused) outcome.set(id, new AppError(409, 'invitation.used', 'Эта личная ссылка уже использована или недействительна'));
    pending = pending.filter((j) => !refused.has(j.s.id));
    if (!pending.length) return outcome;
  }
}

/** A batch that lost a deadlock to another server instance's batch is simply written again. */
async function writeRetrying(db: Db, jobs: Job[]): Promise<Map<string, Outcome | AppError>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeBatch(db, jobs);
    } catch (error) {
      if (attempt >= 3 || !RETRYABLE.has(pgCode(error) ?? '')) throw error;
    }
  }
}

export function createBatcher(db: Db, { maxBatch = 200, maxWaitMs = 1 } = {}) {
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
    for (const j of jobs) {
      const same = first.get(j.s.id);
      if (same) same.push(j);
      else first.set(j.s.id, [j]);
    }
    const unique = [...first.values()].map((js) => js[0]);
    let settle: () => void;
    try {
      const outcome = await writeRetrying(db, unique);
      settle = () => {
        for (const [id, js] of first) {
          const o = outcome.get(id)!;
          js.forEach((j, i) => (o instanceof AppError ? j.reject(o) : j.resolve(i === 0 ? o : 'exists')));
        }
      };
    } catch (error) {
      // with the database gone, the answers waiting behind this batch would each wait for a
      // connection timeout in turn: they get the same 503 now, and their clients retry
      const behind = isDatabaseDown(error) ? queue.splice(0) : [];
      settle = () => [...jobs, ...behind].forEach((j) => j.reject(error));
    }
    flushing = false;
    // What queued during this commit leaves for the database before this batch's callers hear
    // back (setImmediate runs once the query is on the wire): sending 25 replies costs the
    // server about a millisecond, and the database sat idle for it (bench:submit: the database
    // path went from 75 % to 99 % busy).
    if (queue.length) void flush();
    setImmediate(settle);
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
