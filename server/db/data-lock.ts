// One process per PGlite folder. PGlite has no lock of its own: two servers on one folder both
// start, and each overwrites the other's writes. Node has no flock, so the holder listens on a
// Unix domain socket beside the folder instead; the kernel closes it when the process dies,
// however it dies. A second process finds the address taken and connects: if someone accepts,
// the holder is alive (it answers with its pid); a refused connection is a dead holder's socket
// file, removed and taken over.
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export class DataFolderBusyError extends Error {
  constructor(readonly dir: string, readonly pid: number | null) {
    super(`Another server is already using the data folder ${dir}${pid ? ` (pid ${pid})` : ''}. Stop it, or start this one with another DATA_DIR.`);
  }
}

export type DataLock = { path: string; release(): Promise<void> };

// sun_path holds 108 bytes with the terminating NUL; Node cuts a longer path short silently,
// and the cut name could be another folder's
const SUN_PATH_MAX = 107;
// how long a live holder may take to answer with its pid (its event loop may be busy migrating)
const PID_WAIT_MS = 2_000;

/** Where the lock of `dir` listens: `<dir>.lock` beside it, or an address keyed by its hash when that path is too long. */
export function lockAddress(dir: string): string {
  const beside = join(dirname(dir), `${basename(dir)}.lock`);
  if (Buffer.byteLength(beside) <= SUN_PATH_MAX) return beside;
  const hash = createHash('sha256').update(dir).digest('hex');
  // Linux's abstract namespace: no file at all; elsewhere a short path in the temp folder
  return process.platform === 'linux' ? `\0edu-monitoring-${hash}` : join(tmpdir(), `edu-monitoring-${hash.slice(0, 32)}.lock`);
}

type Probe = { alive: true; pid: number | null } | { alive: false; code: string };

/** Connects to a taken address: alive (and the holder's pid), or why nobody answered. */
function probe(address: string): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let connected = false;
    let answer = '';
    const done = (result: Probe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    // no answer in time from an accepted connection is still a live holder, only a slow one
    const timer = setTimeout(() => done(connected ? { alive: true, pid: null } : { alive: false, code: 'ETIMEDOUT' }), PID_WAIT_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => (connected = true));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => done({ alive: true, pid: /^\d+$/.test(answer) ? Number(answer) : null }));
    socket.on('error', (error: NodeJS.ErrnoException) => done(connected ? { alive: true, pid: null } : { alive: false, code: error.code ?? 'unknown' }));
  });
}

function listen(server: Server, address: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => resolve(error);
    server.once('error', onError);
    server.listen(address, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
}

/**
 * Takes the folder for this process, or throws DataFolderBusyError naming the live holder.
 * Call it before anything opens the folder; `release()` (or the process's death) frees it.
 */
export async function lockDataFolder(folder: string): Promise<DataLock> {
  mkdirSync(folder, { recursive: true });
  // one folder reached through a symlink or a relative path is still one folder
  const dir = realpathSync(folder);
  const address = lockAddress(dir);
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.end(String(process.pid));
  });
  // the lock lives as long as the process, but never keeps it alive
  server.unref();
  for (let attempt = 1; ; attempt++) {
    const error = await listen(server, address);
    if (!error) break;
    if (error.code !== 'EADDRINUSE') throw error;
    const holder = await probe(address);
    if (holder.alive) throw new DataFolderBusyError(dir, holder.pid);
    // ENOENT: the holder stopped between our listen and our connect; ECONNREFUSED: it died
    // without closing (SIGKILL, a crash) and left its socket file. One retry: a second taken
    // address means a new holder won the race. (Two starts clearing the same dead socket within
    // the same few milliseconds could both win; a supervisor restarts one server, not two.)
    if (attempt > 1 || (holder.code !== 'ECONNREFUSED' && holder.code !== 'ENOENT')) throw new DataFolderBusyError(dir, null);
    if (holder.code === 'ECONNREFUSED' && !address.startsWith('\0')) rmSync(address, { force: true });
  }
  return {
    path: dir,
    // closing the server removes its socket file
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
