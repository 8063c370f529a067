// The short form of `npm run prove:db-restart`: the real server (a child process) on a private
// PostgreSQL instance that these tests stop and start; the shared server is never touched. It
// runs in the pass with DATABASE_URL only (the PGlite pass would repeat it word for word).
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsesTable } from '../../../drizzle/schema/index.ts';
import { postgresDatabase, type Database } from '../../../server/db/db.client.ts';
import { submitOnce } from '../../../scripts/prove/prove.load.ts';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../../../scripts/prove/prove.postgres.ts';
import { health, recovery, restartDatabaseMidLoad } from '../../../scripts/prove/prove.scenarios.ts';
import { startServer, type ServerProcess } from '../../../scripts/prove/prove.server.ts';
import { launchProveCampaign, validAnswers } from '../../../scripts/prove/prove.survey.ts';
import { driver } from '../../helpers/test-db.ts';

const skipped = driver !== 'postgres' ? 'runs in the pass with DATABASE_URL' : privatePostgresUnavailable();

let pg: PrivatePostgres;
let server: ServerProcess;
let check: Database;
// whether a test left PostgreSQL stopped, so that the next one starts from a running database
let down = false;
const stopPostgres = async () => {
  down = true;
  await pg.stop('fast');
};
const startPostgres = async () => {
  if (!down) return;
  await pg.start();
  down = false;
};

beforeAll(async () => {
  if (skipped) return;
  pg = await startPrivatePostgres({ fsync: false });
  const url = await pg.createDatabase('prove');
  server = await startServer({ databaseUrl: url, logLevel: 'fatal' });
  check = postgresDatabase(url, { max: 2 });
});

afterAll(async () => {
  await server?.dispose();
  await check?.close();
  pg?.destroy();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const storedOf = async (ids: string[]) => (await check.db.select({ id: responsesTable.id }).from(responsesTable).where(inArray(responsesTable.id, ids))).length;

describe.skipIf(skipped)(`PostgreSQL stopping under the server${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  describe('while PostgreSQL is down', () => {
    const ids = Array.from({ length: 5 }, () => randomUUID());
    let code: string;
    let pid: number;
    beforeAll(async () => {
      ({ links: [{ code }] } = await launchProveCampaign(server.baseUrl));
      expect((await submitOnce(server.baseUrl, code, randomUUID(), validAnswers())).status).toBe(201);
      pid = server.pid();
      await stopPostgres();
    });
    afterAll(startPostgres);

    // "at once": a refused connection, not the 5 s connect timeout or a hang (2 s leaves room for a busy CI machine)
    it('answers submissions 503 db.unavailable with a retry-after at once, and keeps running', async () => {
      const answers = await Promise.all(ids.map((id) => submitOnce(server.baseUrl, code, id, validAnswers())));
      for (const answer of answers) {
        expect(answer).toMatchObject({ status: 503, code: 'db.unavailable', retryAfter: '5' });
        expect(answer.ms).toBeLessThan(2000);
      }
      expect(server.alive()).toBe(true);
    });

    it('answers the health check 503 with database.ok false within its 2 s budget', async () => {
      const h = await health(server.baseUrl);
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: 'unavailable', database: { kind: 'postgres', ok: false } });
      expect(h.ms).toBeLessThan(2500);
    });

    // drizzle wraps the driver's error as "Failed query: select 1\nparams: "; the reason
    // (connect ECONNREFUSED, or 57P01 "terminating connection …") is in its cause
    it('the health check says why (connection refused), not only that a query failed', async () => {
      const h = await health(server.baseUrl);
      expect(h.body.database?.error).toMatch(/ECONNREFUSED|refused|terminat|connect/i);
    });

    it('recovers by itself when PostgreSQL returns: same process, health 200, and the refused answers are stored once when retried', async () => {
      await startPostgres();
      expect(await recovery(server.baseUrl, 15_000)).toBeLessThan(10_000);
      expect(server.pid()).toBe(pid);
      expect(await storedOf(ids)).toBe(0);
      const retried = await Promise.all(ids.map((id) => submitOnce(server.baseUrl, code, id, validAnswers())));
      expect(retried.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(await storedOf(ids)).toBe(5);
    });
  });

  it('keeps every acknowledged answer, and the counters equal to a recount, when PostgreSQL stops mid-load and comes back', async () => {
    // the scenario would start a dead server again (and report it), so that this checks the data;
    // how fast the answers come is for db-backoff-hang below, not for this test
    const r = await restartDatabaseMidLoad({ server, pg, db: check.db, shape: { clients: 6, cutShare: 0.1 }, outages: 1, outageMs: 1000, every: { acks: 60 } });
    expect(r.windows[0].missingAfter).toBe(0);
    expect(r.verdict).toMatchObject({ unresolved: 0, lost: 0, duplicates: 0, refusedButStored: 0, storedUnacknowledged: 0, foreign: 0, mismatches: [] });
    expect(r.verdict.stored).toBe(r.verdict.acknowledged);
    expect(Object.keys(r.stats.statuses).filter((s) => Number(s) >= 500 && s !== '503')).toEqual([]);
  });

  // DEFECT db-backoff-hang: server/db/db.client.ts keeps postgres.js's default reconnect backoff,
  // (0.5–1) × min(3^n / 100, 20) s after the pool's n-th failed connection. A dozen refused
  // connections into an outage, a query waits up to 20 s for its connection's next try: requests
  // hang instead of answering 503, the health check answers "timeout after 2 s", and once
  // PostgreSQL is back the next requests still sit out those timers (about 12 s here).
  describe('through an outage that many requests run into', () => {
    let code: string;
    beforeAll(async () => {
      ({ links: [{ code }] } = await launchProveCampaign(server.baseUrl));
      await stopPostgres();
    });
    afterAll(async () => {
      await startPostgres();
      // a new process, so that the next test does not wait out this pool's backoff timers
      await server.kill();
      await server.restart();
    });

    it('answers every submission 503 within a second, and stores again within 2 s of PostgreSQL returning', async () => {
      for (let i = 0; i < 25; i++) {
        const answer = await submitOnce(server.baseUrl, code, randomUUID(), validAnswers(), 2000);
        expect(answer.status).toBe(503);
        expect(answer.ms).toBeLessThan(1000);
      }
      await startPostgres();
      // as a respondent's page does: retry a 503 until it is stored; the promise is 2 s
      const back = performance.now();
      let stored = false;
      while (!stored && performance.now() - back < 2000) {
        stored = (await submitOnce(server.baseUrl, code, randomUUID(), validAnswers(), 2000)).status === 201;
        if (!stored) await new Promise((r) => setTimeout(r, 100));
      }
      expect(stored).toBe(true);
    });
  });

  // postgres.js 3.4.9 (porsager/postgres#1208) writes the ROLLBACK of a sql.begin() whose
  // connection has just closed to a null socket from a setImmediate: an uncaught TypeError
  // ("Cannot read properties of null (reading 'write')", connection.js:255). Every submission runs
  // in such a transaction, so server/main.ts must survive it. Last in the file: a regression kills the server.
  describe('with a submission inside its transaction', () => {
    let holder: postgres.Sql;
    let pending: ReturnType<typeof submitOnce>;
    beforeAll(async () => {
      const { links: [link] } = await launchProveCampaign(server.baseUrl);
      // a row lock on the assignment holds the submission at its counter update, mid-transaction
      holder = postgres(pg.url('prove'), { max: 1, onnotice: () => {} });
      await holder.unsafe('begin');
      await holder`select 1 from assignments where id = ${link.assignmentId} for update`;
      pending = submitOnce(server.baseUrl, link.code, randomUUID(), validAnswers());
      const waiting = async () => (await holder<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = 'prove' and wait_event_type = 'Lock'`)[0].n;
      for (const deadline = Date.now() + 10_000; (await waiting()) === 0 && Date.now() < deadline;) await sleep(20);
      expect(await waiting()).toBe(1);
    });
    afterAll(async () => {
      // idle in its transaction when PostgreSQL stopped: nothing to write, so closing it is safe
      await holder?.end({ timeout: 0 }).catch(() => {});
      await startPostgres();
    });

    it('keeps running and answers 503 when PostgreSQL stops mid-transaction', async () => {
      await stopPostgres();
      expect(await pending).toMatchObject({ status: 503, code: 'db.unavailable' });
      // the crash comes a moment after that answer: still answering 300 ms later means it survived
      await sleep(300);
      expect((await health(server.baseUrl)).status).toBe(503);
      expect(server.alive()).toBe(true);
    });
  });
});
