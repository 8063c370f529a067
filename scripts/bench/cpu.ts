// Where the machine's cores went during a benchmark run (Linux /proc): the server, PostgreSQL,
// the load generator, and what was left idle. On a small machine all of them share the same
// cores, so a throughput figure means little without this split.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ, 100 on every Linux we run on

type Stat = { comm: string; ppid: number; own: number; children: number };

function stat(pid: number | string): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name is in parentheses and may hold spaces; the fields after it are plain
    const close = text.lastIndexOf(')');
    const f = text.slice(close + 2).split(' ');
    // f[0] is field 3 (state): utime 14, stime 15, cutime 16, cstime 17
    return { comm: text.slice(text.indexOf('(') + 1, close), ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** All PostgreSQL processes: the live ones' own time plus what the postmaster reaped from ended backends. */
function postgresTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const s = stat(pid);
    if (s?.comm !== 'postgres') continue;
    ticks += s.own;
    if (stat(s.ppid)?.comm !== 'postgres') ticks += s.children; // the postmaster
  }
  return ticks;
}

function machineTicks() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal
  return { busy: f[0] + f[1] + f[2] + f[5] + f[6] + f[7], kernel: f[2] + f[5] + f[6], idle: f[3] + f[4] };
}

function processTicks(pid: number): number {
  const s = stat(pid);
  return s ? s.own + s.children : 0;
}

export type CpuSplit = { wallS: number; server: number; postgres: number; load: number; other: number; kernel: number; idle: number };

/**
 * Starts counting; the returned function gives cores used per group (CPU seconds per wall
 * second). A process's count includes its children once they have ended: the load generator
 * is this process (autocannon) or a child it has waited for (wrk, pgbench).
 */
export function countCpu(pids: { server?: number; load: number }) {
  const loadTicks = () => processTicks(pids.load);
  const before = { at: performance.now(), server: pids.server ? processTicks(pids.server) : 0, postgres: postgresTicks(), load: loadTicks(), machine: machineTicks() };
  // endedAt: when the measured work ended, if the count is read a little later (after ended
  // processes have been reaped), so the wait does not thin the figures
  return (endedAt = performance.now()): CpuSplit => {
    const wallS = (endedAt - before.at) / 1000;
    const cores = (ticks: number) => ticks / TICKS_PER_S / wallS;
    const server = cores((pids.server ? processTicks(pids.server) : 0) - before.server);
    const postgres = cores(postgresTicks() - before.postgres);
    const load = cores(loadTicks() - before.load);
    const m = machineTicks();
    const busy = cores(m.busy - before.machine.busy);
    return { wallS, server, postgres, load, other: Math.max(0, busy - server - postgres - load), kernel: cores(m.kernel - before.machine.kernel), idle: cores(m.idle - before.machine.idle) };
  };
}

/** Several counts as one, each weighted by how long it ran. */
export function mergeCpu(splits: CpuSplit[]): CpuSplit {
  const wallS = splits.reduce((a, c) => a + c.wallS, 0);
  const mean = (k: Exclude<keyof CpuSplit, 'wallS'>) => splits.reduce((a, c) => a + c[k] * c.wallS, 0) / wallS;
  return { wallS, server: mean('server'), postgres: mean('postgres'), load: mean('load'), other: mean('other'), kernel: mean('kernel'), idle: mean('idle') };
}

/** One line: "server 0.92, PostgreSQL 0.61, load generator 0.38, other 0.05, idle 0.02 cores (kernel 0.71 of them)". */
export const describeCpu = (c: CpuSplit, loadName = 'load generator') =>
  `${c.server ? `server ${c.server.toFixed(2)}, ` : ''}PostgreSQL ${c.postgres.toFixed(2)}, ${loadName} ${c.load.toFixed(2)}, other ${c.other.toFixed(2)}, idle ${c.idle.toFixed(2)} cores (kernel time ${c.kernel.toFixed(2)} of them)`;
