import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../../helpers/test-app.ts';

const t = await createTestApp();
const secret = testConfig().jwtSecret;

describe('login', () => {
  it('returns a token and sets an httpOnly session cookie for a correct password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'Analyst@Kalininsky.demo', password: 'demo-2026!' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: 'analyst@kalininsky.demo', role: 'analyst', organisation: { level: 'municipality' } });
    const cookie = res.headers['set-cookie'] as string;
    expect(cookie).toMatch(/^session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
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
  it('accepts the token as a Bearer header and as the cookie', async () => {
    const { token, headers } = await t.login('school@kalininsky.demo');
    const viaHeader = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.json()).toMatchObject({ role: 'coordinator', organisation: { level: 'institution' } });
    const viaCookie = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { session: token } });
    expect(viaCookie.statusCode).toBe(200);
  });

  it('answers 401 without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
  });

  it('refuses an expired token with auth.expired', async () => {
    const user = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: (await t.login('admin@demo.local')).headers })).json();
    const now = Math.floor(Date.now() / 1000);
    const expired = createSigner({ key: secret, algorithm: 'HS256' })({ sub: user.id, iat: now - 7200, exp: now - 3600 });
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${expired}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.expired');
  });

  it('refuses a token signed with another key, a none-algorithm token and garbage', async () => {
    const user = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: (await t.login('admin@demo.local')).headers })).json();
    const forged = createSigner({ key: 'another-secret-another-secret-another', algorithm: 'HS256' })({ sub: user.id });
    const none = createSigner({ algorithm: 'none' })({ sub: user.id });
    for (const token of [forged, none, 'not.a.token', 'x']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, token).toBe(401);
      expect(res.json().error.code).toMatch(/^auth\./);
    }
  });

  it('logout clears the cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(res.headers['set-cookie']).toMatch(/session=;/);
  });
});
