// The three proofs, each as one function the npm scripts (long form) and the resilience tests
// (short form) both run: a load with faults, a SIGKILL of the server mid-load, and PostgreSQL
// stopped mid-load. Each returns its figures and the verdict of prove.check.ts.
import type { Database, Db } from '../../server/db/db.client.ts';
import { missingOf, verify } from './prove.check.ts';
import { startLoad, until, type LoadOptions, type LoadStats } from './prove.load.ts';
import type { PrivatePostgres } from './prove.postgres.ts';
import type { ServerProcess } from './prove.server.ts';
import { launchProveCampaign } from './prove.survey.ts';

export type LoadShape = Omit<LoadOptions, 'baseUrl' | 'links'>;
/** the crash and database proofs run the load until the last strike has been followed by one more interval */
export type OpenShape = Omit<LoadShape, 'answers' | 'durationMs'>;
/** when to strike: after this many more acknowledged answers, or this many ms of load */
export type Trigger = { acks: number } | { ms: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(load: ReturnType<typeof startLoad>, trigger: Trigger) {
  if ('ms' in trigger) return sleep(trigger.ms);
  const target = load.acknowledged() + trigger.acks;
  await until(() => load.acknowledged() >= target, 120_000, `${target} acknowledged answers`);
}

/** RSS of the server every second while `body` runs: first, peak, last. */
async function sampled<T>(rss: (() => number) | undefined, body: () => Promise<T>) {
  if (!rss) return { result: await body(), rss: undefined };
  const samples = [rss()];
  const timer = setInterval(() => samples.push(rss()), 1000);
  try {
    const result = await body();
    samples.push(rss());
    return { result, rss: { startMiB: samples[0], peakMiB: Math.max(...samples), endMiB: samples[samples.length - 1], samples } };
  } finally {
    clearInterval(timer);
  }
}

/** Many clients, some cutting their requests and retrying; then stored vs acknowledged and a recount. */
export async function loadWithFaults({ baseUrl, db, shape, rss }: { baseUrl: string; db: Db; shape: LoadShape; rss?: () => number }) {
  const campaign = await launchProveCampaign(baseUrl);
  const started = performance.now();
  const { result, rss: memory } = await sampled(rss, () => startLoad({ ...shape, baseUrl, links: campaign.links }).done);
  const seconds = (performance.now() - started) / 1000;
  const verdict = await verify(db, campaign.campaignId, campaign.links, result.entries);
  return { seconds, stats: result.stats, verdict, rss: memory };
}

/**
 * How a proof reads the server's database: alongside the running server (PostgreSQL), or only
 * once the server has stopped (PGlite: the server process holds its data folder alone).
 */
export type Reader = { db: Db } | { openAfterStop: () => Promise<Database> };

/** Runs `read` on the server's database: beside the server, or once it has stopped (PGlite). */
async function withReader<T>(reader: Reader, server: ServerProcess, read: (db: Db) => Promise<T>): Promise<T> {
  if ('db' in reader) return read(reader.db);
  await server.stop();
  const database = await reader.openAfterStop();
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}

/** SIGKILL the server mid-load (`kills` times), start it again on the same port and database. */
export async function crashMidLoad({ server, reader, shape, kills, every }: { server: ServerProcess; reader: Reader; shape: OpenShape; kills: number; every: Trigger }) {
  const campaign = await launchProveCampaign(server.baseUrl);
  const load = startLoad({ ...shape, baseUrl: server.baseUrl, links: campaign.links });
  const befores: Set<string>[] = [];
  const restartMs: number[] = [];
  const missing: number[] = [];
  for (let k = 0; k < kills; k++) {
    await waitFor(load, every);
    befores.push(load.acknowledgedIds());
    await server.kill();
    const down = performance.now();
    await server.restart();
    restartMs.push(Math.round(performance.now() - down));
    if ('db' in reader) missing.push(await missingOf(reader.db, campaign.campaignId, befores[k]));
  }
  // the restarted server takes load too before the proof ends
  await waitFor(load, every);
  load.stop();
  const result = await load.done;
  const verdict = await withReader(reader, server, async (db) => {
    // PGlite could not be read after each restart: what was acknowledged before each kill is checked now
    if (!('db' in reader)) for (const before of befores) missing.push(await missingOf(db, campaign.campaignId, before));
    return verify(db, campaign.campaignId, campaign.links, result.entries);
  });
  const crashes = befores.map((before, k) => ({ acknowledgedBefore: before.size, missingAfterRestart: missing[k], restartMs: restartMs[k] }));
  return { stats: result.stats, verdict, crashes, lostAcrossCrashes: missing.reduce((s, n) => s + n, 0) };
}

export type Health = { status: number; ms: number; body: { status?: string; database?: { ok?: boolean; error?: string } }; error?: string };

/** GET /api/health; a refused connection (the process is gone) is status 0 with its error code. */
export async function health(baseUrl: string): Promise<Health> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(30_000) });
    return { status: res.status, ms: ms(), body: await res.json() };
  } catch (error) {
    const e = error as { cause?: { code?: string }; name?: string };
    return { status: 0, ms: ms(), body: {}, error: e.cause?.code ?? e.name };
  }
}

/** Polls the health check until it answers 200; the time it took. */
export async function recovery(baseUrl: string, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  while ((await health(baseUrl)).status !== 200) {
    if (performance.now() - started > timeoutMs) throw new Error(`the server did not recover within ${timeoutMs} ms of PostgreSQL coming back`);
    await sleep(50);
  }
  return Math.round(performance.now() - started);
}

const count503 = (stats: LoadStats) => stats.statuses['503'] ?? 0;

export type Outage = {
  acknowledgedBefore: number; healthDown: Health; answers503: number; missingAfter: number;
  /** from PostgreSQL running again to the health check answering 200 (including a restart of a dead server) */
  recoveredMs: number;
  /** how the server process ended during the outage, when it did (it was then started again) */
  died?: { code: number | null; signal: string | null; log: string };
};

/**
 * Stops PostgreSQL mid-load for `outageMs`, `outages` times. While it is down the health check and
 * the submissions must answer 503 fast; once it is back the same server process must recover. A
 * server that dies instead is recorded and started again, as a supervisor would, so that the
 * data half of the proof (nothing acknowledged lost, counters = recount) is still checked.
 */
export async function restartDatabaseMidLoad(
  { server, pg, db, shape, outages, outageMs, every }: { server: ServerProcess; pg: PrivatePostgres; db: Db; shape: OpenShape; outages: number; outageMs: number; every: Trigger },
) {
  const campaign = await launchProveCampaign(server.baseUrl);
  const load = startLoad({ ...shape, baseUrl: server.baseUrl, links: campaign.links });
  const windows: Outage[] = [];
  for (let k = 0; k < outages; k++) {
    await waitFor(load, every);
    const before = load.acknowledgedIds();
    const errorsBefore = count503(load.stats);
    const pid = server.pid();
    await pg.stop('fast');
    const down = performance.now();
    const healthDown = await health(server.baseUrl);
    await sleep(Math.max(0, outageMs - (performance.now() - down)));
    const answers503 = count503(load.stats) - errorsBefore;
    await pg.start();
    const up = performance.now();
    let died: Outage['died'];
    if (!server.alive() || server.pid() !== pid) {
      died = { ...server.exit(), log: server.log.slice(-8).join('\n') };
      await server.restart();
    }
    await recovery(server.baseUrl);
    const recoveredMs = Math.round(performance.now() - up);
    windows.push({ acknowledgedBefore: before.size, healthDown, answers503, recoveredMs, missingAfter: await missingOf(db, campaign.campaignId, before), died });
  }
  await waitFor(load, every);
  load.stop();
  const result = await load.done;
  const verdict = await verify(db, campaign.campaignId, campaign.links, result.entries);
  return { stats: result.stats, verdict, windows, deaths: windows.filter((w) => w.died).length };
}
