// The start-up decision about demo data, through the same configuration and function server/main.ts
// uses, on a fresh database per case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usersTable } from '../../../drizzle/schema/index.ts';
import { loadConfig } from '../../../server/config.ts';
import { prepareData, startupLines } from '../../../server/startup.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../scripts/demo-data.ts';
import { insertUser } from '../../../server/users/users.queries.ts';
import { ensureOrganisation } from '../../../server/organisations/organisations.queries.ts';
import { ROOT_ORGANISATION } from '../../../server/organisations/organisations.rules.ts';
import { createTestDb } from '../../helpers/test-db.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'edu-startup-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * A start's data step over a fresh database, configured as PostgreSQL (the test's own database on
 * the PostgreSQL run; on the PGlite run a URL never connected to: the decision is the
 * configuration's) or as the embedded database; `admin`: a user that exists before the start.
 */
async function startWith({ postgres, DEMO_DATA, admin }: { postgres: boolean; DEMO_DATA?: string; admin?: string }) {
  const database = await createTestDb();
  try {
    const DATABASE_URL = postgres ? (database.url ?? 'postgres://postgres@127.0.0.1:5432/never_opened') : undefined;
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL, DEMO_DATA });
    if (admin) {
      const [root] = await ensureOrganisation(database.db, null, ROOT_ORGANISATION);
      await insertUser(database.db, { email: admin, name: 'Администратор', role: 'admin', organisationId: root.id, passwordHash: '!' });
    }
    const prepared = await prepareData(config, database.db);
    const emails = (await database.db.select({ email: usersTable.email }).from(usersTable)).map((u) => u.email).sort();
    return { emails, text: startupLines(config, prepared).join('\n') };
  } finally {
    await database.close();
  }
}

const demoEmails = DEMO_USERS.map((u) => u.email).sort();

describe('demo data at start', () => {
  it('with DATABASE_URL and no DEMO_DATA loads no demo user and says how to create the first administrator', async () => {
    const { emails, text } = await startWith({ postgres: true });
    expect(emails).toEqual([]);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).toContain('No user yet');
    expect(text).toContain('npm run admin:create -- --email');
    expect(text).toContain('with the same DATABASE_URL');
  });

  it('with DATABASE_URL and DEMO_DATA=1 loads the demo users and prints their logins', async () => {
    const { emails, text } = await startWith({ postgres: true, DEMO_DATA: '1' });
    expect(emails).toEqual(demoEmails);
    expect(text).toContain(`Demo logins (password for all: ${DEMO_PASSWORD})`);
    expect(text).toContain('admin@demo.local');
  });

  it('on the embedded database loads the demo users by default', async () => {
    const { emails, text } = await startWith({ postgres: false });
    expect(emails).toEqual(demoEmails);
    expect(text).toContain('admin@demo.local');
  });

  it('on the embedded database with DEMO_DATA=0 loads none, and the hint says to stop the server first', async () => {
    const { emails, text } = await startWith({ postgres: false, DEMO_DATA: '0' });
    expect(emails).toEqual([]);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).toContain('stop this server, then run with the same DATA_DIR');
  });

  it('without demo data but with an administrator prints neither the demo logins nor the hint', async () => {
    const { emails, text } = await startWith({ postgres: true, admin: 'chief@example.ru' });
    expect(emails).toEqual(['chief@example.ru']);
    expect(text).not.toContain('No user yet');
    expect(text).not.toContain('Demo logins');
  });
});
