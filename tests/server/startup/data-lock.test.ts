import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderBusyError, lockAddress, lockDataFolder } from '../../../server/db/data-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'edu-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, `d${++n}`, 'pglite');

/** The holder's refusal, or a failure when the lock was granted. */
async function refusal(dir: string): Promise<DataFolderBusyError> {
  const error = await lockDataFolder(dir).then(
    async (lock) => {
      await lock.release();
      return new Error('the lock was granted');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFolderBusyError);
  return error as DataFolderBusyError;
}

describe('the data folder lock', () => {
  it('refuses a second holder, naming the folder and the holder pid, until the first releases it', async () => {
    const dir = folder();
    const lock = await lockDataFolder(dir);
    const busy = await refusal(dir);
    expect(busy.pid).toBe(process.pid);
    expect(busy.message).toBe(`Another server is already using the data folder ${dir} (pid ${process.pid}). Stop it, or start this one with another DATA_DIR.`);
    expect(statSync(`${dir}.lock`).isSocket()).toBe(true);
    await lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await lockDataFolder(dir);
    await again.release();
  });

  it('is one lock for one folder however the path is spelled (a symlink)', async () => {
    const dir = folder();
    const lock = await lockDataFolder(dir);
    const link = join(root, `link${n}`);
    symlinkSync(dir, link);
    expect((await refusal(link)).dir).toBe(dir);
    await lock.release();
  });

  it('takes over the socket file of a holder that was killed', async () => {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    // a process that takes the address and dies by SIGKILL: its socket file stays, nobody listens
    const dead = spawnSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(`${dir}.lock`)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    expect(dead.signal).toBe('SIGKILL');
    expect(statSync(`${dir}.lock`).isSocket()).toBe(true);
    const lock = await lockDataFolder(dir);
    expect((await refusal(dir)).pid).toBe(process.pid);
    await lock.release();
  });

  it('still locks a folder whose socket path would not fit in sun_path', async () => {
    const dir = join(root, 'a-rather-long-folder-name-'.repeat(4), 'pglite');
    const address = lockAddress(dir);
    // Node would cut the path short silently, and the cut name could be another folder's
    expect(address).not.toBe(`${dir}.lock`);
    expect(Buffer.byteLength(address)).toBeLessThanOrEqual(107);
    expect(lockAddress(dir + '2')).not.toBe(address);
    const lock = await lockDataFolder(dir);
    expect((await refusal(dir)).pid).toBe(process.pid);
    await lock.release();
    const again = await lockDataFolder(dir);
    await again.release();
  });
});
