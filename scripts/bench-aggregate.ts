// `npm run bench:aggregate`: how long the indicator table of a region of 1,000 institutions
// takes on PostgreSQL at 100k and at 1M parent-survey responses, next to a plain SQL
// aggregation over the responses themselves. The table reads only the variable_values
// counters, so its time should not grow with the responses; the baseline's does. The last
// line is JSON.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { usersTable } from '../drizzle/schema/index.ts';
import { loadCaller, scopeOf } from '../server/auth/auth.service.ts';
import { table } from '../server/aggregation/indicators.service.ts';
import { syncCatalogues } from '../server/catalogues/catalogues.sync.ts';
import { postgresDatabase, type Db } from '../server/db/db.client.ts';
import type { Scope } from '../server/auth/auth.schemas.ts';
import type { SurveyRule } from '../forms/generator/mapping.schemas.ts';
import { loadDemoData } from './demo-data.ts';
import { printTable, withBenchDb } from './bench/bench.helpers.ts';
import { addResponses, aggregateResponses, buildRegion, launchSurvey, MUNICIPALITIES, PER_MUNICIPALITY, PERIOD } from './bench/aggregate.seed.ts';
import { profileTable, wallOf, type Profile } from './bench/aggregate.profile.ts';

const GOAL_MS = 100;
const TABLE_RUNS = 10;
// the first calls compile and optimise the service's code; measured calls come after these
const WARMUPS = 30;
const BASELINE_RUNS = 3;

// one run's database handles and survey
type Bench = { sql: postgres.Sql; url: string; db: Db; scope: Scope; region: Awaited<ReturnType<typeof buildRegion>>; campaignId: string; rules: SurveyRule[] };
type Figures = { responses: number; counters: number; regionMs: number; municipalityMs: number; baselineMs: number; profile: Profile };

const ms = (x: number) => x.toFixed(1);
const timed = (runs: number, warmups: number, body: () => Promise<unknown>) => wallOf(runs, body, warmups);

async function adminScope(db: Db): Promise<Scope> {
  const [admin] = await db.select({ id: usersTable.id }).from(usersTable).where(eq(usersTable.email, 'admin@demo.local'));
  return scopeOf(await loadCaller(db, admin.id));
}

/** The table's region totals must be what the responses add up to, or the figures mean nothing. */
async function check({ sql, db, scope, region, rules }: Bench, responses: number) {
  const result = await table({ db, scope }, { catalogue: 'serovsky', period: PERIOD.label, unitId: region.regionId });
  const baseline = await aggregateResponses(sql, region.regionPath, rules);
  const [{ completed }] = await sql<{ completed: string }[]>`select sum(completed) as completed from assignments`;
  if (Number(completed) !== responses) throw new Error(`assignments count ${completed} completed responses, ${responses} were added`);
  rules.forEach((rule, n) => {
    const cell = result.indicators.find((i) => i.id === rule.indicator)?.cells[0];
    const sum = (column: string) => baseline.reduce((s, row) => s + Number(row[column]), 0);
    if (cell?.numerator !== sum(`satisfied_${n}`) || cell?.denominator !== sum(`respondents_${n}`)) {
      throw new Error(`${rule.indicator}: the table shows ${cell?.numerator}/${cell?.denominator}, the responses give ${sum(`satisfied_${n}`)}/${sum(`respondents_${n}`)}`);
    }
  });
}

async function measure(bench: Bench, responses: number): Promise<Figures> {
  const { sql, url, db, scope, region, rules } = bench;
  // what autovacuum does after a bulk load, so the planner and visibility map are current
  await sql`vacuum analyze`;
  await check(bench, responses);
  const query = { catalogue: 'serovsky', period: PERIOD.label };
  const regionMs = await timed(TABLE_RUNS, WARMUPS, () => table({ db, scope }, { ...query, unitId: region.regionId }));
  const municipalityMs = await timed(TABLE_RUNS, WARMUPS, () => table({ db, scope }, { ...query, unitId: region.municipalityId }));
  const baselineMs = await timed(BASELINE_RUNS, 0, () => aggregateResponses(sql, region.regionPath, rules));
  const profile = await profileTable(db, url, scope, { ...query, unitId: region.regionId }, TABLE_RUNS);
  const [{ counters }] = await sql<{ counters: number }[]>`select count(*)::int as counters from variable_values where period_label = ${PERIOD.label}`;
  return { responses, counters, regionMs, municipalityMs, baselineMs, profile };
}

/** `batches` statements of `size` responses each; returns the seconds taken. */
async function addInBatches({ sql, campaignId, rules }: Bench, batches: number, size: number) {
  const started = performance.now();
  for (let done = 1; done <= batches; done++) {
    await addResponses(sql, campaignId, rules, size);
    process.stderr.write(`\r  adding responses: ${(done * size).toLocaleString('en')} of ${(batches * size).toLocaleString('en')}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  process.stderr.write('\n');
  return (performance.now() - started) / 1000;
}

function report(small: Figures, large: Figures, seconds: { setup: number; small: number; large: number }) {
  const n = (x: number) => x.toLocaleString('en');
  printTable([
    ['', `${n(small.responses)} responses`, `${n(large.responses)} responses`],
    [`indicator table, region (${MUNICIPALITIES} × ${PER_MUNICIPALITY} institutions), median of ${TABLE_RUNS}`, `${ms(small.regionMs)} ms`, `${ms(large.regionMs)} ms`],
    [`indicator table, one municipality (${PER_MUNICIPALITY}), median of ${TABLE_RUNS}`, `${ms(small.municipalityMs)} ms`, `${ms(large.municipalityMs)} ms`],
    [`baseline: SQL aggregation over responses, region, median of ${BASELINE_RUNS}`, `${ms(small.baselineMs)} ms`, `${ms(large.baselineMs)} ms`],
    ['variable_values rows of the period (what the table reads)', n(small.counters), n(large.counters)],
    ['ratio baseline / region table', (small.baselineMs / small.regionMs).toFixed(1), (large.baselineMs / large.regionMs).toFixed(1)],
    ['ratio region table 1M / 100k', '', (large.regionMs / small.regionMs).toFixed(2)],
    [`goal: region table ≤ ${GOAL_MS} ms`, small.regionMs <= GOAL_MS ? 'met' : 'MISSED', large.regionMs <= GOAL_MS ? 'met' : 'MISSED'],
  ]);
  console.log(`\nwhere the region table's time goes at ${n(large.responses)} responses (${TABLE_RUNS} calls):`);
  printTable(large.profile);
  console.log(`\nsetup ${seconds.setup.toFixed(0)} s; adding ${n(small.responses)} responses ${seconds.small.toFixed(0)} s, ${n(large.responses - small.responses)} more ${seconds.large.toFixed(0)} s`);
  // the figures are only as quiet as the machine: other work on it shows up here
  console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
}

async function main() {
  // --batch 1000 makes a quick trial run (1k, then 10k responses)
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '100000' } } });
  const batch = Number(values.batch);
  await withBenchDb('bench_aggregate', async (url) => {
    const database = postgresDatabase(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const started = performance.now();
      await database.migrate();
      await loadDemoData(database.db);
      await syncCatalogues(database.db);
      const scope = await adminScope(database.db);
      const region = await buildRegion(sql);
      const bench: Bench = { sql, url, db: database.db, scope, region, ...(await launchSurvey(database.db, scope, region.regionId)) };
      const setup = (performance.now() - started) / 1000;

      const smallSeconds = await addInBatches(bench, 1, batch);
      const small = await measure(bench, batch);
      const largeSeconds = await addInBatches(bench, 9, batch);
      const large = await measure(bench, 10 * batch);

      report(small, large, { setup, small: smallSeconds, large: largeSeconds });
      const round = (x: number) => Math.round(x * 10) / 10;
      console.log(JSON.stringify({ region_ms_100k: round(small.regionMs), region_ms_1m: round(large.regionMs), municipality_ms_1m: round(large.municipalityMs), baseline_ms_1m: round(large.baselineMs) }));
    } finally {
      await sql.end();
      await database.close();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
