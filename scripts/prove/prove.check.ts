// What the database holds after a load, compared with what each client was told, and the
// running counters compared with a recount from the stored responses. The recount is written
// here from the mapping's rule (not with the server's own `contributions`), so a slip there shows.
import { eq, sql } from 'drizzle-orm';
import { assignmentsTable, campaignsTable, completionsDailyTable, formVersionsTable, responsesTable, variableValuesTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../../server/db/db.client.ts';
import type { Entry } from './prove.load.ts';
import type { Link } from './prove.survey.ts';

export type Mismatch = { institutionId: string; counter: string; kept: number; recount: number };

export type Verdict = {
  answers: number;
  acknowledged: number;
  refused: number;
  unresolved: number;
  stored: number;
  /** rows sharing an id (the primary key should make this 0) */
  duplicates: number;
  /** acknowledged with a 2xx, not in the database */
  lost: number;
  /** refused with a 4xx at a link, yet stored there */
  refusedButStored: number;
  /** stored, never acknowledged to anyone */
  storedUnacknowledged: number;
  /** stored ids this run never sent */
  foreign: number;
  mismatches: Mismatch[];
};

export const verdictOk = (v: Verdict) =>
  v.unresolved === 0 && v.duplicates === 0 && v.lost === 0 && v.refusedButStored === 0 && v.storedUnacknowledged === 0 && v.foreign === 0 && v.mismatches.length === 0;

type Rule = { question: string; respondents: string; satisfied: string; satisfiedValues: unknown[] };

const answered = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Per institution: assignments.completed / completed_on_time and every rule's counters against the rows. */
async function recount(db: Db, campaignId: string, rows: { assignmentId: string; data: Record<string, unknown>; submittedAt: Date | null }[]): Promise<Mismatch[]> {
  const [campaign] = await db.select().from(campaignsTable).where(eq(campaignsTable.id, campaignId));
  const [version] = await db.select().from(formVersionsTable).where(eq(formVersionsTable.id, campaign.formVersionId));
  if (version.mapping.kind !== 'parent_survey') throw new Error(`the recount knows parent surveys, not ${version.mapping.kind}`);
  const rules = version.mapping.rules as Rule[];
  const assignments = await db.select().from(assignmentsTable).where(eq(assignmentsTable.campaignId, campaignId));
  const values = await db.select().from(variableValuesTable).where(eq(variableValuesTable.source, `campaign:${campaignId}`));
  const mismatches: Mismatch[] = [];
  const compare = (institutionId: string, counter: string, kept: number, counted: number) => {
    if (kept !== counted) mismatches.push({ institutionId, counter, kept, recount: counted });
  };
  for (const a of assignments) {
    const mine = rows.filter((r) => r.assignmentId === a.id);
    compare(a.institutionId, 'assignments.completed', a.completed, mine.length);
    compare(a.institutionId, 'assignments.completed_on_time', a.completedOnTime, mine.filter((r) => r.submittedAt && r.submittedAt <= a.deadlineAt).length);
    const expected = new Map<string, number>();
    for (const rule of rules) {
      const given = mine.filter((r) => answered(r.data[rule.question]));
      expected.set(rule.respondents, (expected.get(rule.respondents) ?? 0) + given.length);
      expected.set(rule.satisfied, (expected.get(rule.satisfied) ?? 0) + given.filter((r) => rule.satisfiedValues.includes(r.data[rule.question])).length);
    }
    const kept = values.filter((v) => v.institutionId === a.institutionId);
    for (const variable of new Set([...expected.keys(), ...kept.map((v) => v.variableId)])) {
      const rowsOf = kept.filter((v) => v.variableId === variable);
      compare(a.institutionId, `variable_values.${variable}`, rowsOf.reduce((s, v) => s + v.value, 0), expected.get(variable) ?? 0);
    }
  }
  const [daily] = await db.select({ n: sql<number>`coalesce(sum(${completionsDailyTable.completed}), 0)::int` }).from(completionsDailyTable).where(eq(completionsDailyTable.campaignId, campaignId));
  compare('(campaign)', 'completions_daily', Number(daily.n), rows.length);
  return mismatches;
}

/** Reads the campaign's responses and reconciles them with the ledger of the load(s) that fed it. */
export async function verify(db: Db, campaignId: string, links: Link[], entries: Entry[]): Promise<Verdict> {
  const rows = await db.select({ id: responsesTable.id, assignmentId: responsesTable.assignmentId, data: responsesTable.data, submittedAt: responsesTable.submittedAt })
    .from(responsesTable).where(eq(responsesTable.campaignId, campaignId));
  const assignmentOf = new Map(links.map((l) => [l.code, l.assignmentId]));
  const stored = new Set(rows.map((r) => `${r.id}@${r.assignmentId}`));
  const storedIds = new Set(rows.map((r) => r.id));
  const at = (e: Entry) => `${e.id}@${assignmentOf.get(e.code)}`;
  const acknowledged = entries.filter((e) => e.acknowledged);
  const refused = entries.filter((e) => e.final !== null && !e.acknowledged);
  const acknowledgedAt = new Set(acknowledged.map(at));
  const sent = new Set(entries.map((e) => e.id));
  return {
    answers: entries.length,
    acknowledged: acknowledged.length,
    refused: refused.length,
    unresolved: entries.filter((e) => e.final === null).length,
    stored: rows.length,
    duplicates: rows.length - storedIds.size,
    lost: acknowledged.filter((e) => !stored.has(at(e))).length,
    refusedButStored: refused.filter((e) => stored.has(at(e))).length,
    storedUnacknowledged: [...stored].filter((key) => !acknowledgedAt.has(key)).length,
    foreign: [...storedIds].filter((id) => !sent.has(id)).length,
    mismatches: await recount(db, campaignId, rows),
  };
}

/** Of the ids acknowledged before some event, how many are not stored now. */
export async function missingOf(db: Db, campaignId: string, ids: Set<string>): Promise<number> {
  const rows = await db.select({ id: responsesTable.id }).from(responsesTable).where(eq(responsesTable.campaignId, campaignId));
  const stored = new Set(rows.map((r) => r.id));
  return [...ids].filter((id) => !stored.has(id)).length;
}
