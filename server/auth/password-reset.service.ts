// Password reset by mail (also the "set your password" mail of a new account and the link after
// an administrator's forced reset). The link's token is `<reset id>.<HMAC(secret, id)>`: the
// database keeps no token or hash of one, and the outbox row holds only a placeholder that the
// sender fills at send time. A link works once, expires, and using it ends every session.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/db.client.ts';
import type { Mail } from '../../drizzle/schema/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { recordAudit } from '../audit/audit.queries.ts';
import { insertMails } from '../reminders/reminders.queries.ts';
import { passwordMail, SECRET_LINK } from '../reminders/reminders.templates.ts';
import { setPasswordHash } from '../users/users.queries.ts';
import { hashPassword } from './auth.passwords.ts';
import { findUserWithOrganisation } from './auth.queries.ts';
import { assertAcceptable } from './auth.service.ts';
import { findReset, insertReset, latestOpenReset, useResets } from './password-reset.queries.ts';
import { endSessionsOf } from './sessions.queries.ts';

export type ResetKind = 'reset' | 'welcome' | 'forced';
export type ResetJobs = { clock: Clock; staffUrl: string; secret: string };

const HOURS: Record<ResetKind, number> = { reset: 1, welcome: 72, forced: 24 };
// a second "forgot password" within this time sends nothing new: the first link still works
const RESEND_AFTER_MS = 2 * 60_000;
const TEMPLATE = 'password_mail';

const mac = (secret: string, id: string) => createHmac('sha256', secret).update(`password-reset:${id}`).digest('base64url');
export const resetToken = (secret: string, resetId: string) => `${resetId}.${mac(secret, resetId)}`;
export const resetLink = (jobs: Pick<ResetJobs, 'staffUrl' | 'secret'>, resetId: string) => `${jobs.staffUrl}/reset-password?token=${resetToken(jobs.secret, resetId)}`;

/** Opens a reset link for the user and plans its mail in the outbox (call in the caller's transaction). */
export async function startPasswordReset(db: Db, user: { id: string; email: string; name?: string }, jobs: ResetJobs, kind: ResetKind) {
  const now = jobs.clock.now();
  const id = await insertReset(db, user.id, new Date(now.getTime() + HOURS[kind] * 3600_000));
  const content = passwordMail({ name: user.name ?? user.email, kind, hours: HOURS[kind] });
  await insertMails(db, [{ dedupeKey: `${TEMPLATE}:${id}`, template: TEMPLATE, recipient: user.email, plannedAt: now, ...content }]);
  return id;
}

/** "Forgot password": the same answer whether or not the address has an account. */
export async function requestPasswordReset(db: Db, email: string, jobs: ResetJobs) {
  const user = await findUserWithOrganisation(db, { email });
  if (!user || user.deactivatedAt) return;
  const open = await latestOpenReset(db, user.id);
  if (open && open.expiresAt > jobs.clock.now() && jobs.clock.now().getTime() - open.createdAt.getTime() < RESEND_AFTER_MS) return;
  await startPasswordReset(db, user, jobs, 'reset');
}

const invalidLink = () => new AppError(400, 'auth.reset_invalid', 'Ссылка недействительна, устарела или уже использована. Запросите новую.');

function resetIdOf(secret: string, token: string) {
  const [id, given] = token.split('.');
  if (!id || !given || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const expected = Buffer.from(mac(secret, id));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : undefined;
}

/** Sets a new password through a mailed link: once, before it expires; every session ends. */
export async function confirmPasswordReset(db: Db, jobs: ResetJobs, token: string, newPassword: string) {
  const id = resetIdOf(jobs.secret, token);
  const reset = id ? await findReset(db, id) : undefined;
  const now = jobs.clock.now();
  if (!reset || reset.usedAt || reset.expiresAt <= now || reset.user.deactivatedAt) throw invalidLink();
  assertAcceptable(newPassword, reset.user.email);
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    // the conditional update is the single-use guard: two tabs submitting at once set it once
    if (!(await useResets(tx, reset.user.id, reset.id, now))) throw invalidLink();
    await setPasswordHash(tx, reset.user.id, hash);
    await endSessionsOf(tx, reset.user.id, new Date());
    await recordAudit(tx, { actorId: reset.user.id, action: 'user.password_reset', targetUserId: reset.user.id, organisationId: reset.user.organisationId, details: { via: 'mail' } });
  });
}

/** For the mail sender: is an account mail still worth sending, and its content with the link. */
export async function accountMailContent(db: Db, mail: Mail, jobs: Omit<ResetJobs, 'clock'> & { now: Date }) {
  if (mail.template !== TEMPLATE) return { wanted: true, text: mail.text, html: mail.html };
  const id = mail.dedupeKey.slice(TEMPLATE.length + 1);
  const reset = await findReset(db, id);
  if (!reset || reset.usedAt || reset.expiresAt <= jobs.now) return { wanted: false, text: '', html: '' };
  const link = resetLink(jobs, id);
  return { wanted: true, text: mail.text.replaceAll(SECRET_LINK, link), html: mail.html.replaceAll(SECRET_LINK, link) };
}
