// Writes variable values inside the submission's transaction, so the aggregates are current
// the moment a response is acknowledged and reading them never scans responses. (Survey
// answers add to their totals in the batch's own statement: responses/submission.batcher.ts.)
import { sql } from 'drizzle-orm';
import { variableValuesTable } from '../../drizzle/schema/index.ts';
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

/** Completions per campaign and day for the timeline, pre-summed per day. */
export async function addCompletions(tx: Db, days: { campaignId: string; day: string; n: number }[]) {
  if (!days.length) return;
  await tx.execute(sql`
    insert into completions_daily (campaign_id, day, completed)
    values ${sql.join(days.map((d) => sql`(${d.campaignId}::uuid, ${d.day}::date, ${d.n}::int)`), sql`, `)}
    on conflict (campaign_id, day) do update set completed = completions_daily.completed + excluded.completed`);
}
