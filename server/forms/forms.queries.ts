import { and, desc, eq, max, sql } from 'drizzle-orm';
import { formsTable, formVersionsTable, organisationsTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import { visibleTo } from '../catalogues/catalogues.queries.ts';

export async function listForms(db: Db, scope: Scope) {
  return db
    .select({
      id: formsTable.id,
      title: formsTable.title,
      kind: formsTable.kind,
      ownerId: formsTable.ownerId,
      createdAt: formsTable.createdAt,
      latestVersion: max(formVersionsTable.version),
      latestVersionId: sql<string>`(array_agg(${formVersionsTable.id} order by ${formVersionsTable.version} desc))[1]`,
    })
    .from(formsTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, formsTable.ownerId))
    .innerJoin(formVersionsTable, eq(formVersionsTable.formId, formsTable.id))
    .where(visibleTo(scope))
    .groupBy(formsTable.id)
    .orderBy(desc(formsTable.createdAt));
}

export async function findForm(db: Db, scope: Scope, id: string) {
  const [row] = await db
    .select({ form: formsTable })
    .from(formsTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, formsTable.ownerId))
    .where(and(eq(formsTable.id, id), visibleTo(scope)));
  return row?.form;
}

export const formVersions = (db: Db, formId: string) =>
  db.select().from(formVersionsTable).where(eq(formVersionsTable.formId, formId)).orderBy(desc(formVersionsTable.version));

export async function findFormVersion(db: Db, scope: Scope, id: string) {
  const [row] = await db
    .select({ version: formVersionsTable, kind: formsTable.kind, ownerId: formsTable.ownerId })
    .from(formVersionsTable)
    .innerJoin(formsTable, eq(formsTable.id, formVersionsTable.formId))
    .innerJoin(organisationsTable, eq(organisationsTable.id, formsTable.ownerId))
    .where(and(eq(formVersionsTable.id, id), visibleTo(scope)));
  return row;
}

/** Unscoped: the public submission path reaches a version through an assignment's code. */
export async function formVersionById(db: Db, id: string) {
  const [row] = await db.select().from(formVersionsTable).where(eq(formVersionsTable.id, id));
  return row;
}
