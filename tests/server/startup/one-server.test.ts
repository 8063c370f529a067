// Two servers on one PGlite folder would each overwrite the other's writes: the second is
// refused while the first lives, and the folder is free again once the first is killed. Always on
// PGlite (the lock is the embedded database's), whatever DATABASE_URL the run has.
import { mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../scripts/demo-data.ts';
import { freePort } from '../../../scripts/bench/bench.helpers.ts';
import { runToEnd, startServer } from '../../helpers/processes.ts';

const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'edu-one-server-')));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const folder = join(dataDir, 'pglite');
const refusal = (pid: number) => `Another server is already using the data folder ${folder} (pid ${pid}). Stop it, or start this one with another DATA_DIR.`;

const health = (baseUrl: string) => fetch(`${baseUrl}/api/health`).then((r) => r.status);
const login = (baseUrl: string, email: string, password: string) =>
  fetch(`${baseUrl}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }).then((r) => r.status);

describe('one server per PGlite folder', () => {
  let first: Awaited<ReturnType<typeof startServer>>;

  it('refuses a second server on the same folder with exit code 2 and the first one pid, while the first keeps serving', async () => {
    first = await startServer({ DATA_DIR: dataDir });
    const second = await runToEnd('server/main.ts', [], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.code).toBe(2);
    expect(second.stderr.trim()).toBe(refusal(first.pid));
    expect(await health(first.baseUrl)).toBe(200);
  }, 300_000);

  it('refuses admin:create on that folder the same way, writing nothing', async () => {
    const attempt = await runToEnd('scripts/create-admin.ts', ['--email', 'chief@example.ru', '--password-stdin'], { DATA_DIR: dataDir }, 'a-long-enough-pass-1\n');
    expect(attempt.code).toBe(2);
    expect(attempt.stderr.trim()).toBe(refusal(first.pid));
    expect(await login(first.baseUrl, 'chief@example.ru', 'a-long-enough-pass-1')).toBe(401);
  }, 60_000);

  it('lets a new server take the folder once the first is killed, with the demo logins of the embedded default', async () => {
    await first.kill();
    // SIGKILL ran no shutdown hook: the dead holder's socket file is still there
    expect(statSync(`${folder}.lock`).isSocket()).toBe(true);
    const next = await startServer({ DATA_DIR: dataDir });
    expect(await login(next.baseUrl, 'admin@demo.local', DEMO_PASSWORD)).toBe(200);
    await next.kill();
  }, 300_000);
});
