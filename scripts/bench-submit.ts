// `npm run bench:submit [-- --rounds 3 --duration 10 --connections 50 --load wrk|autocannon]`:
// how many parents' answers per second the real server stores on PostgreSQL, next to what
// pgbench gets from the same PostgreSQL for a bare single-row INSERT at the same concurrency.
// The ratio is the share of the database's raw insert rate that the submission path keeps.
// The two take turns in rounds (submissions for `duration` seconds, then pgbench as long), so
// a machine whose disk or neighbours change speed over a minute slows both sides alike. The
// load comes from wrk when it is installed, else from autocannon; the cores each part used are
// printed beside the figures. The last line is JSON.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { launchParentSurvey, printTable, publicForm, startServerProcess, withBenchDb } from './bench/bench.helpers.ts';
import { countCpu, describeCpu, mergeCpu, type CpuSplit } from './bench/cpu.ts';
import { questionsOf, type JsonElement } from '../forms/generator/questions.ts';

type Question = JsonElement & { rateValues?: { value: unknown }[]; rateMin?: number; rateMax?: number; choices?: unknown[] };

// the most parents a campaign may expect from one institution (the API refuses more)
const EXPECTED = 100_000;
const WARM_UP_S = 5;

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

/** Waits until no backend but ours is busy in the database and pgbench's have ended (and been counted). */
async function backendsSettled(sql: postgres.Sql, dbName: string) {
  for (let i = 0; i < 50; i++) {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = ${dbName} and pid <> pg_backend_pid() and (state = 'active' or application_name = 'pgbench')`;
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
    await sql`create table if not exists bench_t (id uuid primary key, data jsonb not null)`;
    // the submissions' last commits may still be running: their CPU is not pgbench's
    await backendsSettled(sql, dbName);
    const script = join(dir, 'insert.sql');
    writeFileSync(script, `INSERT INTO bench_t (id, data) VALUES (gen_random_uuid(), '{"a":1}'::jsonb);\n`);
    const bin = existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench';
    const threads = String(Math.min(connections, cpus().length));
    const args = ['-h', '127.0.0.1', '-U', 'postgres', '-n', '-c', String(connections), '-j', threads, '-T', String(duration), '-f', script, dbName];
    const counting = countCpu({ load: process.pid });
    const out = execFileSync(bin, args, { encoding: 'utf8' });
    const ended = performance.now();
    // pgbench's backends end after it does; counted once the postmaster has collected them
    await backendsSettled(sql, dbName);
    const cpu = counting(ended);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    if (!tps) throw new Error(`cannot read tps from pgbench:\n${out}`);
    return { tps: Number(tps), cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sql.end();
  }
}

type Round = { load: Load; cpu: CpuSplit; pg: Awaited<ReturnType<typeof measurePgbench>> };

/**
 * One server for all rounds; in each, the load generator drives it, then pgbench runs while
 * it idles. What the server stored is read once it has stopped.
 */
async function measureRounds(url: string, dbName: string, generator: string, rounds: number, duration: number, connections: number) {
  const server = await startServerProcess(url);
  const done: Round[] = [];
  let warmUp: Load;
  let campaignId: string;
  try {
    const survey = await launchParentSurvey(server.baseUrl, EXPECTED);
    campaignId = survey.campaignId;
    const { json } = await publicForm(server.baseUrl, survey.code);
    const answers = answersFor(json);
    const run = generator === 'wrk' ? wrkLoad : autocannonLoad;
    // a server that has run a while has its hot paths compiled: the first seconds are not counted
    // (without it, the first round of a run was 14 % slower than the others), but their answers are reconciled
    warmUp = await run(server.baseUrl, `/api/public/s/${survey.code}/responses`, answers, WARM_UP_S, connections);
    console.log(`warm-up: ${Math.round(warmUp.answered.size / warmUp.durationS)} submissions/s for ${WARM_UP_S} s, not counted`);
    for (let r = 0; r < rounds; r++) {
      const counting = countCpu({ server: server.pid, load: process.pid });
      const load = await run(server.baseUrl, `/api/public/s/${survey.code}/responses`, answers, duration, connections);
      const cpu = counting();
      done.push({ load, cpu, pg: await measurePgbench(url, dbName, connections, duration) });
      console.log(`round ${r + 1}: ${Math.round(load.answered.size / load.durationS)} submissions/s, pgbench ${Math.round(done[r].pg.tps)} tps`);
    }
  } finally {
    // a graceful stop lets requests cut off by the load generator finish their commit
    await server.stop();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string }[]>`select id from responses where campaign_id = ${campaignId}`;
    return { warmUp, rounds: done, stored: new Set(rows.map((r) => r.id)) };
  } finally {
    await sql.end();
  }
}

/** The rounds' loads as one, for the reconciliation: every id any round saw answered or sent. */
function combined(loads: Load[]): Load {
  const statuses: Record<string, number> = {};
  for (const l of loads) for (const [code, n] of Object.entries(l.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const sum = (f: (l: Load) => number) => loads.reduce((a, l) => a + f(l), 0);
  return {
    generator: loads[0].generator, durationS: sum((l) => l.durationS), statuses, errors: sum((l) => l.errors), timeouts: sum((l) => l.timeouts),
    // latency percentiles do not add up across rounds: the middle round's p50 and the worst p99
    p50: loads.map((l) => l.p50).sort((a, b) => a - b)[loads.length >> 1], p99: Math.max(...loads.map((l) => l.p99)),
    answered: new Set(loads.flatMap((l) => [...l.answered])), sent: (id) => loads.some((l) => l.sent(id)),
  };
}

function report({ warmUp, rounds, stored }: Awaited<ReturnType<typeof measureRounds>>, duration: number, connections: number) {
  const load = combined(rounds.map((r) => r.load));
  const cpu = mergeCpu(rounds.map((r) => r.cpu));
  const pgCpu = mergeCpu(rounds.map((r) => r.pg.cpu));
  const perSecond = load.answered.size / load.durationS;
  const tps = rounds.reduce((a, r) => a + r.pg.tps, 0) / rounds.length;
  const ratio = Number((perSecond / tps).toFixed(3));
  // every answer, the warm-up's too, is reconciled; in-flight cut-offs: at most one per connection per run
  const all = combined([warmUp, ...rounds.map((r) => r.load)]);
  const check = reconcile(all, stored, connections * (rounds.length + 1));
  const codes = Object.entries(all.statuses).map(([code, count]) => `${code}×${count}`).join(' ');
  console.log('');
  console.log(`load: ${connections} connections from ${load.generator}, ${rounds.length} rounds of ${duration} s, each followed by pgbench for ${duration} s; the server in its own process`);
  console.log(`answers: ${codes}; errors ${all.errors}, timeouts ${all.timeouts}`);
  console.log(`stored: ${stored.size} rows = ${all.answered.size} answered 2xx (${warmUp.answered.size} in the warm-up)${check.inFlight ? ` + ${check.inFlight} cut off in flight when the load stopped` : ''}`);
  if (!check.ok) console.log(`MISMATCH: ${check.lost} answered but not stored, ${check.foreign} stored but never sent by this run`);
  console.log(`cores used during the load: ${describeCpu(cpu, load.generator)}`);
  console.log(`cores used during pgbench:  ${describeCpu(pgCpu, 'pgbench')}`);
  console.log('');
  const columns = [...rounds, { load, cpu, pg: { tps, cpu: pgCpu } }];
  const rate = (l: Load) => l.answered.size / l.durationS;
  const perSubmission = (cores: number, l: Load) => Math.round((cores / rate(l)) * 1e6);
  const row = (label: string, f: (c: (typeof columns)[number]) => string | number): [string, ...(string | number)[]] => [label, ...columns.map(f)];
  printTable([
    ['', ...rounds.map((_, i) => `round ${i + 1}`), 'all'],
    row('submissions/s', (c) => Math.round(rate(c.load))),
    row('latency p50, ms', (c) => c.load.p50),
    row('latency p99, ms', (c) => c.load.p99),
    row('CPU per submission, µs (server + PostgreSQL)', (c) => `${perSubmission(c.cpu.server, c.load)} + ${perSubmission(c.cpu.postgres, c.load)}`),
    row(`pgbench INSERT tps (${connections} clients)`, (c) => Math.round(c.pg.tps)),
    row('CPU per pgbench INSERT, µs (PostgreSQL)', (c) => Math.round((c.pg.cpu.postgres / c.pg.tps) * 1e6)),
    row('ratio submissions/pgbench', (c) => (rate(c.load) / c.pg.tps).toFixed(3)),
  ]);
  if (!check.ok) process.exitCode = 1;
  console.log(JSON.stringify({ submissions_per_s: Math.round(perSecond), p99_ms: load.p99, pgbench_tps: Math.round(tps), ratio, load_generator: load.generator, rounds: rounds.length }));
}

async function main() {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '3' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, load: { type: 'string' } },
  });
  const [rounds, duration, connections] = [values.rounds, values.duration, values.connections].map(Number);
  if (![rounds, duration, connections].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--rounds, --duration and --connections are positive whole numbers');
  const generator = values.load ?? (hasWrk() ? 'wrk' : 'autocannon');
  if (!['wrk', 'autocannon'].includes(generator)) throw new Error(`--load is wrk or autocannon, not ${generator}`);
  if (generator === 'autocannon') console.log('load from autocannon, which shares the cores with the server; `apt-get install wrk` for a lighter load generator');
  await withBenchDb('bench_submit', async (url, dbName) => {
    report(await measureRounds(url, dbName, generator, rounds, duration, connections), duration, connections);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
