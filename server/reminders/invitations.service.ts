// Personal invitations: an email list per survey assignment. Each address gets a single-use
// link; the invitation mail goes through the outbox like every other mail.
import { and, eq, gt } from 'drizzle-orm';
import { invitationsTable, mailsTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import { getAssignmentRow, type Ctx } from '../campaigns/campaigns.service.ts';
import { AppError } from '../shared/errors.ts';
import { formatLocal } from '../shared/time.ts';
import { invitationToken, tokenHash } from './invitations.tokens.ts';
import { DEFAULT_POLICY, outOfQuietHours } from './reminders.policy.ts';
import * as templates from './reminders.templates.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function invite(ctx: Ctx & { surveyUrl: string; secret: string }, assignmentId: string, emails: string[]) {
  const row = await getAssignmentRow(ctx, assignmentId);
  if (row.campaign.audience === 'institution' || !row.assignment.publicCode) throw new AppError(409, 'invitation.not_survey', 'Приглашения рассылаются только для опросов');
  const bad = emails.filter((e) => !EMAIL.test(e.trim()));
  if (bad.length) throw new AppError(422, 'invitation.bad_email', `Неверные адреса: ${bad.slice(0, 10).join(', ')}`, bad.map((e) => ({ field: 'emails', message: `неверный адрес «${e.slice(0, 80)}»` })));
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const zone = row.municipality.timeZone ?? 'Europe/Moscow';
  const deadline = formatLocal(row.assignment.deadlineAt, zone);
  const plannedAt = outOfQuietHours(ctx.clock.now(), zone, row.campaign.reminderPolicy ?? DEFAULT_POLICY);
  return ctx.db.transaction(async (tx) => {
    let created = 0;
    for (const email of unique) {
      const [existing] = await tx.select({ id: invitationsTable.id }).from(invitationsTable).where(and(eq(invitationsTable.assignmentId, row.assignment.id), eq(invitationsTable.email, email)));
      if (existing) continue; // inviting the same address twice sends nothing new
      const id = crypto.randomUUID();
      const token = invitationToken(ctx.secret, id);
      await tx.insert(invitationsTable).values({ id, assignmentId: row.assignment.id, email, tokenHash: tokenHash(token), expiresAt: row.assignment.deadlineAt });
      // the stored mail carries a placeholder; the sender puts the personal token in at send time
      const content = templates.invitation({ institution: row.institution.name, campaign: row.campaign.title, deadline, ...templates.invitationLinks(ctx.surveyUrl, row.assignment.publicCode), reminder: false });
      await tx.insert(mailsTable).values({ dedupeKey: `invitation:${id}`, template: 'invitation', recipient: email, campaignId: row.campaign.id, assignmentId: row.assignment.id, invitationId: id, plannedAt, ...content });
      created++;
    }
    return { invited: created, skipped: emails.length - created };
  });
}

export type TokenState = 'valid' | 'used' | 'invalid';

export async function tokenState(db: Db, assignmentId: string, token: string, now: Date): Promise<TokenState> {
  const [inv] = await db.select().from(invitationsTable).where(and(eq(invitationsTable.tokenHash, tokenHash(token)), eq(invitationsTable.assignmentId, assignmentId)));
  if (!inv || inv.expiresAt < now) return 'invalid';
  return inv.used ? 'used' : 'valid';
}

/** Marks the invitation used inside the submission's transaction; false if it cannot be used. */
export async function useToken(tx: Db, assignmentId: string, token: string, now: Date) {
  const used = await tx
    .update(invitationsTable)
    // only the fact, never the time: a time equal to the answer's would join the address to it
    .set({ used: true })
    .where(and(eq(invitationsTable.tokenHash, tokenHash(token)), eq(invitationsTable.assignmentId, assignmentId), eq(invitationsTable.used, false), gt(invitationsTable.expiresAt, now)))
    .returning({ id: invitationsTable.id });
  return used.length === 1;
}

export async function unsubscribe(db: Db, token: string, now: Date) {
  const done = await db.update(invitationsTable).set({ unsubscribedAt: now }).where(eq(invitationsTable.tokenHash, tokenHash(token))).returning({ id: invitationsTable.id });
  return done.length === 1;
}
