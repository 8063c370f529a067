import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assignmentsTable, campaignsTable, formsTable, formVersionsTable, organisationsTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';

const institution = alias(organisationsTable, 'institution');
const municipality = alias(organisationsTable, 'municipality');

/** What a public link opens: unscoped by design, reached only through the assignment's code. */
export async function findByCode(db: Db, code: string) {
  const [row] = await db
    .select({
      assignment: assignmentsTable,
      campaign: campaignsTable,
      version: formVersionsTable,
      kind: formsTable.kind,
      institution: { id: institution.id, name: institution.name },
      timeZone: municipality.timeZone,
    })
    .from(assignmentsTable)
    .innerJoin(campaignsTable, eq(campaignsTable.id, assignmentsTable.campaignId))
    .innerJoin(formVersionsTable, eq(formVersionsTable.id, campaignsTable.formVersionId))
    .innerJoin(formsTable, eq(formsTable.id, formVersionsTable.formId))
    .innerJoin(institution, eq(institution.id, assignmentsTable.institutionId))
    .innerJoin(municipality, eq(municipality.id, institution.parentId))
    .where(eq(assignmentsTable.publicCode, code));
  return row;
}

export async function countStart(db: Db, assignmentId: string) {
  await db.update(assignmentsTable).set({ started: sql`${assignmentsTable.started} + 1` }).where(eq(assignmentsTable.id, assignmentId));
}
