import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignsTable } from '../../../drizzle/schema/index.ts';
import { openDue } from '../../../server/campaigns/schedules.service.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { publishGeneratedForm } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const analyst = await t.login('analyst@kalininsky.demo');
const version = await publishGeneratedForm(t, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-5'] });
const kalininsky = await t.org('kalininsky'); // Europe/Saratov, UTC+4
const jobs = { db: t.db, clock: t.clock };

const schedule = async (title: string, extra: Record<string, unknown> = {}) => {
  const res = await t.app.inject({
    method: 'POST', url: '/api/schedules', headers: analyst.headers,
    payload: { formVersionId: version, title, audience: 'institution', periodKind: 'quarter', opensDaysBeforeEnd: 5, dueDaysAfterEnd: 5, dueTime: '23:59', units: [kalininsky.id], institutionKinds: ['school'], ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; next: { period: string } };
};
const campaignsOf = (scheduleId: string) => t.db.select().from(campaignsTable).where(eq(campaignsTable.scheduleId, scheduleId));

describe('a schedule\'s "today" is the day in its municipality, not in UTC', () => {
  it('a schedule active until 25 December opens nothing at 01:30 on 26 December in Saratov, while UTC still says the 25th', async () => {
    const ended = await schedule('Квартальный до 25.12', { activeUntil: '2026-12-25' });
    const running = await schedule('Квартальный до 26.12', { activeUntil: '2026-12-26' });
    t.clock.set('2026-12-25T21:30:00Z'); // 26.12 00:30 in Moscow (the opening), 01:30 in Saratov
    const opened = await openDue(jobs);
    expect(opened.map((o) => [o.schedule, o.period])).toEqual([[running.id, '2026-Q4']]);
    expect(await campaignsOf(ended.id)).toEqual([]);
  });

  it('set up at 01:30 on 1 January in Saratov (still 31 December in UTC), it opens the quarter just ended, which is due on the 5th', async () => {
    t.clock.set('2026-12-31T21:30:00Z');
    const late = await schedule('Квартальный с 31.12');
    expect(late.next.period).toBe('2026-Q4');
    expect((await openDue(jobs)).map((o) => o.period)).toEqual(['2026-Q4']);
    expect((await campaignsOf(late.id)).map((c) => c.deadlineLocal)).toEqual(['2027-01-05T23:59']);
  });
});
