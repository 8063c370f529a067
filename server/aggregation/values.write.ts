// Writes variable values inside the submission's transaction, so the aggregates are current
// the moment a response is acknowledged and reading them never scans responses. (Survey
// answers add to their totals in the batch's own statement: responses/submission.batcher.ts.)
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
