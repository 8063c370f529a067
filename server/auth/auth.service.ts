import { AppError } from '../shared/errors.ts';
import type { Db } from '../db/db.client.ts';
import { hashPassword, verifyPassword } from './auth.passwords.ts';
import { findUserWithOrganisation } from './auth.queries.ts';
import type { LoginBody, Scope } from './auth.schemas.ts';
import { passwordProblem } from './password.policy.ts';
import { endSessionsOf } from './sessions.queries.ts';
import { setPasswordHash, touchLastLogin } from '../users/users.queries.ts';
import { recordAudit } from '../audit/audit.queries.ts';

type CallerRow = Pick<NonNullable<Awaited<ReturnType<typeof findUserWithOrganisation>>>, 'id' | 'email' | 'name' | 'role' | 'organisation'>;

export function publicCaller(row: CallerRow) {
  const { id, email, name, role, organisation } = row;
  return { id, email, name, role, organisation: { id: organisation.id, name: organisation.name, level: organisation.level } };
}

export async function login({ db, email, password }: { db: Db } & LoginBody) {
  const row = await findUserWithOrganisation(db, { email });
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok) throw new AppError(401, 'auth.invalid_credentials', 'Неверный адрес почты или пароль');
  // told only to someone who knows the password, so it reveals nothing to a guesser
  if (row.deactivatedAt) throw new AppError(403, 'auth.deactivated', 'Учётная запись отключена. Обратитесь к администратору.');
  await touchLastLogin(db, row.id);
  return row;
}

/** The scope a user (or a session of theirs) acts in. */
export function scopeOf(row: Pick<CallerRow, 'id' | 'role' | 'organisation'> & { organisation: { path: string }; sessionId?: string }): Scope {
  return { userId: row.id, role: row.role, organisationId: row.organisation.id, path: row.organisation.path, sessionId: row.sessionId };
}

/** An active user with their organisation (a deactivated one acts nowhere, schedules included). */
export async function loadCaller(db: Db, userId: string) {
  const row = await findUserWithOrganisation(db, { id: userId });
  if (!row || row.deactivatedAt) throw new AppError(401, 'auth.invalid_token', 'Сеанс недействителен, войдите снова');
  return row;
}

/** The one refusal of a password the policy does not accept; `field` names it in the request. */
export function assertAcceptable(password: string, email: string, field = 'newPassword') {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError(422, 'auth.weak_password', problem, [{ field, message: problem }]);
}

/** Changes the caller's own password; every other session of theirs ends, this one stays. */
export async function changePassword(db: Db, scope: Scope, currentPassword: string, newPassword: string) {
  const row = await loadCaller(db, scope.userId);
  if (!(await verifyPassword(row.passwordHash, currentPassword))) throw new AppError(403, 'auth.wrong_password', 'Текущий пароль указан неверно');
  assertAcceptable(newPassword, row.email);
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, row.id, hash);
    await endSessionsOf(tx, row.id, new Date(), scope.sessionId);
    await recordAudit(tx, { actorId: row.id, action: 'user.password_change', targetUserId: row.id, organisationId: row.organisation.id });
  });
}
