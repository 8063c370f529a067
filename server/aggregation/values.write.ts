// The one module that writes variable_values, for all three kinds of source: a self-report
// replaces its campaign's values, a survey answer adds to its campaign's counts (a fragment of
// the submission batch's own statement), an import inserts its rows under its own id. Writes
// happen in the caller's transaction, so the aggregates are current the moment a response is
// acknowledged and reading them never scans responses. Which source counts when several gave a
// value is decided on reading (sources.ts), never by the time of writing.
import { sql, type SQL } from 'drizzle-orm';
import { completionsDailyTable, variableValuesTable } from '../../drizzle/schema/index.ts';
import type { Contributions } from '../../forms/generator/mapping.ts';
import type { Db } from '../db/db.client.ts';
import { DEFAULT_TIME_ZONE, localDaySql } from '../shared/time.ts';

type Fact = { institutionId: string; periodLabel: string; periodStart: string; campaignId: string };

/** Self-report values: the latest submission replaces what the campaign wrote before. */
export async function replaceValues(tx: Db, fact: Fact, values: Contributions) {
  const source = `campaign:${fact.campaignId}`;
  await tx.execute(sql`delete from ${variableValuesTable} where ${variableValuesTable.institutionId} = ${fact.institutionId} and ${variableValuesTable.source} = ${source} and ${variableValuesTable.periodLabel} = ${fact.periodLabel}`);
  const rows = Object.entries(values).map(([variableId, value]) => ({ ...fact, variableId, value, source }));
  if (rows.length) await tx.insert(variableValuesTable).values(rows);
}

/**
 * The statement that adds a batch's survey counts, for the batch's single statement: `stored`
 * names its rows (institution_id, period_label, period_start, campaign_id, counts jsonb).
 */
export const addSurveyCountsSql = (stored: SQL) => sql`
  insert into variable_values (variable_id, institution_id, period_label, period_start, source, campaign_id, value)
  select c.key, s.institution_id, s.period_label, min(s.period_start), 'campaign:' || s.campaign_id, s.campaign_id, sum(c.value::float8)
  from ${stored} s cross join lateral jsonb_each_text(s.counts) c
  group by c.key, s.institution_id, s.period_label, s.campaign_id
  on conflict (variable_id, institution_id, period_label, source) do update set value = variable_values.value + excluded.value, updated_at = now()`;

type ImportedRow = { variableId: string; institutionId: string; periodLabel: string; periodStart: string; value: number };

/** An import's rows, kept under "import:<id>" (its provenance). */
export async function insertImported(tx: Db, importId: string, rows: ImportedRow[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(variableValuesTable).values(rows.slice(i, i + 1000).map((r) => ({ ...r, source: `import:${importId}` })));
  }
}

/**
 * The zone an institution's days are counted in: its municipality's (an institution has none
 * of its own). The public batch gets it from the link instead (read once per link, not per answer).
 */
export const institutionZoneSql = (institutionId: SQL) =>
  sql`coalesce((select m.time_zone from organisations i join organisations m on m.id = i.parent_id where i.id = ${institutionId}), ${DEFAULT_TIME_ZONE})`;

/** The day on a campaign's timeline of a completion at `at` by an institution: its local day. */
export const completionDaySql = (at: SQL, institutionId: SQL) => localDaySql(at, institutionZoneSql(institutionId));

/**
 * One more completion on the campaign's timeline (a school's first submission), on the day it
 * is where the school is. Without the institution the day is Moscow's.
 */
export async function countCompletion(tx: Db, campaignId: string, at: Date, institutionId?: string) {
  const day = institutionId ? completionDaySql(sql`${at.toISOString()}::timestamptz`, sql`${institutionId}::uuid`) : localDaySql(sql`${at.toISOString()}::timestamptz`, sql`${DEFAULT_TIME_ZONE}`);
  await tx
    .insert(completionsDailyTable)
    .values({ campaignId, day, completed: 1 })
    .onConflictDoUpdate({ target: [completionsDailyTable.campaignId, completionsDailyTable.day], set: { completed: sql`${completionsDailyTable.completed} + 1` } });
}
