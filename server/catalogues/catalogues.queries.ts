// Catalogue SQL. A caller sees the catalogues owned by an organisation above them (their
// municipality's or region's) or inside their subtree (a regional viewer sees each
// municipality's), always the latest version unless a version is asked for.
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { catalogueIndicatorsTable, catalogueVersionsTable, organisationsTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';

export const visibleTo = (scope: Scope) =>
  or(sql`${scope.path} like ${organisationsTable.path} || '%'`, sql`${organisationsTable.path} like ${scope.path + '%'}`)!;

const latestOnly = sql`${catalogueVersionsTable.version} = (select max(v.version) from catalogue_versions v where v.code = ${catalogueVersionsTable.code})`;

const summary = {
  id: catalogueVersionsTable.id,
  code: catalogueVersionsTable.code,
  version: catalogueVersionsTable.version,
  title: catalogueVersionsTable.title,
  createdAt: catalogueVersionsTable.createdAt,
  owner: { id: organisationsTable.id, name: organisationsTable.name, code: organisationsTable.code },
};

export async function listCatalogues(db: Db, scope: Scope, code?: string) {
  const where: SQL[] = [visibleTo(scope)];
  where.push(code ? eq(catalogueVersionsTable.code, code) : latestOnly);
  return db
    .select({ ...summary, indicators: count(catalogueIndicatorsTable.id) })
    .from(catalogueVersionsTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, catalogueVersionsTable.ownerId))
    .leftJoin(catalogueIndicatorsTable, eq(catalogueIndicatorsTable.versionId, catalogueVersionsTable.id))
    .where(and(...where))
    .groupBy(catalogueVersionsTable.id, organisationsTable.id)
    .orderBy(asc(catalogueVersionsTable.code), desc(catalogueVersionsTable.version));
}

export async function findCatalogueVersion(db: Db, scope: Scope, by: { code: string; version?: number } | { id: string }) {
  const where = 'id' in by
    ? eq(catalogueVersionsTable.id, by.id)
    : and(eq(catalogueVersionsTable.code, by.code), by.version ? eq(catalogueVersionsTable.version, by.version) : latestOnly);
  const [row] = await db
    .select({ ...summary, content: catalogueVersionsTable.content, variables: catalogueVersionsTable.variables })
    .from(catalogueVersionsTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, catalogueVersionsTable.ownerId))
    .where(and(where, visibleTo(scope)));
  return row;
}

export async function searchIndicators(db: Db, scope: Scope, q: { q?: string; catalogue?: string; instrument?: string; limit?: number }) {
  const where: SQL[] = [visibleTo(scope), latestOnly];
  if (q.q) where.push(ilike(catalogueIndicatorsTable.name, `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
  if (q.catalogue) where.push(eq(catalogueVersionsTable.code, q.catalogue));
  if (q.instrument) where.push(eq(catalogueIndicatorsTable.instrument, q.instrument));
  return db
    .select({
      catalogue: catalogueVersionsTable.code,
      version: catalogueVersionsTable.version,
      indicatorId: catalogueIndicatorsTable.indicatorId,
      directionId: catalogueIndicatorsTable.directionId,
      trackId: catalogueIndicatorsTable.trackId,
      name: catalogueIndicatorsTable.name,
      instrument: catalogueIndicatorsTable.instrument,
    })
    .from(catalogueIndicatorsTable)
    .innerJoin(catalogueVersionsTable, eq(catalogueVersionsTable.id, catalogueIndicatorsTable.versionId))
    .innerJoin(organisationsTable, eq(organisationsTable.id, catalogueVersionsTable.ownerId))
    .where(and(...where))
    .orderBy(asc(catalogueVersionsTable.code), asc(catalogueIndicatorsTable.position))
    .limit(q.limit ?? 100);
}
