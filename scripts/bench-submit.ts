// `npm run bench:submit [-- --duration 20 --connections 50 --load wrk|autocannon]`: how many
// parents' answers per second the real server stores on PostgreSQL, next to what pgbench gets
// from the same PostgreSQL for a bare single-row INSERT at the same concurrency. The ratio is
// the share of the database's raw insert rate that the submission path keeps. The load comes
// from wrk when it is installed, else from autocannon; the cores each part used are printed
// beside the figures. The last line is JSON.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { launchParentSurvey, printTable, publicForm, startServerProcess, withBenchDb } from './bench/bench.helpers.ts';
import { countCpu, describeCpu, type CpuSplit } from './bench/cpu.ts';
import { questionsOf, type JsonElement } from '../forms/generator/questions.ts';

type Question = JsonElement & { rateValues?: { value: unknown }[]; rateMin?: number; rateMax?: number; choices?: unknown[] };

// the most parents a campaign may expect from one institution (the API refuses more)
const EXPECTED = 100_000;

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
const valueOf = (choice: unknown) => (typeof choice === 'object' && choice !== null && 'value' in choice ? choice.value : choice);

/** A valid, varied answer set for the generated form: every question answered. */
function answersFor(json: Record<string, unknown>): () => Record<string, unknown> {
  const questions = questionsOf(json) as Question[];
  const one = (q: Question): unknown => {
    if (q.type === 'rating') return q.rateValues?.length ? pick(q.rateValues).value : (q.rateMin ?? 1) + Math.floor(Math.random() * ((q.rateMax ?? 5) - (q.rateMin ?? 1) + 1));
    if (q.choices?.length) return valueOf(pick(q.choices));
    if (q.type === 'comment' || q.type === 'text') return 'Больше прогулок';
    throw new Error(`bench-submit cannot answer a ${q.type} question (${q.name})`);
  };
  return () => Object.fromEntries(questions.map((q) => [q.name, one(q)]));
}

/** What either load generator reports, and which answer ids it saw acknowledged. */
type Load = { generator: string; durationS: number; statuses: Record<string, number>; errors: number; timeouts: number; p50: number; p99: number; answered: Set<string>; sent: (id: string) => boolean };

/** Request bodies made before the clock starts, so the load generator spends its CPU on sending. */
function prepare(answers: () => Record<string, unknown>, count: number) {
  // the n-th request (from 1): public routes allow 60 requests a minute per address and the app
  // trusts the proxy header, so each comes "from" its own address (10.0.0.0/8 holds 16M of them)
  const make = (n: number) => {
    const id = randomUUID();
    return { id, ip: `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`, body: JSON.stringify({ id, data: answers() }) };
  };
  return { bodies: Array.from({ length: count }, (_, i) => make(i + 1)), make };
}

/** autocannon in this process: every npm install has it, but its JavaScript takes a share of the cores. */
async function autocannonLoad(baseUrl: string, path: string, answers: () => Record<string, unknown>, duration: number, connections: number): Promise<Load> {
  // enough for 10,000 answers a second; past that each further request is made on the fly
  const prepared = prepare(answers, duration * 10_000);
  const sent = new Set<string>();
  const answered = new Set<string>();
  const r = await autocannon({
    url: baseUrl, connections, duration, timeout: 30,
    requests: [{
      method: 'POST', path,
      setupRequest: (request) => {
        const next = prepared.bodies[sent.size] ?? prepared.make(sent.size + 1);
        sent.add(next.id);
        return { ...request, headers: { 'content-type': 'application/json', 'x-forwarded-for': next.ip }, body: next.body };
      },
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) answered.add((JSON.parse(body) as { id: string }).id);
      },
    }],
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, { count }]) => [code, count]));
  return { generator: 'autocannon', durationS: r.duration, statuses, errors: r.errors, timeouts: r.timeouts, p50: r.latency.p50, p99: r.latency.p99, answered, sent: (id) => sent.has(id) };
}

/** wrk (C, apt-get install wrk) in its own process: the load costs the machine far less CPU. */
async function wrkLoad(baseUrl: string, path: string, answers: () => Record<string, unknown>, duration: number, connections: number): Promise<Load> {
  const dir = mkdtempSync(join(tmpdir(), 'edu-wrk-'));
  try {
    const pool = join(dir, 'answers.jsonl');
    writeFileSync(pool, Array.from({ length: 5000 }, () => JSON.stringify(answers())).join('\n') + '\n');
    const run = randomBytes(4).toString('hex');
    const out = join(dir, 'result.json');
    const threads = String(Math.min(connections, cpus().length));
    const child = spawn('wrk', ['-t', threads, '-c', String(connections), '-d', `${duration}s`, '--timeout', '30s', '-s', 'scripts/bench/submit.wrk.lua', baseUrl], {
      env: { ...process.env, BENCH_POOL: pool, BENCH_RUN: run, BENCH_PATH: path, BENCH_OUT: out }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
    if (code !== 0) throw new Error(`wrk exited with code ${code}`);
    const r = JSON.parse(readFileSync(out, 'utf8')) as { duration_us: number; p50_us: number; p99_us: number; errors: Record<string, number>; statuses: Record<string, number>; answered: string[] };
    return {
      generator: 'wrk', durationS: r.duration_us / 1e6, statuses: r.statuses, errors: r.errors.connect + r.errors.read + r.errors.write, timeouts: r.errors.timeout,
      p50: r.p50_us / 1000, p99: r.p99_us / 1000, answered: new Set(r.answered), sent: (id) => id.startsWith(`${run}-`),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined;

/**
 * Stored must equal answered 2xx. A load generator stops by closing its sockets, so a request in
 * flight at that moment may be stored without its 2xx being seen: those are told apart (sent,
 * never answered, at most one per connection) instead of being hidden in the count.
 */
function reconcile(load: Load, stored: Set<string>, connections: number) {
  const lost = [...load.answered].filter((id) => !stored.has(id)).length;
  const unanswered = [...stored].filter((id) => !load.answered.has(id));
  const foreign = unanswered.filter((id) => !load.sent(id)).length;
  const ok = lost === 0 && foreign === 0 && unanswered.length <= connections;
  return { ok, lost, inFlight: unanswered.length - foreign, foreign };
}

/** The server under load from this process; what it stored is read once it has stopped. */
async function measureSubmissions(url: string, generator: string, duration: number, connections: number) {
  const server = await startServerProcess(url);
  let load: Load;
  let cpu: CpuSplit;
  let campaignId: string;
  try {
    const survey = await launchParentSurvey(server.baseUrl, EXPECTED);
    campaignId = survey.campaignId;
    const { json } = await publicForm(server.baseUrl, survey.code);
    const run = generator === 'wrk' ? wrkLoad : autocannonLoad;
    const counting = countCpu({ server: server.pid, load: process.pid });
    load = await run(server.baseUrl, `/api/public/s/${survey.code}/responses`, answersFor(json), duration, connections);
    cpu = counting();
  } finally {
    // a graceful stop lets requests cut off by the load generator finish their commit
    await server.stop();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string }[]>`select id from responses where campaign_id = ${campaignId}`;
    return { load, cpu, stored: new Set(rows.map((r) => r.id)) };
  } finally {
    await sql.end();
  }
}

/** Waits until no backend but ours is connected to the database: ended ones have been counted. */
async function backendsGone(sql: postgres.Sql, dbName: string) {
  for (let i = 0; i < 50; i++) {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
    // a backend leaves pg_stat_activity just before its process ends and the postmaster collects it
    await new Promise((r) => setTimeout(r, 100));
    if (n === 0) return;
  }
}

/** pgbench's tps for a bare single-row INSERT, same database server, clients and duration. */
async function measurePgbench(url: string, dbName: string, connections: number, duration: number) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'edu-pgbench-'));
  try {
    await sql`create table bench_t (id uuid primary key, data jsonb not null)`;
    // the stopped server's backends may still be ending: their CPU is not pgbench's
    await backendsGone(sql, dbName);
    const script = join(dir, 'insert.sql');
    writeFileSync(script, `INSERT INTO bench_t (id, data) VALUES (gen_random_uuid(), '{"a":1}'::jsonb);\n`);
    const bin = existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench';
    const threads = String(Math.min(connections, cpus().length));
    const args = ['-h', '127.0.0.1', '-U', 'postgres', '-n', '-c', String(connections), '-j', threads, '-T', String(duration), '-f', script, dbName];
    const counting = countCpu({ load: process.pid });
    const out = execFileSync(bin, args, { encoding: 'utf8' });
    const ended = performance.now();
    // pgbench's backends end after it does; counted once the postmaster has collected them
    await backendsGone(sql, dbName);
    const cpu = counting(ended);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    if (!tps) throw new Error(`cannot read tps from pgbench:\n${out}`);
    return { tps: Number(tps), cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sql.end();
  }
}

function report({ load, cpu, stored }: Awaited<ReturnType<typeof measureSubmissions>>, pg: Awaited<ReturnType<typeof measurePgbench>>, duration: number, connections: number) {
  const perSecond = load.answered.size / load.durationS;
  const ratio = Number((perSecond / pg.tps).toFixed(3));
  const check = reconcile(load, stored, connections);
  const codes = Object.entries(load.statuses).map(([code, count]) => `${code}×${count}`).join(' ');
  console.log(`load: ${connections} connections for ${load.durationS.toFixed(1)} s from ${load.generator}, the server in its own process`);
  console.log(`answers: ${codes}; errors ${load.errors}, timeouts ${load.timeouts}`);
  console.log(`stored: ${stored.size} rows = ${load.answered.size} answered 2xx${check.inFlight ? ` + ${check.inFlight} cut off in flight when the load stopped` : ''}`);
  if (!check.ok) console.log(`MISMATCH: ${check.lost} answered but not stored, ${check.foreign} stored but never sent by this run`);
  console.log(`cores used during the load: ${describeCpu(cpu, load.generator)}`);
  console.log(`cores used during pgbench:  ${describeCpu(pg.cpu, 'pgbench')}`);
  console.log('');
  const perSubmission = (cores: number) => Math.round((cores / perSecond) * 1e6);
  printTable([
    ['submissions/s', Math.round(perSecond)],
    ['latency p50, ms', load.p50],
    ['latency p99, ms', load.p99],
    ['CPU per submission, µs (server + PostgreSQL)', `${perSubmission(cpu.server)} + ${perSubmission(cpu.postgres)}`],
    [`pgbench INSERT tps (${connections} clients, ${duration} s)`, Math.round(pg.tps)],
    ['CPU per pgbench INSERT, µs (PostgreSQL)', Math.round((pg.cpu.postgres / pg.tps) * 1e6)],
    ['ratio submissions/pgbench', ratio],
  ]);
  if (!check.ok) process.exitCode = 1;
  console.log(JSON.stringify({ submissions_per_s: Math.round(perSecond), p99_ms: load.p99, pgbench_tps: Math.round(pg.tps), ratio, load_generator: load.generator }));
}

async function main() {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '20' }, connections: { type: 'string', default: '50' }, load: { type: 'string' } } });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const generator = values.load ?? (hasWrk() ? 'wrk' : 'autocannon');
  if (!['wrk', 'autocannon'].includes(generator)) throw new Error(`--load is wrk or autocannon, not ${generator}`);
  if (generator === 'autocannon') console.log('load from autocannon, which shares the cores with the server; `apt-get install wrk` for a lighter load generator');
  await withBenchDb('bench_submit', async (url, dbName) => {
    const submissions = await measureSubmissions(url, generator, duration, connections);
    const pg = await measurePgbench(url, dbName, connections, duration);
    report(submissions, pg, duration, connections);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
