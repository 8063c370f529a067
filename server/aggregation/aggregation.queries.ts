import { and, desc, eq, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import { campaignsTable, organisationsTable, variableValuesTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import { resolveFacts, type SourceKind } from './sources.ts';

export type InstitutionFilter = { kind?: 'school' | 'kindergarten' | 'supplementary'; settlement?: 'urban' | 'rural' };

export async function institutionsUnder(db: Db, path: string, filter: InstitutionFilter) {
  const where: SQL[] = [like(organisationsTable.path, `${path}%`), eq(organisationsTable.level, 'institution')];
  if (filter.kind) where.push(eq(organisationsTable.kind, filter.kind));
  if (filter.settlement) where.push(eq(organisationsTable.settlement, filter.settlement));
  return db
    .select({ id: organisationsTable.id, parentId: organisationsTable.parentId, path: organisationsTable.path, name: organisationsTable.name, type: organisationsTable.type })
    .from(organisationsTable)
    .where(and(...where));
}

/**
 * The value of each variable per institution: in one period, or the latest period (starting
 * before `before`, when given) when none is named. Where several sources gave the same
 * variable, sources.ts decides which counts.
 */
export async function valuesPerInstitution(db: Db, { variableIds, institutionIds, periodLabel, before }: { variableIds: string[]; institutionIds: string[]; periodLabel?: string; before?: string }) {
  if (!variableIds.length || !institutionIds.length) return [];
  const where: SQL[] = [inArray(variableValuesTable.variableId, variableIds), inArray(variableValuesTable.institutionId, institutionIds)];
  if (periodLabel) where.push(eq(variableValuesTable.periodLabel, periodLabel));
  if (before) where.push(lt(variableValuesTable.periodStart, before));
  const facts = await db
    .select({
      institutionId: variableValuesTable.institutionId,
      variableId: variableValuesTable.variableId,
      periodLabel: variableValuesTable.periodLabel,
      periodStart: variableValuesTable.periodStart,
      // the kind of source follows from the row: an import has no campaign, a report campaign asks institutions
      kind: sql<SourceKind>`case when ${variableValuesTable.campaignId} is null then 'import' when ${campaignsTable.audience} = 'institution' then 'self_report' else 'survey' end`,
      value: variableValuesTable.value,
      updatedAt: variableValuesTable.updatedAt,
    })
    .from(variableValuesTable)
    .leftJoin(campaignsTable, eq(campaignsTable.id, variableValuesTable.campaignId))
    .where(and(...where));
  return resolveFacts(facts);
}

/**
 * The period before `periodLabel` in which any of the variables has values for any of the
 * institutions: the unit's own previous period, which another municipality's data does not decide.
 */
export async function previousPeriod(db: Db, { periodLabel, variableIds, institutionIds }: { periodLabel: string; variableIds: string[]; institutionIds: string[] }) {
  if (!variableIds.length || !institutionIds.length) return undefined;
  // a label's start is the same wherever it has values
  const [current] = await db.select({ start: sql<string>`min(${variableValuesTable.periodStart})` }).from(variableValuesTable).where(eq(variableValuesTable.periodLabel, periodLabel));
  if (!current?.start) return undefined;
  const [row] = await db
    .select({ label: variableValuesTable.periodLabel })
    .from(variableValuesTable)
    .where(and(lt(variableValuesTable.periodStart, current.start), inArray(variableValuesTable.variableId, variableIds), inArray(variableValuesTable.institutionId, institutionIds)))
    .orderBy(desc(variableValuesTable.periodStart))
    .limit(1);
  return row?.label;
}

export async function periodsWithValues(db: Db, path: string) {
  return db
    .select({ label: variableValuesTable.periodLabel, start: sql<string>`min(${variableValuesTable.periodStart})` })
    .from(variableValuesTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, variableValuesTable.institutionId))
    .where(like(organisationsTable.path, `${path}%`))
    .groupBy(variableValuesTable.periodLabel)
    .orderBy(desc(sql`min(${variableValuesTable.periodStart})`));
}

/** Names and levels of a set of units, in one query. */
export async function unitNames(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: organisationsTable.id, name: organisationsTable.name, level: organisationsTable.level }).from(organisationsTable).where(inArray(organisationsTable.id, ids));
}

/** The municipality (parent) of each institution, in one query. */
export async function municipalityOf(db: Db, institutionIds: string[]) {
  if (!institutionIds.length) return new Map<string, string>();
  const rows = await db.select({ id: organisationsTable.id, parentId: organisationsTable.parentId }).from(organisationsTable).where(inArray(organisationsTable.id, institutionIds));
  return new Map(rows.map((r) => [r.id, r.parentId!]));
}
