// The server and the scripts as an operator runs them: real child processes with their own
// environment, output and exit code. Every server started here is SIGKILLed after the file.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';
import { freePort } from '../../scripts/bench/bench.helpers.ts';
import { waitHealthy } from '../../scripts/prove/prove.server.ts';

// what the configuration reads: a child gets only what the test gives it, never the run's own
// DATABASE_URL or DEMO_DATA
const CONFIG_VARS = ['PORT', 'HOST', 'DATABASE_URL', 'DATA_DIR', 'SMTP_URL', 'JWT_SECRET', 'PUBLIC_URL', 'SURVEY_URL', 'PUBLIC_RATE_LIMIT', 'TRUST_PROXY', 'DEMO_DATA', 'LOG_LEVEL'];

export function childEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARS) delete env[name];
  return { ...env, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...vars };
}

// node with tsx's loader rather than the tsx launcher: one process, so its pid is the server's
const launch = (file: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, ['--import', 'tsx', file, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });

export type Finished = { code: number | null; stdout: string; stderr: string };

/** Runs a script (or a server that is expected to stop by itself) to its end; `input` goes to its stdin. */
export function runToEnd(file: string, args: string[], vars: Record<string, string>, input = ''): Promise<Finished> {
  const child = launch(file, args, childEnv(vars));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.stdin!.on('error', () => {});
  child.stdin!.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const started = new Set<ChildProcess>();
afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
});

/** server/main.ts on a free loopback port, once it answers /api/health. */
export async function startServer(vars: Record<string, string>) {
  const port = String(await freePort());
  const child = launch('server/main.ts', [], childEnv({ PORT: port, ...vars }));
  started.add(child);
  const log: string[] = [];
  const keep = (chunk: Buffer) => log.push(chunk.toString());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  // a first start initialises the folder, migrates and loads the demo data: slow on a busy machine
  await waitHealthy(baseUrl, child, log, 240_000);
  return {
    baseUrl,
    pid: child.pid!,
    log,
    /** SIGKILL: no shutdown hook runs, as in a crash */
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
