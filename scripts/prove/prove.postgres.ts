// A private PostgreSQL instance (initdb in a temporary folder, its own port) that a proof may
// stop and start at will: the shared server on 5432 serves other tests and is never touched.
// PostgreSQL refuses to run as root, so as root its binaries run as the `postgres` OS user.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort } from '../bench/bench.helpers.ts';

const ROOT = '/usr/lib/postgresql';

function binDir(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(ROOT, versions[0], 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Why a private instance cannot run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'a private PostgreSQL instance is set up for Linux only';
  if (!binDir()) return `no PostgreSQL server binaries (initdb, pg_ctl) under ${ROOT}/<version>/bin`;
  if (isRoot() && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return 'running as root and runuser is missing (PostgreSQL refuses to run as root)';
  if (isRoot() && !postgresUser()) return 'running as root and there is no `postgres` OS user to run PostgreSQL as';
  return undefined;
}

export async function startPrivatePostgres({ fsync = true } = {}) {
  const problem = privatePostgresUnavailable();
  if (problem) throw new Error(problem);
  const bin = binDir()!;
  const dir = mkdtempSync('/tmp/edu-prove-pg-');
  const user = isRoot() ? postgresUser()! : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  // asynchronous: the load in this process goes on (and is timed) while PostgreSQL stops or starts
  const run = async (tool: string, args: string[]) => {
    const [cmd, argv] = user ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    await promisify(execFile)(cmd, argv, { encoding: 'utf8' }).catch((e: { code?: number; stderr?: string }) => {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
      throw new Error(`${tool} ${args.join(' ')} failed (${e.code}):\n${e.stderr ?? ''}${log}`);
    });
  };
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${fsync ? 'on' : 'off'}`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  /** "fast": sessions are ended and in-flight transactions rolled back; "immediate": as in a crash (WAL recovery on start) */
  const stop = (mode: 'fast' | 'immediate' = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  // stopping an instance that is not running fails harmlessly
  const cleanup = () => {
    spawnSync(user ? 'runuser' : join(bin, 'pg_ctl'), [...(user ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  await start();
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    async createDatabase(name: string) {
      const sql = postgres(url('postgres'), { max: 1, onnotice: () => {} });
      await sql.unsafe(`create database "${name}"`).finally(() => sql.end());
      return url(name);
    },
    start,
    stop,
    /** stops the instance and removes its folder */
    destroy: () => {
      process.off('exit', cleanup);
      cleanup();
    },
  };
}

export type PrivatePostgres = Awaited<ReturnType<typeof startPrivatePostgres>>;
