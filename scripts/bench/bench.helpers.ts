// Shared by the benchmark scripts: a throw-away PostgreSQL database per run, the real server
// as a child process, and a parent-survey campaign launched through the HTTP API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { DEMO_PASSWORD } from '../demo-data.ts';

// the local benchmark server (trust auth); benchmarks never touch a configured database
export const PG_URL = 'postgres://postgres@127.0.0.1:5432';
const at = (db: string) => `${PG_URL}/${db}`;

async function admin<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(at('postgres'), { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** Runs `body` over a fresh database and drops it afterwards, on failure and on Ctrl-C too. */
export async function withBenchDb<T>(prefix: string, body: (url: string, name: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${Date.now()}`;
  await admin((sql) => sql.unsafe(`create database "${name}"`));
  // "with (force)" also ends connections a crashed run left open
  const drop = () => admin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
  const onSignal = () => void drop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    return await body(at(name), name);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await drop();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `tsx server/main.ts` on a free loopback port; it migrates and loads the demo data itself. */
export async function startServerProcess(databaseUrl: string) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'edu-bench-'));
  // node with tsx's loader rather than the tsx launcher: one process, so its pid is the server's
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      // a private data folder and secret: the benchmark must not write into ./data
      DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString('hex'),
      // the load comes from one address: the per-address limit on public links would decide it
      PUBLIC_RATE_LIMIT: '0',
      // the benchmarks log in as the demo administrator; on PostgreSQL demo data is off by default
      DEMO_DATA: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the server did not answer /api/health within 2 minutes');
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    process.off('exit', kill);
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    kill();
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, pid: child.pid!, stop };
}

/** One JSON call to the server's HTTP API (benchmarks and proofs drive it as a client would). */
export async function api<T = any>(baseUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 500)}`);
  return (await res.json()) as T;
}

export type Survey = { campaignId: string; code: string; institutionId: string };

/** The benchmarks' survey: parents of kindergarten serovsky-dou1, three S11 indicators. */
export async function launchParentSurvey(baseUrl: string, expected: number): Promise<Survey> {
  const { token } = await api(baseUrl, 'POST', '/api/auth/token', null, { email: 'admin@demo.local', password: DEMO_PASSWORD });
  const orgs = await api<{ id: string; code: string }[]>(baseUrl, 'GET', '/api/organisations', token);
  const institutionId = orgs.find((o) => o.code === 'serovsky-dou1')?.id;
  if (!institutionId) throw new Error('demo organisation serovsky-dou1 not found');
  const generate = { kind: 'parent_survey', catalogue: 'serovsky', indicators: ['S11-01', 'S11-02', 'S11-03'], audience: 'kindergarten' };
  const g = await api(baseUrl, 'POST', '/api/forms/generate', token, generate);
  const form = await api(baseUrl, 'POST', '/api/forms', token, {
    title: String(g.json.title), kind: generate.kind, json: g.json, mapping: g.mapping, indicators: g.indicators, catalogueVersionId: g.catalogueVersionId,
  });
  const deadline = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 16);
  const campaign = await api(baseUrl, 'POST', '/api/campaigns', token, {
    formVersionId: form.latestVersionId, title: String(g.json.title), audience: 'parents', units: [institutionId],
    period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' },
    opensAt: new Date(Date.now() - 3600_000).toISOString(), deadline, expected: { [institutionId]: expected },
  });
  return { campaignId: campaign.id, code: campaign.assignments[0].publicCode, institutionId };
}

/** The public form of a link, as a respondent's phone receives it. */
export const publicForm = (baseUrl: string, code: string) => api<{ json: Record<string, unknown> }>(baseUrl, 'GET', `/api/public/s/${code}`, null);

/** Left-aligned label column, right-aligned figures. */
export function printTable(rows: [string, ...(string | number)[]][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '));
}
