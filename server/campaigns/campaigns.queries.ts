import { and, asc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assignmentsTable, campaignsTable, formsTable, formVersionsTable, organisationsTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';

const owner = alias(organisationsTable, 'owner');
const institution = alias(organisationsTable, 'institution');
const municipality = alias(organisationsTable, 'municipality');

// a campaign is visible when its owner is above the caller or inside the caller's subtree
const campaignVisible = (scope: Scope) =>
  or(sql`${scope.path} like ${owner.path} || '%'`, like(owner.path, `${scope.path}%`))!;
const institutionInScope = (scope: Scope) => like(institution.path, `${scope.path}%`);

export async function listCampaigns(db: Db, scope: Scope, campaignId?: string) {
  return db
    .select({
      campaign: campaignsTable,
      formKind: formsTable.kind,
      assignments: sql<number>`count(${assignmentsTable.id})::int`,
      expected: sql<number>`coalesce(sum(${assignmentsTable.expected}), 0)::int`,
      started: sql<number>`coalesce(sum(${assignmentsTable.started}), 0)::int`,
      completed: sql<number>`coalesce(sum(least(${assignmentsTable.completed}, ${assignmentsTable.expected})), 0)::int`,
      completedOnTime: sql<number>`coalesce(sum(least(${assignmentsTable.completedOnTime}, ${assignmentsTable.expected})), 0)::int`,
      submitted: sql<number>`count(*) filter (where ${assignmentsTable.status} in ('submitted', 'accepted'))::int`,
    })
    .from(campaignsTable)
    .innerJoin(owner, eq(owner.id, campaignsTable.ownerId))
    .innerJoin(formVersionsTable, eq(formVersionsTable.id, campaignsTable.formVersionId))
    .innerJoin(formsTable, eq(formsTable.id, formVersionsTable.formId))
    .innerJoin(assignmentsTable, eq(assignmentsTable.campaignId, campaignsTable.id))
    .innerJoin(institution, eq(institution.id, assignmentsTable.institutionId))
    .where(and(campaignVisible(scope), institutionInScope(scope), campaignId ? eq(campaignsTable.id, campaignId) : undefined))
    .groupBy(campaignsTable.id, formsTable.kind)
    .orderBy(sql`${campaignsTable.createdAt} desc`);
}

export async function listAssignments(db: Db, scope: Scope, where: { campaignId?: string; assignmentId?: string }) {
  const filters: SQL[] = [institutionInScope(scope), campaignVisible(scope)];
  if (where.campaignId) filters.push(eq(assignmentsTable.campaignId, where.campaignId));
  if (where.assignmentId) filters.push(eq(assignmentsTable.id, where.assignmentId));
  return db
    .select({
      assignment: assignmentsTable,
      institution: { id: institution.id, name: institution.name, code: institution.code, kind: institution.kind, settlement: institution.settlement, type: institution.type },
      municipality: { name: municipality.name, timeZone: municipality.timeZone },
      campaign: campaignsTable,
    })
    .from(assignmentsTable)
    .innerJoin(campaignsTable, eq(campaignsTable.id, assignmentsTable.campaignId))
    .innerJoin(owner, eq(owner.id, campaignsTable.ownerId))
    .innerJoin(institution, eq(institution.id, assignmentsTable.institutionId))
    .innerJoin(municipality, eq(municipality.id, institution.parentId))
    .where(and(...filters))
    .orderBy(asc(municipality.name), asc(institution.name));
}

/** Institutions under the given units (in scope), with their municipality's time zone. */
export async function coveredInstitutions(db: Db, paths: string[], kinds?: string[]) {
  const filters: SQL[] = [eq(institution.level, 'institution'), or(...paths.map((p) => like(institution.path, `${p}%`)))!];
  if (kinds?.length) filters.push(inArray(institution.kind, kinds as ('school' | 'kindergarten' | 'supplementary')[]));
  return db
    .select({ id: institution.id, kind: institution.kind, timeZone: municipality.timeZone })
    .from(institution)
    .innerJoin(municipality, eq(municipality.id, institution.parentId))
    .where(and(...filters));
}
