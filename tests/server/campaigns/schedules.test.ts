import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignsTable } from '../../../drizzle/schema/index.ts';
import { openDue } from '../../../server/campaigns/schedules.service.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { publishGeneratedForm } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const analyst = await t.login('analyst@kalininsky.demo');
const version = await publishGeneratedForm(t, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-5'] });
const kalininsky = await t.org('kalininsky');
const jobs = { db: t.db, clock: t.clock };

describe('a quarterly schedule ("by the 5th of the month after the quarter")', () => {
  let scheduleId = '';
  it('is set up once and says when the next campaign opens and is due', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/schedules', headers: analyst.headers,
      payload: { formVersionId: version, title: 'Квартальный отчёт', audience: 'institution', periodKind: 'quarter', opensDaysBeforeEnd: 5, dueDaysAfterEnd: 5, dueTime: '23:59', units: [kalininsky.id], institutionKinds: ['school'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    scheduleId = res.json().id;
    expect(res.json().next).toMatchObject({ period: '2026-Q4', deadline: '2027-01-05T23:59' });
  });

  const campaigns = () => t.db.select().from(campaignsTable).where(eq(campaignsTable.scheduleId, scheduleId));

  it('opens nothing before the opening day', async () => {
    expect(await openDue(jobs)).toEqual([]);
  });

  it('opens the quarter\'s campaign by itself, with the right period and deadline, once', async () => {
    t.clock.set('2026-12-25T21:30:00Z'); // 26 December, 00:30 in Moscow
    const opened = await openDue(jobs);
    expect(opened.map((o) => o.period)).toEqual(['2026-Q4']);
    expect(await openDue(jobs)).toEqual([]);
    const [c] = await campaigns();
    expect(c).toMatchObject({ periodKind: 'quarter', periodLabel: '2026-Q4', periodStart: '2026-10-01', periodEnd: '2026-12-31', deadlineLocal: '2027-01-05T23:59', title: 'Квартальный отчёт — 2026-Q4' });
    const detail = await t.app.inject({ url: `/api/campaigns/${c.id}`, headers: analyst.headers });
    expect(detail.json().assignments).toHaveLength(3);
    // deadline at 23:59 in Saratov (UTC+4)
    expect(detail.json().assignments[0].deadlineAt).toBe('2027-01-05T19:59:00.000Z');
  });

  it('opens the next quarter when its time comes', async () => {
    t.clock.set('2027-03-27T06:00:00Z');
    expect((await openDue(jobs)).map((o) => o.period)).toEqual(['2027-Q1']);
    expect((await campaigns()).map((c) => c.deadlineLocal).sort()).toEqual(['2027-01-05T23:59', '2027-04-05T23:59']);
  });

  it('another municipality\'s analyst does not see the schedule', async () => {
    const other = await t.login('analyst@kalarsky.demo');
    const res = await t.app.inject({ url: '/api/schedules', headers: other.headers });
    expect(res.json()).toEqual([]);
  });
});
