// `npm run admin:create` as an operator runs it, on the run's driver: the embedded database in a
// data folder, or the test's own PostgreSQL database through DATABASE_URL. What it wrote is
// then checked through the real app over that database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLogTable, organisationsTable, usersTable } from '../../../drizzle/schema/index.ts';
import { buildApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import type { Database } from '../../../server/db/db.client.ts';
import { openConfiguredDatabase } from '../../../server/startup.ts';
import { databaseState } from '../../helpers/db-state.ts';
import { runToEnd } from '../../helpers/processes.ts';
import { testConfig } from '../../helpers/test-app.ts';
import { createTestDb, driver } from '../../helpers/test-db.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'edu-admin-create-'));
const postgres = driver === 'postgres' ? await createTestDb() : undefined;
afterAll(async () => {
  await postgres?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
const target: Record<string, string> = postgres ? { DATA_DIR: dataDir, DATABASE_URL: postgres.url! } : { DATA_DIR: dataDir };

const adminCreate = (args: string[], stdin?: string) => runToEnd('scripts/create-admin.ts', args, target, stdin);

/** The database the script wrote to; on PGlite opened (and its folder locked) only for `fn`. */
async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  if (postgres) return fn(postgres);
  const database = await openConfiguredDatabase(loadConfig({ DATA_DIR: dataDir }));
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** An API login through the real app over that database: the status and who it says logged in. */
async function login(database: Database, email: string, password: string) {
  const app = await buildApp({ config: testConfig(), database });
  try {
    const res = await app.inject({ method: 'POST', url: '/api/auth/token', payload: { email, password } });
    return { status: res.statusCode, user: res.statusCode === 200 ? res.json().user : undefined };
  } finally {
    await app.close();
  }
}

const userByEmail = (email: string) =>
  withDatabase(async ({ db }) => (await db.select().from(usersTable).where(eq(usersTable.email, email)))[0]);

// each case runs the script (a process that loads the server's modules) and opens the database
describe('npm run admin:create', { timeout: 180_000 }, () => {
  it('creates an administrator at the root with a generated password, printed once, that logs in; the audit log records how', async () => {
    const run = await adminCreate(['--email', 'Chief@Example.ru', '--name', 'Главный администратор']);
    expect(run.code, run.stderr).toBe(0);
    const password = /^Password: (\S+)$/m.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(run.stdout).toContain('change it');

    const { status, user, organisations, audit } = await withDatabase(async (database) => ({
      ...(await login(database, 'chief@example.ru', password!)),
      organisations: await database.db.select().from(organisationsTable),
      audit: await database.db.select().from(auditLogTable).where(eq(auditLogTable.action, 'user.create')),
    }));
    expect(status).toBe(200);
    expect(user).toMatchObject({ email: 'chief@example.ru', name: 'Главный администратор', role: 'admin' });
    // the root alone: no demo tree comes with it
    expect(organisations).toMatchObject([{ code: 'ru', name: 'Российская Федерация', level: 'root', timeZone: 'Europe/Moscow', parentId: null }]);
    expect(audit).toMatchObject([{ actorId: null, targetUserId: user.id, organisationId: organisations[0].id, details: { via: 'admin:create', role: 'admin' } }]);
  });

  it('takes the password from stdin and does not print it', async () => {
    const run = await adminCreate(['--email', 'deputy@example.ru', '--password-stdin'], 'a-long-enough-pass-1\n');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('a-long-enough-pass-1');
    expect((await withDatabase((database) => login(database, 'deputy@example.ru', 'a-long-enough-pass-1'))).status).toBe(200);
  });

  it('refuses a weak password with exit code 1 and creates nobody', async () => {
    const run = await adminCreate(['--email', 'weak@example.ru', '--password-stdin'], 'short-pass\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Password refused: Пароль должен быть не короче 12 символов');
    expect(await userByEmail('weak@example.ru')).toBeUndefined();
  });

  it('refuses a taken email with exit code 1 and leaves the database as it was', async () => {
    const before = await withDatabase(({ db }) => databaseState(db));
    const run = await adminCreate(['--email', 'CHIEF@example.ru']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('A user with the email chief@example.ru already exists; nothing was changed.');
    expect(run.stdout).not.toContain('Password');
    expect(await withDatabase(({ db }) => databaseState(db))).toEqual(before);
  });

  it('answers bad arguments with the usage and exit code 2', async () => {
    for (const args of [['--email', 'not-an-address'], ['--email', 'x@example.ru', '--role', 'viewer']]) {
      const run = await adminCreate(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: npm run admin:create -- --email <address>');
    }
  });
});
