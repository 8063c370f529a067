// The short form of `npm run prove:crash`: the real server (a child process, as in production) is
// killed with SIGKILL mid-load and started again on the same port and database. On PostgreSQL it
// uses a database of the run's server; on PGlite it keeps its own data folder, read once it stops.
import { describe, expect, it } from 'vitest';
import { crashMidLoad, type Reader } from '../../../scripts/prove/prove.scenarios.ts';
import { openPgliteOf, startServer } from '../../../scripts/prove/prove.server.ts';
import { createTestDb, driver } from '../../helpers/test-db.ts';

describe('a server killed mid-load', () => {
  it('keeps every answer acknowledged before the SIGKILL, and after the restart stored = acknowledged with counters equal to a recount', async () => {
    const database = driver === 'postgres' ? await createTestDb() : undefined;
    const server = await startServer({ databaseUrl: database?.url });
    const reader: Reader = database ? { db: database.db } : { openAfterStop: openPgliteOf(server) };
    try {
      const r = await crashMidLoad({ server, reader, shape: { clients: driver === 'postgres' ? 10 : 6, cutShare: 0.2 }, kills: 1, every: { acks: 80 } });
      expect(r.crashes[0].acknowledgedBefore).toBeGreaterThanOrEqual(80);
      expect(r.lostAcrossCrashes).toBe(0);
      expect(r.verdict).toMatchObject({ unresolved: 0, lost: 0, duplicates: 0, refusedButStored: 0, storedUnacknowledged: 0, foreign: 0, mismatches: [] });
      expect(r.verdict.stored).toBe(r.verdict.acknowledged);
      // the kill cut requests in flight, and the clients' retries were refused until the restart
      expect((r.stats.networkErrors.ECONNRESET ?? 0) + (r.stats.networkErrors.ECONNREFUSED ?? 0)).toBeGreaterThan(0);
    } finally {
      await server.dispose();
      await database?.close();
    }
  });
});
