import { and, eq, gte, inArray, isNull, lte, max, count, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assignmentsTable, campaignsTable, invitationsTable, mailsTable, organisationsTable, usersTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';

const institution = alias(organisationsTable, 'institution');
const municipality = alias(organisationsTable, 'municipality');

/** Assignments of campaigns that are open now or closed less than `afterHours` ago. */
export async function activeAssignments(db: Db, now: Date, afterHours: number, campaignId?: string) {
  return db
    .select({
      assignment: assignmentsTable,
      campaign: campaignsTable,
      institution: { id: institution.id, name: institution.name },
      municipality: { id: municipality.id, name: municipality.name, timeZone: municipality.timeZone },
    })
    .from(assignmentsTable)
    .innerJoin(campaignsTable, eq(campaignsTable.id, assignmentsTable.campaignId))
    .innerJoin(institution, eq(institution.id, assignmentsTable.institutionId))
    .innerJoin(municipality, eq(municipality.id, institution.parentId))
    .where(and(lte(campaignsTable.opensAt, now), gte(assignmentsTable.deadlineAt, new Date(now.getTime() - afterHours * 3600_000)), campaignId ? eq(campaignsTable.id, campaignId) : undefined));
}

export async function usersAt(db: Db, role: 'coordinator' | 'analyst', organisationIds: string[]) {
  if (!organisationIds.length) return [];
  return db.select({ email: usersTable.email, organisationId: usersTable.organisationId }).from(usersTable).where(and(eq(usersTable.role, role), inArray(usersTable.organisationId, organisationIds)));
}

export async function openInvitations(db: Db, assignmentIds: string[], now: Date) {
  if (!assignmentIds.length) return [];
  return db
    .select()
    .from(invitationsTable)
    .where(and(inArray(invitationsTable.assignmentId, assignmentIds), eq(invitationsTable.used, false), isNull(invitationsTable.unsubscribedAt), gte(invitationsTable.expiresAt, now)));
}

/** Per recipient and campaign: how many mails were planned and the latest planned time. */
export async function mailHistory(db: Db, campaignIds: string[]) {
  if (!campaignIds.length) return [];
  return db
    .select({ recipient: mailsTable.recipient, campaignId: mailsTable.campaignId, n: count(), last: max(mailsTable.plannedAt) })
    .from(mailsTable)
    .where(and(inArray(mailsTable.campaignId, campaignIds), sql`${mailsTable.template} <> 'digest'`, sql`${mailsTable.state} <> 'cancelled'`))
    .groupBy(mailsTable.recipient, mailsTable.campaignId);
}

export async function insertMails(db: Db, rows: (typeof mailsTable.$inferInsert)[]) {
  if (!rows.length) return 0;
  const inserted = await db.insert(mailsTable).values(rows).onConflictDoNothing({ target: mailsTable.dedupeKey }).returning({ id: mailsTable.id });
  return inserted.length;
}
