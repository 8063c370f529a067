// The short form of `npm run prove:load`, on the test run's driver (PGlite or PostgreSQL): the
// real app listens on loopback and concurrent parents submit over real HTTP, a share of their
// requests cut by the client and retried with the same response id.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadWithFaults } from '../../../scripts/prove/prove.scenarios.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { driver } from '../../helpers/test-db.ts';

// the campaign opens an hour before the app's clock and closes a week after it; the clients stand
// behind a loopback proxy, each parent's address in X-Forwarded-For (see prove.load.ts)
const t = await createTestApp({ trustProxy: ['127.0.0.1'] }, { now: new Date().toISOString() });
await t.app.listen({ port: 0, host: '127.0.0.1' });
const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;

// PGlite is one connection: fewer clients keep its queue short
const shape = driver === 'pglite' ? { clients: 8, answers: 400 } : { clients: 16, answers: 600 };

describe('submissions under client faults', () => {
  it('stores every acknowledged answer once, stores nothing it refused, and keeps the counters equal to a recount', async () => {
    const { stats, verdict } = await loadWithFaults({ baseUrl, db: t.db, shape: { ...shape, cutShare: 0.3, invalidShare: 0.08, otherLinkShare: 0.05, giveUpMs: 20_000, attemptTimeoutMs: 10_000 } });
    expect(verdict, JSON.stringify(stats)).toMatchObject({ unresolved: 0, lost: 0, duplicates: 0, refusedButStored: 0, storedUnacknowledged: 0, foreign: 0, mismatches: [] });
    expect(verdict.stored).toBe(verdict.acknowledged);
    // the faults did happen: cut requests, replays of stored ids, and refusals of both kinds
    expect(stats.cutMidBody + stats.cutAfterSend).toBeGreaterThan(0);
    expect(stats.statuses['200'] ?? 0).toBeGreaterThan(0);
    expect(stats.statuses['422'] ?? 0).toBeGreaterThan(0);
    expect(stats.statuses['409'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(stats.statuses).filter((s) => Number(s) >= 500)).toEqual([]);
  });
});
