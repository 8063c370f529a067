// Writes variable values inside the submission's transaction, so the aggregates are current
// the moment a response is acknowledged and reading them never scans responses. (Survey
// answers add to their totals in the batch's own statement: responses/submission.batcher.ts.)
import { sql } from 'drizzle-orm';
import { completionsDailyTable, variableValuesTable } from '../../drizzle/schema/index.ts';
import type { Contributions } from '../../forms/generator/mapping.ts';
import type { Db } from '../db/db.client.ts';

type Fact = { institutionId: string; periodLabel: string; periodStart: string; campaignId: string };

/** Self-report values: the latest submission replaces what the campaign wrote before. */
export async function replaceValues(tx: Db, fact: Fact, values: Contributions) {
  const source = `campaign:${fact.campaignId}`;
  await tx.execute(sql`delete from ${variableValuesTable} where ${variableValuesTable.institutionId} = ${fact.institutionId} and ${variableValuesTable.source} = ${source} and ${variableValuesTable.periodLabel} = ${fact.periodLabel}`);
  const rows = Object.entries(values).map(([variableId, value]) => ({ ...fact, variableId, value, source }));
  if (rows.length) await tx.insert(variableValuesTable).values(rows);
}

/** One more completion today on the campaign's timeline (a school's first submission). */
export async function countCompletion(tx: Db, campaignId: string, at: Date) {
  await tx
    .insert(completionsDailyTable)
    .values({ campaignId, day: at.toISOString().slice(0, 10), completed: 1 })
    .onConflictDoUpdate({ target: [completionsDailyTable.campaignId, completionsDailyTable.day], set: { completed: sql`${completionsDailyTable.completed} + 1` } });
}
