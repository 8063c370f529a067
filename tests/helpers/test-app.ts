// Builds the real app over a fresh test database with the demo tree loaded, and logs people in.
import { afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import { organisationsTable } from '../../drizzle/schema/index.ts';
import { DEMO_PASSWORD, loadDemoData } from '../../scripts/demo-data.ts';
import { createTestDb } from './test-db.ts';
import { syncCatalogues } from '../../server/catalogues/catalogues.sync.ts';
import { manualClock } from '../../server/shared/clock.ts';

export const testConfig = (over: Partial<Config> = {}): Config => ({
  port: 0,
  host: '127.0.0.1',
  dataDir: '/tmp/edu-test-data',
  database: { kind: 'pglite', dir: '' },
  mail: { kind: 'outbox' },
  jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
  publicUrl: 'http://localhost:3000',
  surveyUrl: 'http://localhost:3000',
  logLevel: 'silent',
  publicRateLimit: 60,
  trustProxy: false,
  demo: false,
  ...over,
});

export async function createTestApp(over: Partial<Config> = {}, { now = '2026-11-24T09:00:00Z' } = {}) {
  const database = await createTestDb();
  await loadDemoData(database.db);
  await syncCatalogues(database.db);
  const clock = manualClock(now);
  const app = await buildApp({ config: testConfig(over), database, clock });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const login = async (email: string, password = DEMO_PASSWORD) => {
    // an API client's token (the browser's login answers with a cookie only)
    const res = await app.inject({ method: 'POST', url: '/api/auth/token', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
    const token = res.json().token as string;
    return { token, headers: { authorization: `Bearer ${token}` } };
  };
  const org = async (code: string) => {
    const [row] = await database.db.select().from(organisationsTable).where(eq(organisationsTable.code, code));
    if (!row) throw new Error(`no organisation ${code}`);
    return row;
  };
  return { app, database, db: database.db, login, org, clock };
}
