// `npm run bench:submit [-- --duration 20 --connections 50]`: how many parents' answers per
// second the real server stores on PostgreSQL, next to what pgbench gets from the same
// PostgreSQL for a bare single-row INSERT at the same concurrency. The ratio is the share of
// the database's raw insert rate that the submission path keeps. The last line is JSON.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { launchParentSurvey, printTable, publicForm, startServerProcess, withBenchDb } from './bench/bench.helpers.ts';

type Element = { name: string; type: string; rateValues?: { value: unknown }[]; rateMin?: number; rateMax?: number; choices?: unknown[]; elements?: Element[] };
type Load = Awaited<ReturnType<typeof submitLoad>>;

// the most parents a campaign may expect from one institution (the API refuses more)
const EXPECTED = 100_000;

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
const valueOf = (choice: unknown) => (typeof choice === 'object' && choice !== null && 'value' in choice ? choice.value : choice);

const questionsIn = (container: { elements?: Element[] }): Element[] => (container.elements ?? []).flatMap((e) => (e.elements ? questionsIn(e) : [e]));

/** A valid, varied answer set for the generated form: every question answered. */
function answersFor(json: Record<string, unknown>): () => Record<string, unknown> {
  const questions = ((json.pages ?? []) as { elements?: Element[] }[]).flatMap(questionsIn);
  const one = (q: Element): unknown => {
    if (q.type === 'rating') return q.rateValues?.length ? pick(q.rateValues).value : (q.rateMin ?? 1) + Math.floor(Math.random() * ((q.rateMax ?? 5) - (q.rateMin ?? 1) + 1));
    if (q.choices?.length) return valueOf(pick(q.choices));
    if (q.type === 'comment' || q.type === 'text') return 'Больше прогулок';
    throw new Error(`bench-submit cannot answer a ${q.type} question (${q.name})`);
  };
  return () => Object.fromEntries(questions.map((q) => [q.name, one(q)]));
}

/** Request bodies made before the clock starts, so the load generator spends its CPU on sending. */
function prepare(json: Record<string, unknown>, count: number) {
  const answers = answersFor(json);
  // the n-th request (from 1): public routes allow 60 requests a minute per address and the app
  // trusts the proxy header, so each comes "from" its own address (10.0.0.0/8 holds 16M of them)
  const make = (n: number) => {
    const id = randomUUID();
    return { id, ip: `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`, body: JSON.stringify({ id, data: answers() }) };
  };
  return { bodies: Array.from({ length: count }, (_, i) => make(i + 1)), make };
}

async function submitLoad(baseUrl: string, code: string, json: Record<string, unknown>, duration: number, connections: number) {
  // enough for 10,000 answers a second; past that each further request is made on the fly
  const prepared = prepare(json, duration * 10_000);
  const sent = new Set<string>();
  const answered = new Set<string>();
  const result = await autocannon({
    url: baseUrl, connections, duration, timeout: 30,
    requests: [{
      method: 'POST',
      path: `/api/public/s/${code}/responses`,
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
  return { result, sent, answered };
}

/**
 * Stored must equal answered 2xx. autocannon stops by closing its sockets, so a request in
 * flight at that moment may be stored without its 2xx being seen: those are told apart (sent,
 * never answered, at most one per connection) instead of being hidden in the count.
 */
function reconcile(load: Load, stored: Set<string>, connections: number) {
  const lost = [...load.answered].filter((id) => !stored.has(id)).length;
  const unanswered = [...stored].filter((id) => !load.answered.has(id));
  const foreign = unanswered.filter((id) => !load.sent.has(id)).length;
  const ok = lost === 0 && foreign === 0 && unanswered.length <= connections;
  return { ok, lost, inFlight: unanswered.length - foreign, foreign };
}

/** The server under load from this process; what it stored is read once it has stopped. */
async function measureSubmissions(url: string, duration: number, connections: number) {
  const server = await startServerProcess(url);
  let load: Load;
  let campaignId: string;
  try {
    const survey = await launchParentSurvey(server.baseUrl, EXPECTED);
    campaignId = survey.campaignId;
    const { json } = await publicForm(server.baseUrl, survey.code);
    load = await submitLoad(server.baseUrl, survey.code, json, duration, connections);
  } finally {
    // a graceful stop lets requests cut off by the load generator finish their commit
    await server.stop();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string }[]>`select id from responses where campaign_id = ${campaignId}`;
    return { load, stored: new Set(rows.map((r) => r.id)) };
  } finally {
    await sql.end();
  }
}

/** pgbench's tps for a bare single-row INSERT, same database server, clients and duration. */
async function measurePgbench(url: string, dbName: string, connections: number, duration: number): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create table bench_t (id uuid primary key, data jsonb not null)`.finally(() => sql.end());
  const dir = mkdtempSync(join(tmpdir(), 'edu-pgbench-'));
  const script = join(dir, 'insert.sql');
  writeFileSync(script, `INSERT INTO bench_t (id, data) VALUES (gen_random_uuid(), '{"a":1}'::jsonb);\n`);
  const bin = existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench';
  const threads = String(Math.min(connections, cpus().length));
  const args = ['-h', '127.0.0.1', '-U', 'postgres', '-n', '-c', String(connections), '-j', threads, '-T', String(duration), '-f', script, dbName];
  let out: string;
  try {
    out = execFileSync(bin, args, { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
  if (!tps) throw new Error(`cannot read tps from pgbench:\n${out}`);
  return Number(tps);
}

function report({ load, stored }: Awaited<ReturnType<typeof measureSubmissions>>, tps: number, duration: number, connections: number) {
  const r = load.result;
  const perSecond = load.answered.size / r.duration;
  const check = reconcile(load, stored, connections);
  const codes = Object.entries(r.statusCodeStats).map(([code, { count }]) => `${code}×${count}`).join(' ');
  console.log(`load: ${connections} connections for ${r.duration} s (autocannon in this process, the server in its own)`);
  console.log(`answers: ${codes}; errors ${r.errors}, timeouts ${r.timeouts}`);
  console.log(`stored: ${stored.size} rows = ${load.answered.size} answered 2xx${check.inFlight ? ` + ${check.inFlight} cut off in flight when the load stopped` : ''}`);
  if (!check.ok) console.log(`MISMATCH: ${check.lost} answered but not stored, ${check.foreign} stored but never sent by this run`);
  console.log('');
  printTable([
    ['submissions/s', Math.round(perSecond)],
    ['latency p50, ms', r.latency.p50],
    ['latency p99, ms', r.latency.p99],
    [`pgbench INSERT tps (${connections} clients, ${duration} s)`, Math.round(tps)],
    ['ratio submissions/pgbench', (perSecond / tps).toFixed(3)],
  ]);
  if (!check.ok) process.exitCode = 1;
  console.log(JSON.stringify({ submissions_per_s: Math.round(perSecond), p99_ms: r.latency.p99, pgbench_tps: Math.round(tps), ratio: Number((perSecond / tps).toFixed(3)) }));
}

async function main() {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '20' }, connections: { type: 'string', default: '50' } } });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  await withBenchDb('bench_submit', async (url, dbName) => {
    const submissions = await measureSubmissions(url, duration, connections);
    const tps = await measurePgbench(url, dbName, connections, duration);
    report(submissions, tps, duration, connections);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
