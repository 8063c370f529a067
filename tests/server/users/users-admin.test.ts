import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogTable, mailsTable, passwordResetsTable, sessionsTable, usersTable } from '../../../drizzle/schema/index.ts';
import { resetToken } from '../../../server/auth/password-reset.service.ts';
import { createTestApp, testConfig } from '../../helpers/test-app.ts';

const t = await createTestApp();
const admin = await t.login('admin@demo.local');
const analyst = await t.login('analyst@kalininsky.demo');
const kalarskyAnalyst = await t.login('analyst@kalarsky.demo');
const viewer = await t.login('viewer@saratov.demo');
const coordinator = await t.login('school@kalininsky.demo');

const PASSWORD = 'correct horse battery';
let serial = 0;

type Caller = { headers: Record<string, string> };
const call = (who: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => t.app.inject({ method, url, headers: who.headers, payload: payload as object });
const me = (who: Caller) => call(who, 'GET', '/api/auth/me');

async function userRow(email: string) {
  const [row] = await t.db.select().from(usersTable).where(eq(usersTable.email, email));
  return row!;
}
const userId = async (email: string) => (await userRow(email)).id;
const auditOf = (targetUserId: string) => t.db.select().from(auditLogTable).where(eq(auditLogTable.targetUserId, targetUserId));
const openSessions = (id: string) => t.db.select().from(sessionsTable).where(and(eq(sessionsTable.userId, id), isNull(sessionsTable.endedAt)));
const mailsTo = (email: string) => t.db.select().from(mailsTable).where(eq(mailsTable.recipient, email));

/** A fresh coordinator with a password, added by the given manager; returns the account and a logged-in token. */
async function newCoordinator(school: string, by: Caller = admin) {
  const email = `coordinator-${++serial}@${school.split('-')[0]}.demo`;
  const res = await call(by, 'POST', '/api/users', { email, name: `Координатор ${serial}`, password: PASSWORD, role: 'coordinator', organisationId: (await t.org(school)).id });
  expect(res.statusCode, res.body).toBe(201);
  return { user: res.json() as { id: string; email: string; name: string }, session: await t.login(email, PASSWORD) };
}

describe('adding a user', () => {
  it('lists each user as active or switched off', async () => {
    const res = await call(admin, 'GET', '/api/users');
    expect(res.statusCode).toBe(200);
    expect(res.json().find((u: { email: string }) => u.email === 'school@kalininsky.demo')).toMatchObject({ active: true, deactivatedAt: null });
  });

  it('without a password sends a "set your password" mail and the account cannot log in until then', async () => {
    const school = await t.org('kalininsky-gym');
    const res = await call(analyst, 'POST', '/api/users', { email: 'Invited@Kalininsky.demo', name: 'Приглашённый координатор', role: 'coordinator', organisationId: school.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ email: 'invited@kalininsky.demo', active: true, deactivatedAt: null, lastLoginAt: null });
    const row = await userRow('invited@kalininsky.demo');
    expect(row.passwordHash.startsWith('!')).toBe(true);
    expect(await t.db.select().from(passwordResetsTable).where(eq(passwordResetsTable.userId, row.id))).toHaveLength(1);
    const [mail] = await mailsTo('invited@kalininsky.demo');
    expect(mail).toMatchObject({ template: 'password_mail', state: 'planned' });
    expect(mail!.subject).toMatch(/установите пароль/);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'invited@kalininsky.demo', password: row.passwordHash } });
    expect(login.statusCode).toBe(401);
    const [audit] = await auditOf(row.id);
    expect(audit).toMatchObject({ action: 'user.create', actorId: await userId('analyst@kalininsky.demo'), organisationId: school.id, details: { role: 'coordinator', invited: true } });
  });

  it('with a password refuses one shorter than 12 characters with auth.weak_password and adds nobody', async () => {
    const res = await call(admin, 'POST', '/api/users', { email: 'short@kalininsky.demo', name: 'X', password: 'short-pass1', role: 'coordinator', organisationId: (await t.org('kalininsky-gym')).id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'auth.weak_password', message: 'Пароль должен быть не короче 12 символов' });
    expect(await t.db.select().from(usersTable).where(eq(usersTable.email, 'short@kalininsky.demo'))).toHaveLength(0);
  });

  it('with an acceptable password lets the user log in with it and sends no mail', async () => {
    const { user, session } = await newCoordinator('kalininsky-oosh');
    expect((await me(session)).json().id).toBe(user.id);
    expect(await mailsTo(user.email)).toHaveLength(0);
  });
});

describe('changing a user', () => {
  it('an administrator renames a coordinator and moves them to another school; the audit keeps old → new', async () => {
    const { user } = await newCoordinator('kalininsky-sosh1');
    const gym = await t.org('kalininsky-gym');
    const res = await call(admin, 'PATCH', `/api/users/${user.id}`, { name: 'Новое имя', organisationId: gym.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Новое имя', organisationId: gym.id, role: 'coordinator' });
    expect(await userRow(user.email)).toMatchObject({ name: 'Новое имя', organisationId: gym.id });
    const [audit] = (await auditOf(user.id)).filter((a) => a.action === 'user.update');
    expect(audit).toMatchObject({
      actorId: await userId('admin@demo.local'),
      organisationId: gym.id,
      details: { changes: { name: { old: user.name, new: 'Новое имя' }, organisation: { old: (await t.org('kalininsky-sosh1')).name, new: gym.name } } },
    });
  });

  it('an administrator makes a coordinator an analyst of the municipality, but not of a school', async () => {
    const { user } = await newCoordinator('kalininsky-cdt');
    const atSchool = await call(admin, 'PATCH', `/api/users/${user.id}`, { role: 'analyst' });
    expect(atSchool.statusCode).toBe(422);
    expect(atSchool.json().error.code).toBe('user.invalid');
    const moved = await call(admin, 'PATCH', `/api/users/${user.id}`, { role: 'analyst', organisationId: (await t.org('kalininsky')).id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await userRow(user.email)).role).toBe('analyst');
    const [audit] = (await auditOf(user.id)).filter((a) => a.action === 'user.update');
    expect(audit!.details).toMatchObject({ changes: { role: { old: 'coordinator', new: 'analyst' } } });
  });

  it('a change that changes nothing writes no audit row', async () => {
    const { user } = await newCoordinator('kalininsky-dou1');
    const res = await call(admin, 'PATCH', `/api/users/${user.id}`, { name: user.name });
    expect(res.statusCode).toBe(200);
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual(['user.create']);
  });

  it('refuses an empty change and unknown fields', async () => {
    const { user } = await newCoordinator('kalininsky-dou1');
    for (const payload of [{}, { email: 'other@kalininsky.demo' }, { name: 'X', passwordHash: 'x' }]) {
      const res = await call(admin, 'PATCH', `/api/users/${user.id}`, payload);
      expect(res.statusCode).toBe(400);
    }
  });
});

describe('switching an account off and on', () => {
  it('ends every session at once: the existing token is refused with 401 and the password no longer logs in', async () => {
    const { user, session } = await newCoordinator('kalininsky-gym');
    const second = await t.login(user.email, PASSWORD);
    expect((await me(session)).statusCode).toBe(200);
    const res = await call(analyst, 'POST', `/api/users/${user.id}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, deactivatedAt: '2026-11-24T09:00:00.000Z' });
    for (const s of [session, second]) expect((await me(s)).statusCode).toBe(401);
    expect(await openSessions(user.id)).toHaveLength(0);
    expect((await userRow(user.email)).deactivatedAt).not.toBeNull();
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('auth.deactivated');
    const token = await t.app.inject({ method: 'POST', url: '/api/auth/token', payload: { email: user.email, password: PASSWORD } });
    expect(token.statusCode).not.toBe(200);
    const audit = await auditOf(user.id);
    expect(audit.find((a) => a.action === 'user.deactivate')).toMatchObject({ actorId: await userId('analyst@kalininsky.demo'), organisationId: (await t.org('kalininsky-gym')).id });
  });

  it('switching off twice keeps the first date and writes one audit row', async () => {
    const { user } = await newCoordinator('kalininsky-gym');
    const first = await call(admin, 'POST', `/api/users/${user.id}/deactivate`);
    t.clock.advance(3600_000);
    const again = await call(admin, 'POST', `/api/users/${user.id}/deactivate`);
    expect(again.statusCode).toBe(200);
    expect(again.json().deactivatedAt).toBe(first.json().deactivatedAt);
    expect((await auditOf(user.id)).filter((a) => a.action === 'user.deactivate')).toHaveLength(1);
  });

  it('switching back on lets the user log in again; the sessions ended before stay ended', async () => {
    const { user, session } = await newCoordinator('kalininsky-gym');
    await call(admin, 'POST', `/api/users/${user.id}/deactivate`);
    const res = await call(admin, 'POST', `/api/users/${user.id}/reactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: true, deactivatedAt: null });
    expect((await userRow(user.email)).deactivatedAt).toBeNull();
    expect((await me(session)).statusCode).toBe(401);
    expect((await me(await t.login(user.email, PASSWORD))).statusCode).toBe(200);
    expect((await auditOf(user.id)).map((a) => a.action).sort()).toEqual(['user.create', 'user.deactivate', 'user.reactivate']);
  });
});

describe('a forced password reset', () => {
  it('stops the password, ends the sessions and mails a link that sets a new password', async () => {
    const { user, session } = await newCoordinator('kalininsky-oosh');
    const res = await call(admin, 'POST', `/api/users/${user.id}/reset-password`);
    expect(res.statusCode, res.body).toBe(202);
    expect((await me(session)).statusCode).toBe(401);
    expect(await openSessions(user.id)).toHaveLength(0);
    expect((await userRow(user.email)).passwordHash.startsWith('!')).toBe(true);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD } });
    expect(old.statusCode).toBe(401);
    const [mail] = await mailsTo(user.email);
    expect(mail).toMatchObject({ template: 'password_mail', subject: 'Сброс пароля' });
    expect((await auditOf(user.id)).find((a) => a.action === 'user.reset_forced')).toMatchObject({ actorId: await userId('admin@demo.local'), organisationId: (await t.org('kalininsky-oosh')).id });

    const [reset] = await t.db.select().from(passwordResetsTable).where(eq(passwordResetsTable.userId, user.id));
    const confirm = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: resetToken(testConfig().jwtSecret, reset!.id), newPassword: 'a brand new passphrase' } });
    expect(confirm.statusCode, confirm.body).toBe(204);
    expect((await me(await t.login(user.email, 'a brand new passphrase'))).statusCode).toBe(200);
  });

  it('is refused for a switched-off account (switch it on first)', async () => {
    const { user } = await newCoordinator('kalininsky-oosh');
    await call(admin, 'POST', `/api/users/${user.id}/deactivate`);
    const res = await call(admin, 'POST', `/api/users/${user.id}/reset-password`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('user.deactivated');
    expect(await mailsTo(user.email)).toHaveLength(0);
  });
});

describe('who may manage whom', () => {
  it("the analyst of Kalininsky cannot touch a Kalarsky coordinator: 404 user.not_found, nothing changes", async () => {
    const { user, session } = await newCoordinator('kalarsky-sosh1', kalarskyAnalyst);
    const before = await userRow(user.email);
    for (const [method, url, payload] of [
      ['PATCH', `/api/users/${user.id}`, { name: 'Чужой' }],
      ['POST', `/api/users/${user.id}/deactivate`, undefined],
      ['POST', `/api/users/${user.id}/reactivate`, undefined],
      ['POST', `/api/users/${user.id}/reset-password`, undefined],
    ] as const) {
      const res = await call(analyst, method, url, payload);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('user.not_found');
    }
    expect(await userRow(user.email)).toEqual(before);
    expect((await me(session)).statusCode).toBe(200);
  });

  it('the analyst of Kalininsky cannot touch an analyst: another municipality\'s is not found, their own is forbidden', async () => {
    const foreign = await call(analyst, 'POST', `/api/users/${await userId('analyst@kalarsky.demo')}/deactivate`);
    expect(foreign.statusCode).toBe(404);
    const self = await call(analyst, 'PATCH', `/api/users/${await userId('analyst@kalininsky.demo')}`, { name: 'Аналитик' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('auth.forbidden');
    const admins = await call(analyst, 'POST', `/api/users/${await userId('admin@demo.local')}/reset-password`);
    expect(admins.statusCode).toBe(404);
  });

  it('the analyst cannot promote a coordinator nor move one to another municipality', async () => {
    const { user } = await newCoordinator('kalininsky-gym', analyst);
    const promote = await call(analyst, 'PATCH', `/api/users/${user.id}`, { role: 'admin', organisationId: (await t.org('kalininsky')).id });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().error.code).toBe('auth.forbidden');
    const analystRole = await call(analyst, 'PATCH', `/api/users/${user.id}`, { role: 'analyst', organisationId: (await t.org('kalininsky')).id });
    expect(analystRole.statusCode).toBe(403);
    const away = await call(analyst, 'PATCH', `/api/users/${user.id}`, { organisationId: (await t.org('kalarsky-gym')).id });
    expect(away.statusCode).toBe(404);
    expect(away.json().error.code).toBe('organisation.not_found');
    expect(await userRow(user.email)).toMatchObject({ role: 'coordinator', organisationId: (await t.org('kalininsky-gym')).id });
  });

  it('nobody switches themselves off, demotes themselves or force-resets their own password', async () => {
    const adminId = await userId('admin@demo.local');
    for (const [method, url, payload] of [
      ['POST', `/api/users/${adminId}/deactivate`, undefined],
      ['POST', `/api/users/${adminId}/reset-password`, undefined],
      ['PATCH', `/api/users/${adminId}`, { role: 'viewer' }],
      ['PATCH', `/api/users/${adminId}`, { organisationId: (await t.org('saratov')).id }],
    ] as const) {
      const res = await call(admin, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('user.self_action');
    }
    expect(await userRow('admin@demo.local')).toMatchObject({ role: 'admin', deactivatedAt: null });
    expect((await me(admin)).statusCode).toBe(200);
    const rename = await call(admin, 'PATCH', `/api/users/${adminId}`, { name: 'Администратор системы' });
    expect(rename.statusCode).toBe(200);
  });

  it('a viewer and a coordinator are refused every user action and the audit with 403', async () => {
    const target = await userId('school@kalininsky.demo');
    for (const who of [viewer, coordinator]) {
      for (const [method, url, payload] of [
        ['POST', '/api/users', { email: 'x@kalininsky.demo', name: 'X', role: 'coordinator', organisationId: (await t.org('kalininsky-gym')).id }],
        ['PATCH', `/api/users/${target}`, { name: 'X' }],
        ['POST', `/api/users/${target}/deactivate`, undefined],
        ['POST', `/api/users/${target}/reactivate`, undefined],
        ['POST', `/api/users/${target}/reset-password`, undefined],
        ['GET', '/api/audit', undefined],
      ] as const) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    expect(await userRow('school@kalininsky.demo')).toMatchObject({ deactivatedAt: null });
  });

  it('an unknown user id is 404 and a malformed one 400', async () => {
    expect((await call(admin, 'POST', '/api/users/00000000-0000-4000-8000-000000000000/deactivate')).statusCode).toBe(404);
    expect((await call(admin, 'POST', '/api/users/not-a-uuid/deactivate')).statusCode).toBe(400);
  });
});

describe('the audit log', () => {
  type Entry = { action: string; at: string; actor: { email: string } | null; target: { email: string } | null; organisation: string; details: Record<string, unknown> };

  it('lists the actions with their actor and target, newest first', async () => {
    const { user } = await newCoordinator('kalininsky-cdt', analyst);
    await call(analyst, 'PATCH', `/api/users/${user.id}`, { name: 'Переименованный' });
    await call(analyst, 'POST', `/api/users/${user.id}/deactivate`);
    const res = await call(analyst, 'GET', `/api/audit?userId=${user.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json() as Entry[];
    expect(entries.map((e) => e.action)).toEqual(['user.deactivate', 'user.update', 'user.create']);
    for (const e of entries) expect(e).toMatchObject({ actor: { email: 'analyst@kalininsky.demo' }, target: { email: user.email }, organisation: (await t.org('kalininsky-cdt')).name });
    expect(entries[1]!.details).toEqual({ changes: { name: { old: user.name, new: 'Переименованный' } } });
  });

  it("of one municipality does not show another's", async () => {
    const kalarsky = await newCoordinator('kalarsky-gym', kalarskyAnalyst);
    await call(kalarskyAnalyst, 'POST', `/api/users/${kalarsky.user.id}/deactivate`);
    const kalininsky = await newCoordinator('kalininsky-gym', analyst);
    const mine = (await call(analyst, 'GET', '/api/audit?limit=500')).json() as Entry[];
    const theirs = (await call(kalarskyAnalyst, 'GET', '/api/audit?limit=500')).json() as Entry[];
    expect(mine.some((e) => e.target?.email === kalininsky.user.email)).toBe(true);
    expect(mine.some((e) => e.target?.email === kalarsky.user.email)).toBe(false);
    expect(mine.every((e) => !e.organisation.includes('Чара'))).toBe(true);
    expect(theirs.some((e) => e.target?.email === kalarsky.user.email)).toBe(true);
    expect(theirs.some((e) => e.target?.email?.endsWith('@kalininsky.demo'))).toBe(false);
    const all = (await call(admin, 'GET', '/api/audit?limit=500')).json() as Entry[];
    expect(all.some((e) => e.target?.email === kalarsky.user.email) && all.some((e) => e.target?.email === kalininsky.user.email)).toBe(true);
  });

  it('takes at most `limit` entries and refuses a limit out of range', async () => {
    const two = await call(admin, 'GET', '/api/audit?limit=2');
    expect(two.json()).toHaveLength(2);
    expect((await call(admin, 'GET', '/api/audit?limit=0')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/api/audit?limit=501')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/api/audit?since=1')).statusCode).toBe(400);
  });
});
