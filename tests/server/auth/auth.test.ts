import { eq } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import { afterAll, describe, expect, it } from 'vitest';
import { mailsTable, sessionsTable, usersTable } from '../../../drizzle/schema/index.ts';
import { createMailer } from '../../../server/reminders/mail.transport.ts';
import { sendDue } from '../../../server/reminders/reminders.jobs.ts';
import { createTestApp, testConfig } from '../../helpers/test-app.ts';
import { startSmtp } from '../../helpers/smtp.ts';

const t = await createTestApp();
const secret = testConfig().jwtSecret;
const smtp = await startSmtp();
const mailer = createMailer({ mail: { kind: 'smtp', url: smtp.url }, publicUrl: testConfig().publicUrl });
afterAll(() => smtp.close());

/** Logs in as the browser does: the session comes back only as the cookie. */
async function browserLogin(email: string, password = 'demo-2026!') {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'session')!;
  return { res, cookie: cookie.value, cookies: { session: cookie.value } };
}
const me = (opts: { cookies?: Record<string, string>; headers?: Record<string, string> }) => t.app.inject({ method: 'GET', url: '/api/auth/me', ...opts });

describe('login', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and gives JavaScript no token', async () => {
    const { res, cookies } = await browserLogin('Analyst@Kalininsky.demo');
    expect(res.json().user).toMatchObject({ email: 'analyst@kalininsky.demo', role: 'analyst', organisation: { level: 'municipality' } });
    expect(res.json()).not.toHaveProperty('token');
    expect(JSON.stringify(res.json())).not.toContain(cookies.session);
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^session=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect((await me({ cookies })).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown email alike with 401', async () => {
    for (const payload of [
      { email: 'analyst@kalininsky.demo', password: 'wrong-password' },
      { email: 'nobody@nowhere.demo', password: 'demo-2026!' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('auth.invalid_credentials');
    }
  });

  it('rate-limits repeated attempts on one account with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'viewer@saratov.demo', password: 'guess-' + i } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('sessions', () => {
  it('gives API clients a Bearer token that is not accepted as the cookie, and the cookie is not accepted as a Bearer token', async () => {
    const { token, headers } = await t.login('school@kalininsky.demo');
    const viaHeader = await me({ headers });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.json()).toMatchObject({ role: 'coordinator', organisation: { level: 'institution' } });
    expect((await me({ cookies: { session: token } })).statusCode).toBe(401);
    const { cookie } = await browserLogin('school@kalininsky.demo');
    expect((await me({ headers: { authorization: `Bearer ${cookie}` } })).statusCode).toBe(401);
  });

  it('answers 401 without a token', async () => {
    const res = await me({});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
  });

  it('refuses an expired token with auth.expired', async () => {
    const { headers } = await t.login('admin@demo.local');
    const user = (await me({ headers })).json();
    const now = Math.floor(Date.now() / 1000);
    const expired = createSigner({ key: secret, algorithm: 'HS256' })({ sub: user.id, sid: crypto.randomUUID(), k: 'a', iat: now - 7200, exp: now - 3600 });
    const res = await me({ headers: { authorization: `Bearer ${expired}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.expired');
  });

  it('refuses a token signed with another key, a none-algorithm token and garbage', async () => {
    const user = (await me({ headers: (await t.login('admin@demo.local')).headers })).json();
    const forged = createSigner({ key: 'another-secret-another-secret-another', algorithm: 'HS256' })({ sub: user.id });
    const none = createSigner({ algorithm: 'none' })({ sub: user.id });
    for (const token of [forged, none, 'not.a.token', 'x']) {
      const res = await me({ headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, token).toBe(401);
      expect(res.json().error.code).toMatch(/^auth\./);
    }
  });

  it("refuses a correctly signed token that names another user's session, or no session (a token from before sessions)", async () => {
    const admin = (await me({ headers: (await t.login('admin@demo.local')).headers })).json();
    const [coordinatorSession] = await t.db.select().from(sessionsTable).innerJoin(usersTable, eq(usersTable.id, sessionsTable.userId)).where(eq(usersTable.email, 'school@kalininsky.demo'));
    const sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: 60_000 });
    for (const claims of [{ sub: admin.id, sid: coordinatorSession!.sessions.id, k: 'a' }, { sub: admin.id }]) {
      const res = await me({ headers: { authorization: `Bearer ${sign(claims)}` } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('auth.invalid_token');
    }
  });

  it('ends the session at logout: the same cookie and the same API token answer 401 afterwards', async () => {
    const { cookies } = await browserLogin('analyst@kalininsky.demo');
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/session=;/);
    expect((await me({ cookies })).statusCode).toBe(401);

    const { headers } = await t.login('analyst@kalininsky.demo');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    const after = await me({ headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.invalid_token');
  });

  it('logout without a session, or with a forged one, answers 204 and ends nothing else', async () => {
    const { headers } = await t.login('viewer@saratov.demo');
    const forged = createSigner({ key: 'another-secret-another-secret-another', algorithm: 'HS256' })({ sub: 'x' });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(204);
    expect((await me({ headers })).statusCode).toBe(200);
  });
});

describe('cross-site requests', () => {
  it("refuses a state-changing request with the staff cookie from another site's page, and lets the same page read nothing", async () => {
    const { cookies } = await browserLogin('admin@demo.local');
    const create = { email: 'evil@attacker.example', name: 'x', role: 'admin', organisationId: (await t.org('ru')).id, password: 'long-enough-password-1' };
    for (const headers of [{ origin: 'https://attacker.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'http://survey.localhost:3000' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/users', cookies, headers, payload: create });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('auth.cross_site');
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://attacker.example' }, payload: { email: 'admin@demo.local', password: 'demo-2026!' } });
    expect(login.statusCode).toBe(403);
    expect(await t.db.select().from(usersTable).where(eq(usersTable.email, 'evil@attacker.example'))).toHaveLength(0);
  });

  it('accepts the same request from its own origin', async () => {
    const { cookies } = await browserLogin('admin@demo.local');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' } });
    expect(res.statusCode).toBe(204);
  });
});

describe('own password', () => {
  it('changes the password: other sessions end at once, this one stays, the old password stops working', async () => {
    const other = await t.login('analyst@kalarsky.demo');
    const { cookies } = await browserLogin('analyst@kalarsky.demo');
    const change = (body: object) => t.app.inject({ method: 'POST', url: '/api/auth/password', cookies, payload: body });

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'Забайкалье-Чара-2027' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('auth.wrong_password');
    const weak = await change({ currentPassword: 'demo-2026!', newPassword: 'short-1' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({ code: 'auth.weak_password', message: expect.stringContaining('12') });
    expect((await me({ headers: other.headers })).statusCode).toBe(200);

    expect((await change({ currentPassword: 'demo-2026!', newPassword: 'Забайкалье-Чара-2027' })).statusCode).toBe(204);
    expect((await me({ headers: other.headers })).statusCode).toBe(401);
    expect((await me({ cookies })).statusCode).toBe(200);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'analyst@kalarsky.demo', password: 'demo-2026!' } });
    expect(old.statusCode).toBe(401);
    await browserLogin('analyst@kalarsky.demo', 'Забайкалье-Чара-2027');
  });
});

describe('password reset by mail', () => {
  const request = (email: string) => t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
  const confirm = (token: string, newPassword: string) => t.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, newPassword } });
  const jobs = { db: t.db, clock: t.clock, publicUrl: testConfig().publicUrl, secret, mailer };
  const linkIn = (text: string) => /\/reset-password\?token=([A-Za-z0-9_.-]+)/.exec(text)?.[1];

  it('answers the same for a known and an unknown address, and mails only the known one', async () => {
    const before = (await t.db.select().from(mailsTable)).length;
    const known = await request('school@kalininsky.demo');
    const unknown = await request('nobody-here@kalininsky.demo');
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    const mails = await t.db.select().from(mailsTable);
    expect(mails.length).toBe(before + 1);
    const mail = mails.find((m) => m.template === 'password_mail')!;
    expect(mail.recipient).toBe('school@kalininsky.demo');
    // the stored mail holds no usable link: it is put in at send time
    expect(linkIn(mail.text)).toBeUndefined();
    expect(mail.text + mail.html).not.toMatch(/token=/);
  });

  it('delivers a link over SMTP that sets a new password once, ends every session, and is refused the second time', async () => {
    const session = await t.login('school@kalininsky.demo');
    smtp.messages.length = 0;
    await sendDue(jobs);
    const received = smtp.messages.find((m) => m.to.includes('school@kalininsky.demo'))!;
    expect(received.subject).toBe('Сброс пароля');
    const token = linkIn(received.text)!;
    expect(received.html).toContain(`/reset-password?token=${token}`);

    const weak = await confirm(token, 'abc');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('auth.weak_password');

    expect((await confirm(token, 'новый-пароль-школы-1')).statusCode).toBe(204);
    expect((await me({ headers: session.headers })).statusCode).toBe(401);
    await browserLogin('school@kalininsky.demo', 'новый-пароль-школы-1');

    const again = await confirm(token, 'ещё-один-пароль-школы');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('auth.reset_invalid');
    const tampered = await confirm(token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA'), 'ещё-один-пароль-школы');
    expect(tampered.statusCode).toBe(400);
  });

  it('a link expires after an hour; an expired link is not even sent', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    await request('viewer@saratov.demo');
    smtp.messages.length = 0;
    await sendDue(jobs);
    const token = linkIn(smtp.messages.find((m) => m.to.includes('viewer@saratov.demo'))!.text)!;
    t.clock.advance(61 * 60_000);
    const late = await confirm(token, 'пароль-после-часа-ожидания');
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('auth.reset_invalid');

    await request('viewer@saratov.demo');
    t.clock.advance(61 * 60_000);
    smtp.messages.length = 0;
    await sendDue(jobs);
    expect(smtp.messages.filter((m) => m.to.includes('viewer@saratov.demo'))).toHaveLength(0);
    t.clock.set('2026-11-24T09:00:00Z');
  });

  it('a second request within two minutes sends nothing new (no mail flood)', async () => {
    const count = async () => (await t.db.select().from(mailsTable).where(eq(mailsTable.recipient, 'analyst@kalininsky.demo'))).length;
    const before = await count();
    await request('analyst@kalininsky.demo');
    await request('analyst@kalininsky.demo');
    expect(await count()).toBe(before + 1);
  });
});
