// Organisation SQL, always filtered by the caller's subtree (the `path` prefix).
import { randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, like, type SQL } from 'drizzle-orm';
import { organisationsTable, type Organisation } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import type { OrganisationListQuery } from './organisations.schemas.ts';

export const inSubtree = (scope: Pick<Scope, 'path'>) => like(organisationsTable.path, `${scope.path}%`);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

export async function listOrganisations(db: Db, scope: Scope, filter: OrganisationListQuery) {
  const where: SQL[] = [inSubtree(scope)];
  if (filter.level) where.push(eq(organisationsTable.level, filter.level));
  if (filter.kind) where.push(eq(organisationsTable.kind, filter.kind));
  if (filter.settlement) where.push(eq(organisationsTable.settlement, filter.settlement));
  if (filter.parentId) where.push(eq(organisationsTable.parentId, filter.parentId));
  if (filter.q) where.push(ilike(organisationsTable.name, `%${escapeLike(filter.q)}%`));
  return db.select().from(organisationsTable).where(and(...where)).orderBy(asc(organisationsTable.path), asc(organisationsTable.name));
}

export async function findOrganisation(db: Db, scope: Pick<Scope, 'path'>, id: string): Promise<Organisation | undefined> {
  const [row] = await db.select().from(organisationsTable).where(and(eq(organisationsTable.id, id), inSubtree(scope)));
  return row;
}

export async function findByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select({ code: organisationsTable.code }).from(organisationsTable).where(inArray(organisationsTable.code, codes));
}

export type NewOrganisation = Omit<typeof organisationsTable.$inferInsert, 'path'> & { id: string; parentPath: string };

export async function insertOrganisations(db: Db, rows: NewOrganisation[]) {
  if (rows.length === 0) return [];
  return db
    .insert(organisationsTable)
    .values(rows.map(({ parentPath, ...row }) => ({ ...row, path: `${parentPath}${row.id}/` })))
    .returning();
}

/** The organisation with this code, created under `parent` when missing; true when it was created. */
export async function ensureOrganisation(
  db: Db,
  parent: Pick<Organisation, 'id' | 'path'> | null,
  input: Omit<NewOrganisation, 'id' | 'parentId' | 'parentPath'>,
): Promise<[Organisation, boolean]> {
  const id = randomUUID();
  const [created] = await db
    .insert(organisationsTable)
    .values({ ...input, id, parentId: parent?.id ?? null, path: `${parent?.path ?? ''}${id}/` })
    .onConflictDoNothing({ target: organisationsTable.code })
    .returning();
  if (created) return [created, true];
  const [existing] = await db.select().from(organisationsTable).where(eq(organisationsTable.code, input.code));
  return [existing!, false];
}

export async function updateOrganisation(db: Db, id: string, patch: Partial<typeof organisationsTable.$inferInsert>) {
  const [row] = await db.update(organisationsTable).set({ ...patch, updatedAt: new Date() }).where(eq(organisationsTable.id, id)).returning();
  return row;
}
