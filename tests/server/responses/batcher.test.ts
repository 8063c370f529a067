// The batcher's order of work, against a database stand-in whose commits the test releases one
// by one: what the real database does with a batch is covered by public-submission.test.ts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../server/db/db.client.ts';
import { createBatcher, type Submission } from '../../../server/responses/submission.batcher.ts';

/** Records each statement sent; each one's commit (or failure) waits for the test. */
function heldDatabase(events: string[]) {
  const held: { commit: () => void; fail: (e: Error) => void }[] = [];
  const db = {
    execute: () =>
      new Promise((resolve, reject) => {
        held.push({ commit: () => resolve([]), fail: reject });
        events.push(`batch ${held.length} sent`);
      }),
  } as unknown as Db;
  return { db, held };
}

const submission = (): Submission => ({
  id: randomUUID(), assignmentId: randomUUID(), campaignId: randomUUID(), formVersionId: randomUUID(), institutionId: randomUUID(), timeZone: 'Europe/Saratov',
  periodLabel: '2026/27', periodStart: '2026-09-01', data: { q: 1 }, counts: {}, onTime: true, at: new Date(),
});

const sent = (held: unknown[], n: number) => vi.waitFor(() => expect(held).toHaveLength(n), { timeout: 1000, interval: 5 });

describe('the submission batcher', () => {
  it('sends the next batch to the database before answering the callers of the one just committed', async () => {
    const events: string[] = [];
    const { db, held } = heldDatabase(events);
    const batcher = createBatcher(db, { maxWaitMs: 0 });
    const first = batcher.submit(submission()).then(() => events.push('first answered'));
    await sent(held, 1);
    // arrives while the first batch is in the database: it waits for the next batch
    const second = batcher.submit(submission()).then(() => events.push('second answered'));
    await new Promise((r) => setTimeout(r, 10));
    expect(held).toHaveLength(1);
    held[0].commit();
    await first;
    expect(events).toEqual(['batch 1 sent', 'batch 2 sent', 'first answered']);
    held[1].commit();
    await second;
    expect(events.at(-1)).toBe('second answered');
  });

  it('refuses a failed batch to its own callers only; the answers behind it still go', async () => {
    const events: string[] = [];
    const { db, held } = heldDatabase(events);
    const batcher = createBatcher(db, { maxWaitMs: 0 });
    const first = batcher.submit(submission());
    await sent(held, 1);
    const second = batcher.submit(submission());
    held[0].fail(new Error('check constraint violated'));
    await expect(first).rejects.toThrow('check constraint violated');
    await sent(held, 2);
    held[1].commit();
    // the stand-in returns no rows: an id that was not inserted counts as stored before
    await expect(second).resolves.toBe('exists');
  });
});
