// Where the indicator table's time goes: Node CPU (of it garbage collection) against waiting
// for PostgreSQL, the statements one call sends with what the server spends on them (EXPLAIN
// ANALYZE), and the costliest pieces of `table()` timed alone.
import { PerformanceObserver } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema/index.ts';
import { catalogueIndicators } from '../../forms/catalogue/catalogue.stats.ts';
import { formulaVariables } from '../../forms/catalogue/catalogue.validate.ts';
import { institutionsUnder, unitNames, valuesPerInstitution } from '../../server/aggregation/aggregation.queries.ts';
import { table, type TableQuery } from '../../server/aggregation/indicators.service.ts';
import * as catalogues from '../../server/catalogues/catalogues.service.ts';
import type { Db } from '../../server/db/db.client.ts';
import type { Scope } from '../../server/auth/auth.schemas.ts';
import * as organisations from '../../server/organisations/organisations.service.ts';

export type Profile = [string, string][];
type Statement = { query: string; params: unknown[] };

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Median wall time of `runs` calls, after `warmups` calls that compile and optimise the code. */
export async function wallOf(runs: number, body: () => Promise<unknown>, warmups = 0) {
  for (let i = 0; i < warmups; i++) await body();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await body();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Mean wall, Node CPU and garbage-collection time per call. */
async function cpuOf(runs: number, body: () => Promise<unknown>) {
  let gc = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gc += e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) await body();
  const used = process.cpuUsage(before);
  const wall = performance.now() - started;
  // gc entries are delivered asynchronously
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { wall: wall / runs, cpu: (used.user + used.system) / 1000 / runs, gc: gc / runs };
}

/** The statements one `table()` call sends and the server's planning + execution time for each. */
async function serverSide(url: string, scope: Scope, query: TableQuery) {
  const sent: Statement[] = [];
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client, { schema, logger: { logQuery: (q, params) => void sent.push({ query: q, params }) } }) as unknown as Db;
    await table({ db, scope }, query);
    const costs = [];
    for (const s of sent) {
      const [row] = await client.unsafe(`explain (analyze, format json) ${s.query}`, s.params as postgres.ParameterOrJSON<never>[]);
      const [plan] = row['QUERY PLAN'] as { 'Planning Time': number; 'Execution Time': number }[];
      costs.push({ params: s.params.length, ms: plan['Planning Time'] + plan['Execution Time'] });
    }
    return costs;
  } finally {
    await client.end();
  }
}

export async function profileTable(db: Db, url: string, scope: Scope, query: TableQuery & { unitId: string }, runs: number): Promise<Profile> {
  const ctx = { db, scope };
  const catalogue = await catalogues.get(ctx, { code: query.catalogue });
  const unit = await organisations.get(ctx, query.unitId);
  const institutions = await institutionsUnder(db, unit.path, query);
  const childIds = [...new Set(institutions.map((i) => i.path.slice(unit.path.length).split('/')[0]))].filter((id) => !institutions.some((i) => i.id === id));
  const variableIds = [...new Set(catalogueIndicators(catalogue.content).flatMap((i) => formulaVariables(i.formula)))];
  const institutionIds = institutions.map((i) => i.id);

  const whole = await cpuOf(runs, () => table(ctx, query));
  const costs = await serverSide(url, scope, query);
  const biggest = costs.reduce((a, b) => (b.ms > a.ms ? b : a));
  return [
    ['whole table() call, mean wall time', ms(whole.wall)],
    ['  Node CPU (JS, drizzle, driver), mean', ms(whole.cpu)],
    ['    of it garbage collection', ms(whole.gc)],
    ['  waiting for PostgreSQL and the network (wall − CPU)', ms(whole.wall - whole.cpu)],
    ['statements per call', String(costs.length)],
    ['  PostgreSQL planning + execution, all statements (EXPLAIN ANALYZE)', ms(costs.reduce((s, c) => s + c.ms, 0))],
    [`  of it the costliest statement (${biggest.params} parameters)`, ms(biggest.ms)],
    ['pieces timed alone, median:', ''],
    ['  catalogues.get (content and variables jsonb, parsed)', ms(await wallOf(runs, () => catalogues.get(ctx, { code: query.catalogue })))],
    [`  unitNames for the ${childIds.length} children, one query`, ms(await wallOf(runs, () => unitNames(db, childIds)))],
    [`  valuesPerInstitution (${variableIds.length} variables × ${institutionIds.length} institutions)`, ms(await wallOf(runs, () => valuesPerInstitution(db, { periodLabel: query.period, variableIds, institutionIds })))],
  ];
}
