import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisationsTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const t = await createTestApp();
const admin = await t.login('admin@demo.local');
const mun = await t.org('kalininsky');
const post = (payload: string | object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/organisations', headers: { ...admin.headers, 'content-type': 'application/json', ...headers }, payload });

describe('bad requests get a 4xx with a clear message and change nothing', () => {
  it('malformed JSON is a 400 request.malformed_json', async () => {
    const res = await post('{"parentId": "x", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.malformed_json');
  });

  it('an unknown field is a 400 naming the field', async () => {
    const res = await post({ parentId: mun.id, code: 'k-1', name: 'Школа', kind: 'school', isAdmin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    expect(res.json().error.message).toContain('isAdmin');
  });

  it('a wrong type is a 400 naming the field', async () => {
    const res = await post({ parentId: mun.id, code: 'k-1', name: 12345, kind: 'school' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.name');
  });

  it('a missing field is a 400 naming the field', async () => {
    const res = await post({ parentId: mun.id, name: 'Школа', kind: 'school' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('code');
  });

  it('a 5 MB body is refused with 413', async () => {
    const res = await post({ parentId: mun.id, code: 'k-1', name: 'x'.repeat(5 * 1024 * 1024), kind: 'school' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('request.too_large');
  });

  it('a __proto__ key is refused', async () => {
    const res = await post('{"parentId":"' + mun.id + '","code":"k-1","name":"x","kind":"school","__proto__":{"role":"admin"}}');
    expect(res.statusCode).toBe(400);
  });

  it('a bad id in the path is a 400, not a 500', async () => {
    const res = await t.app.inject({ url: "/api/organisations/1'%20or%201=1--", headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('params.id');
  });

  it('an unknown route is a 404 in the API error shape', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here', headers: admin.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route.not_found');
  });

  it('none of the refused requests created anything', async () => {
    expect(await t.db.select().from(organisationsTable).where(eq(organisationsTable.code, 'k-1'))).toHaveLength(0);
  });
});

describe('service endpoints', () => {
  it('health reports the database as ok', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { ok: true } });
  });

  it('serves an OpenAPI document listing the routes', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/organisations/', '/api/organisations/import']));
  });
});
