// User administration: accounts are added, changed, switched off and on, and their passwords
// reset by the people who manage them (users.rules.ts says who). Each change and its audit row
// are one transaction; the mails go out later from the outbox.
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import { assertAcceptable } from '../auth/auth.service.ts';
import { startPasswordReset, type ResetJobs } from '../auth/password-reset.service.ts';
import { endSessionsOf } from '../auth/sessions.queries.ts';
import { recordAudit } from '../audit/audit.queries.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { get as getOrganisation } from '../organisations/organisations.service.ts';
import { findUserInScope, insertUser, listUsers, setDeactivated, setPasswordHash, unusablePasswordHash, updateUser, type UserChange } from './users.queries.ts';
import { assertMayGrant, assertMayManage, assertRoleFitsLevel } from './users.rules.ts';
import type { CreateUserBody, UpdateUserBody } from './users.schemas.ts';

type Ctx = { db: Db; scope: Scope };
type JobsCtx = Ctx & { jobs: ResetJobs };

const serialise = <T extends { lastLoginAt: Date | null; deactivatedAt: Date | null }>({ lastLoginAt, deactivatedAt, ...u }: T) => ({
  ...u,
  lastLoginAt: lastLoginAt?.toISOString() ?? null,
  active: deactivatedAt === null,
  deactivatedAt: deactivatedAt?.toISOString() ?? null,
});

export const list = async ({ db, scope }: Ctx) => (await listUsers(db, scope)).map(serialise);

async function findTarget(db: Db, scope: Scope, id: string) {
  const target = await findUserInScope(db, scope, id);
  if (!target) throw notFound('user');
  return target;
}

export async function create({ db, scope, jobs }: JobsCtx, input: CreateUserBody) {
  assertMayGrant(scope, input.role);
  const org = await getOrganisation({ db, scope }, input.organisationId);
  assertRoleFitsLevel(input.role, org.level);
  const email = input.email.toLowerCase();
  const invited = input.password === undefined;
  if (!invited) assertAcceptable(input.password!, email, 'password');
  const passwordHash = invited ? unusablePasswordHash() : await hashPassword(input.password!);
  const row = await db.transaction(async (tx) => {
    const row = await insertUser(tx, { email, name: input.name, role: input.role, organisationId: org.id, passwordHash });
    if (!row) throw conflict('user.email_taken', 'Пользователь с таким адресом уже есть');
    if (invited) await startPasswordReset(tx, row, jobs, 'welcome');
    await recordAudit(tx, { actorId: scope.userId, action: 'user.create', targetUserId: row.id, organisationId: org.id, details: { role: input.role, organisation: org.name, invited } });
    return row;
  });
  return serialise(row);
}

export async function update({ db, scope }: Ctx, id: string, input: UpdateUserBody) {
  const target = await findTarget(db, scope, id);
  const org = input.organisationId && input.organisationId !== target.organisationId ? await getOrganisation({ db, scope }, input.organisationId) : target.organisation;
  const role = input.role ?? target.role;
  assertMayManage(scope, target, 'update', { role, organisationId: org.id });
  assertRoleFitsLevel(role, org.level);
  // the audit keeps what each changed field was and became (as organisations' audit does), the organisation by name
  const change: UserChange = {};
  const changes: Record<string, { old: string; new: string }> = {};
  if (input.name !== undefined && input.name !== target.name) {
    change.name = input.name;
    changes.name = { old: target.name, new: input.name };
  }
  if (role !== target.role) {
    change.role = role;
    changes.role = { old: target.role, new: role };
  }
  if (org.id !== target.organisationId) {
    change.organisationId = org.id;
    changes.organisation = { old: target.organisation.name, new: org.name };
  }
  if (Object.keys(change).length === 0) return serialise(target);
  const row = await db.transaction(async (tx) => {
    const row = await updateUser(tx, id, change);
    await recordAudit(tx, { actorId: scope.userId, action: 'user.update', targetUserId: id, organisationId: org.id, details: { changes } });
    return row;
  });
  return serialise(row);
}

/** Switches the account off: it cannot log in, and every session of it ends at once. */
export async function deactivate({ db, scope, jobs }: JobsCtx, id: string) {
  const target = await findTarget(db, scope, id);
  assertMayManage(scope, target, 'deactivate');
  const row = await db.transaction(async (tx) => {
    const row = await setDeactivated(tx, id, jobs.clock.now());
    // sessions end by the wall clock (sessions.service.ts), whatever the app's clock says
    await endSessionsOf(tx, id, new Date());
    if (row) await recordAudit(tx, { actorId: scope.userId, action: 'user.deactivate', targetUserId: id, organisationId: target.organisationId });
    return row;
  });
  return serialise(row ?? target);
}

/** Switches the account back on; the sessions ended at deactivation stay ended. */
export async function reactivate({ db, scope }: Ctx, id: string) {
  const target = await findTarget(db, scope, id);
  assertMayManage(scope, target, 'reactivate');
  const row = await db.transaction(async (tx) => {
    const row = await setDeactivated(tx, id, null);
    if (row) await recordAudit(tx, { actorId: scope.userId, action: 'user.reactivate', targetUserId: id, organisationId: target.organisationId });
    return row;
  });
  return serialise(row ?? target);
}

/** Forced reset: the password stops working, every session ends, a mail brings a link to set a new one. */
export async function forceReset({ db, scope, jobs }: JobsCtx, id: string) {
  const target = await findTarget(db, scope, id);
  assertMayManage(scope, target, 'reset');
  if (target.deactivatedAt) throw conflict('user.deactivated', 'Учётная запись отключена: сначала включите её, затем сбросьте пароль');
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, id, unusablePasswordHash());
    await endSessionsOf(tx, id, new Date());
    await startPasswordReset(tx, target, jobs, 'forced');
    await recordAudit(tx, { actorId: scope.userId, action: 'user.reset_forced', targetUserId: id, organisationId: target.organisationId });
  });
}
