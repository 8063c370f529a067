import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';

const t = await createTestApp();
const analyst = await t.login('analyst@kalininsky.demo');
const coordinator = await t.login('school@kalininsky.demo');

describe('users', () => {
  it('an analyst lists only the users of the own municipality', async () => {
    const res = await t.app.inject({ url: '/api/users', headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((u: { email: string }) => u.email).sort()).toEqual(['analyst@kalininsky.demo', 'school@kalininsky.demo']);
  });

  it('an analyst adds a coordinator for an own school, who can then log in', async () => {
    const school = await t.org('kalininsky-gym');
    const res = await t.app.inject({
      method: 'POST', url: '/api/users', headers: analyst.headers,
      payload: { email: 'gym@kalininsky.demo', name: 'Завуч гимназии', password: 'long-enough-1', role: 'coordinator', organisationId: school.id },
    });
    expect(res.statusCode).toBe(201);
    const login = await t.login('gym@kalininsky.demo', 'long-enough-1');
    const me = await t.app.inject({ url: '/api/auth/me', headers: login.headers });
    expect(me.json().organisation.id).toBe(school.id);
  });

  it('an analyst cannot add a user to another municipality\'s school nor make an administrator', async () => {
    const other = await t.org('kalarsky-sosh1');
    const foreign = await t.app.inject({
      method: 'POST', url: '/api/users', headers: analyst.headers,
      payload: { email: 'x@kalarsky.demo', name: 'X', password: 'long-enough-1', role: 'coordinator', organisationId: other.id },
    });
    expect(foreign.statusCode).toBe(404);
    const own = await t.org('kalininsky');
    const escalation = await t.app.inject({
      method: 'POST', url: '/api/users', headers: analyst.headers,
      payload: { email: 'boss@kalininsky.demo', name: 'X', password: 'long-enough-1', role: 'admin', organisationId: own.id },
    });
    expect(escalation.statusCode).toBe(403);
  });

  it('a coordinator cannot list users', async () => {
    const res = await t.app.inject({ url: '/api/users', headers: coordinator.headers });
    expect(res.statusCode).toBe(403);
  });
});
