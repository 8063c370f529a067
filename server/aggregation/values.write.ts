// Writes variable values inside the submission's transaction, so the aggregates are current
// the moment a response is acknowledged and reading them never scans responses.
import { sql } from 'drizzle-orm';
import { completionsDailyTable, variableValuesTable } from '../../drizzle/schema/index.ts';
import type { Contributions } from '../../forms/generator/mapping.ts';
import type { Db } from '../db/db.client.ts';

type Fact = { institutionId: string; periodLabel: string; periodStart: string; campaignId: string };

/** Survey and diagnostic counts: add each contribution to the running total. */
export async function addCounts(tx: Db, fact: Fact, counts: Contributions) {
  const rows = Object.entries(counts).map(([variableId, value]) => ({ ...fact, variableId, value, source: `campaign:${fact.campaignId}` }));
  if (!rows.length) return;
  await tx
    .insert(variableValuesTable)
    .values(rows)
    .onConflictDoUpdate({
      target: [variableValuesTable.variableId, variableValuesTable.institutionId, variableValuesTable.periodLabel, variableValuesTable.source],
      set: { value: sql`${variableValuesTable.value} + excluded.value`, updatedAt: sql`now()` },
    });
}

/** Self-report values: the latest submission replaces what the campaign wrote before. */
export async function replaceValues(tx: Db, fact: Fact, values: Contributions) {
  const source = `campaign:${fact.campaignId}`;
  await tx.execute(sql`delete from ${variableValuesTable} where ${variableValuesTable.institutionId} = ${fact.institutionId} and ${variableValuesTable.source} = ${source} and ${variableValuesTable.periodLabel} = ${fact.periodLabel}`);
  const rows = Object.entries(values).map(([variableId, value]) => ({ ...fact, variableId, value, source }));
  if (rows.length) await tx.insert(variableValuesTable).values(rows);
}

/** One more completion today for the campaign's timeline. */
export async function countCompletion(tx: Db, campaignId: string, at: Date) {
  await tx
    .insert(completionsDailyTable)
    .values({ campaignId, day: at.toISOString().slice(0, 10), completed: 1 })
    .onConflictDoUpdate({ target: [completionsDailyTable.campaignId, completionsDailyTable.day], set: { completed: sql`${completionsDailyTable.completed} + 1` } });
}
