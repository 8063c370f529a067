// The scheduler plans due reminders as outbox rows; the worker claims due rows with
// SKIP LOCKED and sends them. Both take the clock, so tests move time instead of waiting.
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { assignmentsTable, invitationsTable, mailsTable, type Mail } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import { formatLocal } from '../shared/time.ts';
import { invitationToken } from './invitations.tokens.ts';
import { accountMailContent } from '../auth/password-reset.service.ts';
import type { Mailer } from './mail.transport.ts';
import { DEFAULT_POLICY, dueOffset, outOfQuietHours } from './reminders.policy.ts';
import { activeAssignments, insertMails, mailHistory, openInvitations, usersAt } from './reminders.queries.ts';
import * as templates from './reminders.templates.ts';

// publicUrl: the staff app (reports, dashboards); surveyUrl: the respondents' pages (/s/ links)
export type JobCtx = { db: Db; clock: Clock; publicUrl: string; surveyUrl: string; secret: string };
type Row = Awaited<ReturnType<typeof activeAssignments>>[number];

const rateOf = (a: Row['assignment']) => (a.expected > 0 ? Math.round((Math.min(a.completed, a.expected) / a.expected) * 1000) / 10 : null);
export function lagging({ assignment: a, campaign: c }: Pick<Row, 'assignment' | 'campaign'>) {
  return c.audience === 'institution' ? !['submitted', 'accepted'].includes(a.status) : (rateOf(a) ?? 0) < c.targetRate;
}

/** Plans every reminder and digest that is due now; returns how many new mails were planned. */
export async function planReminders(ctx: JobCtx, options: { now?: boolean; campaignId?: string } = {}) {
  const now = ctx.clock.now();
  const rows = await activeAssignments(ctx.db, now, 72, options.campaignId);
  if (!rows.length) return 0;
  const coordinators = await usersAt(ctx.db, 'coordinator', [...new Set(rows.map((r) => r.institution.id))]);
  const analysts = await usersAt(ctx.db, 'analyst', [...new Set(rows.map((r) => r.municipality.id))]);
  const invitations = await openInvitations(ctx.db, rows.filter((r) => r.campaign.audience !== 'institution').map((r) => r.assignment.id), now);
  const history = new Map((await mailHistory(ctx.db, [...new Set(rows.map((r) => r.campaign.id))])).map((h) => [`${h.recipient}|${h.campaignId}`, { n: h.n, last: h.last }]));
  const mails: (typeof mailsTable.$inferInsert)[] = [];
  const digests = new Map<string, { row: Row; offset: number; lagging: Row[] }>();

  for (const row of rows) {
    const { assignment: a, campaign: c, municipality: m } = row;
    const policy = c.reminderPolicy ?? DEFAULT_POLICY;
    // "remind now" plans a manual round, ignoring offsets but not the limits
    const offset = options.now ? `manual-${now.toISOString().slice(0, 13)}` : dueOffset(a.deadlineAt, now, policy);
    if (offset === undefined) continue;
    const after = typeof offset === 'number' && offset > 0;
    if (after && c.audience !== 'institution') continue; // a closed survey takes no more answers
    const zone = m.timeZone ?? 'Europe/Moscow';
    const plannedAt = outOfQuietHours(now, zone, policy);
    const allowed = (recipient: string) => {
      const key = `${recipient}|${c.id}`;
      const h = history.get(key) ?? { n: 0, last: null };
      if (h.n >= policy.maxPerRecipient) return false;
      if (h.last && plannedAt.getTime() - h.last.getTime() < policy.minGapHours * 3600_000) return false;
      history.set(key, { n: h.n + 1, last: plannedAt });
      return true;
    };
    const deadline = formatLocal(a.deadlineAt, zone);
    if (lagging(row)) {
      // a manual round is the analyst's own click: no digest back to them
      if (!options.now) {
        const d = digests.get(`${c.id}|${m.id}`) ?? { row, offset: 0, lagging: [] };
        d.lagging.push(row);
        digests.set(`${c.id}|${m.id}`, { ...d, offset: offset as number });
      }
      for (const { email } of coordinators.filter((u) => u.organisationId === row.institution.id)) {
        if (!allowed(email)) continue;
        const content = c.audience === 'institution'
          ? templates.selfReportReminder({ institution: row.institution.name, campaign: c.title, deadline, link: `${ctx.publicUrl}/school/report/${a.id}`, late: after })
          : templates.surveyReminder({ institution: row.institution.name, campaign: c.title, deadline, link: `${ctx.surveyUrl}/s/${a.publicCode}`, qr: `${ctx.publicUrl}/api/assignments/${a.id}/qr-sheet`, rate: rateOf(a), target: c.targetRate, completed: a.completed, expected: a.expected });
        mails.push({ dedupeKey: `reminder:${a.id}:${email}:${offset}`, template: c.audience === 'institution' ? 'self_report_reminder' : 'survey_reminder', recipient: email, campaignId: c.id, assignmentId: a.id, plannedAt, ...content });
      }
    }
    for (const inv of invitations.filter((i) => i.assignmentId === a.id)) {
      if (!allowed(inv.email)) continue;
      const content = templates.invitation({ institution: row.institution.name, campaign: c.title, deadline, ...templates.invitationLinks(ctx.surveyUrl, a.publicCode), reminder: true });
      mails.push({ dedupeKey: `invitation-reminder:${inv.id}:${offset}`, template: 'invitation_reminder', recipient: inv.email, campaignId: c.id, assignmentId: a.id, invitationId: inv.id, plannedAt, ...content });
    }
  }

  for (const { row, offset, lagging: late } of digests.values()) {
    const zone = row.municipality.timeZone ?? 'Europe/Moscow';
    const content = templates.digest({
      municipality: row.municipality.name, campaign: row.campaign.title, deadline: formatLocal(row.assignment.deadlineAt, zone), link: `${ctx.publicUrl}/dept/campaigns/${row.campaign.id}`,
      rows: late.map((r) => ({ institution: r.institution.name, state: r.campaign.audience === 'institution' ? `отчёт ${r.assignment.status === 'not_started' ? 'не начат' : 'не отправлен'}` : `отклик ${rateOf(r.assignment) ?? 0} % (${r.assignment.completed} из ${r.assignment.expected})` })),
    });
    const plannedAt = outOfQuietHours(now, zone, row.campaign.reminderPolicy ?? DEFAULT_POLICY);
    for (const { email } of analysts.filter((u) => u.organisationId === row.municipality.id)) {
      mails.push({ dedupeKey: `digest:${row.campaign.id}:${row.municipality.id}:${email}:${offset}`, template: 'digest', recipient: email, campaignId: row.campaign.id, plannedAt, ...content });
    }
  }
  return insertMails(ctx.db, mails);
}

/** Is a planned mail still wanted? A recipient who finished (or unsubscribed) gets nothing. */
async function stillWanted(db: Db, mail: Mail) {
  if (mail.invitationId) {
    const [inv] = await db.select().from(invitationsTable).where(eq(invitationsTable.id, mail.invitationId));
    return !!inv && !inv.used && !inv.unsubscribedAt;
  }
  if (!mail.assignmentId || mail.template === 'digest') return true;
  const [a] = await db.select().from(assignmentsTable).where(eq(assignmentsTable.id, mail.assignmentId));
  if (!a) return false;
  if (mail.template === 'self_report_reminder') return !['submitted', 'accepted'].includes(a.status);
  return true;
}

const MAX_ATTEMPTS = 5;
const LOCK_MS = 5 * 60_000;
const SEND_CONCURRENCY = 8;

/** Claims up to `limit` due mails (SKIP LOCKED: another worker never gets the same) and sends them. */
export async function sendDue(ctx: Omit<JobCtx, 'surveyUrl'> & { mailer: Mailer; surveyUrl?: string }, limit = 50) {
  const now = ctx.clock.now();
  const claimable = ctx.db
    .select({ id: mailsTable.id })
    .from(mailsTable)
    .where(or(and(eq(mailsTable.state, 'planned'), lte(mailsTable.plannedAt, now)), and(eq(mailsTable.state, 'sending'), lte(mailsTable.lockedUntil, now))))
    .orderBy(mailsTable.plannedAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await ctx.db
    .update(mailsTable)
    .set({ state: 'sending', lockedUntil: new Date(now.getTime() + LOCK_MS), attempts: sql`${mailsTable.attempts} + 1` })
    .where(inArray(mailsTable.id, claimable))
    .returning();
  const result = { sent: 0, retried: 0, failed: 0, cancelled: 0 };
  const sent: string[] = [];
  // a few mails at a time over the pooled SMTP connections; the "sent" marks go in one update
  const sendOne = async (mail: Mail) => {
    const content = await accountMailContent(ctx.db, mail, { staffUrl: ctx.publicUrl, secret: ctx.secret, now });
    if (mail.invitationId) {
      const token = invitationToken(ctx.secret, mail.invitationId);
      content.text = content.text.replaceAll(templates.INVITATION_TOKEN, token);
      content.html = content.html.replaceAll(templates.INVITATION_TOKEN, token);
    }
    if (!content.wanted || !(await stillWanted(ctx.db, mail))) {
      await ctx.db.update(mailsTable).set({ state: 'cancelled', lockedUntil: null }).where(eq(mailsTable.id, mail.id));
      result.cancelled++;
      return;
    }
    try {
      const headers: Record<string, string> = mail.invitationId
        ? { 'List-Unsubscribe': `<${ctx.surveyUrl ?? ctx.publicUrl}/api/public/unsubscribe?t=${invitationToken(ctx.secret, mail.invitationId)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {};
      await ctx.mailer.send({ to: mail.recipient, subject: mail.subject, text: content.text, html: content.html, headers });
      sent.push(mail.id);
      result.sent++;
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      const failed = mail.attempts >= MAX_ATTEMPTS;
      // back-off: 2, 4, 8, 16 minutes
      await ctx.db
        .update(mailsTable)
        .set(failed ? { state: 'failed', lastError: message, lockedUntil: null } : { state: 'planned', lastError: message, lockedUntil: null, plannedAt: new Date(now.getTime() + 2 ** mail.attempts * 60_000) })
        .where(eq(mailsTable.id, mail.id));
      result[failed ? 'failed' : 'retried']++;
    }
  };
  for (let i = 0; i < claimed.length; i += SEND_CONCURRENCY) await Promise.all(claimed.slice(i, i + SEND_CONCURRENCY).map(sendOne));
  if (sent.length) {
    await ctx.db.update(mailsTable).set({ state: 'sent', sentAt: ctx.clock.now(), transport: ctx.mailer.kind, lockedUntil: null, lastError: null }).where(inArray(mailsTable.id, sent));
  }
  return result;
}
