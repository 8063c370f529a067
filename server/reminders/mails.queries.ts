import { and, desc, eq, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assignmentsTable, campaignsTable, mailsTable, organisationsTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import { INVITATION_TOKEN } from './reminders.templates.ts';

const institution = alias(organisationsTable, 'institution');
const owner = alias(organisationsTable, 'owner');

/** Mails the caller may see: about institutions in their subtree, or digests to people in it. */
export async function listMails(db: Db, scope: Scope, campaignId: string | undefined, limit: number) {
  const where: SQL[] = [
    or(sql`${scope.path} like ${owner.path} || '%'`, like(owner.path, `${scope.path}%`))!,
    or(like(institution.path, `${scope.path}%`), sql`${mailsTable.recipient} in (select u.email from users u join organisations o on o.id = u.organisation_id where o.path like ${scope.path + '%'})`)!,
  ];
  if (campaignId) where.push(eq(mailsTable.campaignId, campaignId));
  const rows = await db
    .select({
      id: mailsTable.id, template: mailsTable.template, recipient: mailsTable.recipient, subject: mailsTable.subject, text: mailsTable.text,
      plannedAt: mailsTable.plannedAt, state: mailsTable.state, attempts: mailsTable.attempts, lastError: mailsTable.lastError, sentAt: mailsTable.sentAt,
      transport: mailsTable.transport, campaignId: mailsTable.campaignId, campaign: campaignsTable.title,
    })
    .from(mailsTable)
    .innerJoin(campaignsTable, eq(campaignsTable.id, mailsTable.campaignId))
    .innerJoin(owner, eq(owner.id, campaignsTable.ownerId))
    .leftJoin(assignmentsTable, eq(assignmentsTable.id, mailsTable.assignmentId))
    .leftJoin(institution, eq(institution.id, assignmentsTable.institutionId))
    .where(and(...where))
    .orderBy(desc(mailsTable.plannedAt))
    .limit(limit);
  // staff see that a personal link is there, never the link itself (it would answer as the parent)
  return rows.map((r) => ({ ...r, text: r.text.replaceAll(INVITATION_TOKEN, '[скрыто]'), plannedAt: r.plannedAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null }));
}
