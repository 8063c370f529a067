// The real server (server/main.ts) as a child process that a proof can SIGKILL and start again
// on the same port and database, and whose resident memory it can read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDatabase } from '../../server/db/db.client.ts';
import { freePort } from '../bench/bench.helpers.ts';

/** no databaseUrl: the server keeps an embedded PGlite database in its data folder */
export type ServerOptions = { databaseUrl?: string; port?: number; logLevel?: string; startTimeoutMs?: number };

/** The last lines the server wrote to stderr, for a failure message. */
function tail(lines: string[], max = 40) {
  return (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - max));
  };
}

/** VmRSS of a live process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Math.round(Number(kb) / 1024);
}

export async function waitHealthy(baseUrl: string, child: ChildProcess, log: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${log.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${log.join('\n')}`);
    if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts the server; `restart()` starts a new process on the same port, database, data folder
 * and secret, as a supervisor would after a crash.
 */
export async function startServer({ databaseUrl, port, logLevel = 'error', startTimeoutMs = 120_000 }: ServerOptions) {
  const dataDir = mkdtempSync(join(tmpdir(), 'edu-prove-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port ?? (await freePort())), HOST: '127.0.0.1', LOG_LEVEL: logLevel,
    // as behind a reverse proxy on loopback: each parent's own address comes in X-Forwarded-For
    TRUST_PROXY: '127.0.0.1',
    // a private data folder and secret: a proof must not write into ./data
    DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString('hex'),
    // the load comes from one address: the per-address limit on public links would decide it
    PUBLIC_RATE_LIMIT: '0',
    // the proofs log in as the demo administrator; on PostgreSQL demo data is off by default
    DEMO_DATA: '1',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const log: string[] = [];
  let child: ChildProcess;
  const launch = async () => {
    // the log is the current process's: what a dead one said is read before its restart
    log.length = 0;
    // node with tsx's loader rather than the tsx launcher: one process, so its pid is the server's
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', tail(log));
    await waitHealthy(baseUrl, child, log, startTimeoutMs);
  };
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  // the data folder (and a PGlite database in it) outlives stop(), for reading, until dispose()
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeData);
  await launch();
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    process.off('exit', killOnExit);
    if (!alive()) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    baseUrl,
    dataDir,
    log,
    pid: () => child.pid!,
    alive,
    exit: () => ({ code: child.exitCode, signal: child.signalCode }),
    rssMiB: () => rssMiB(child.pid!),
    /** SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut */
    kill: async () => {
      if (!alive()) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    restart: launch,
    /** a graceful stop (SIGTERM), as the benchmarks do */
    stop,
    /** stops the server and removes its data folder */
    dispose: async () => {
      await stop();
      process.off('exit', removeData);
      removeData();
    },
  };
}

export type ServerProcess = Awaited<ReturnType<typeof startServer>>;

/** The PGlite database of a server started without a databaseUrl; open it only once that server has stopped. */
export const openPgliteOf = (server: ServerProcess) => async () => pgliteDatabase(await PGlite.create(join(server.dataDir, 'pglite')));
