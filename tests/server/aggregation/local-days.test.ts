import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { completionsDailyTable } from '../../../drizzle/schema/index.ts';
import { rowsOf } from '../../../server/db/db.client.ts';
import { countCompletion } from '../../../server/aggregation/values.write.ts';
import { localDay, localDaySql } from '../../../server/shared/time.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, submitPublic } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const admin = await t.login('admin@demo.local');
const kalarsky = await t.org('kalarsky'); // Asia/Chita, UTC+9
const kalininsky = await t.org('kalininsky'); // Europe/Saratov, UTC+4
const version = await publishForm(t, admin, customSurvey);
const campaign = await launchCampaign(t, admin, { formVersionId: version, audience: 'parents', units: [kalarsky.id, kalininsky.id], institutionKinds: ['kindergarten'] });

const timeline = async (campaignId: string) => {
  const res = await t.app.inject({ url: `/api/campaigns/${campaignId}/rates`, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().timeline as { day: string; completed: number }[];
};
const answerAt = async (instant: string, code: string) => {
  t.clock.set(instant);
  const res = await submitPublic(t, assignmentOf(campaign, code).publicCode!, { q_sat: 5 });
  expect(res.statusCode, res.body).toBe(201);
};

describe('the day of an answer is the day where the school is', () => {
  it('the rule: 23:30 UTC on 24 November is 25 November in Chita and still 24 November in Saratov, in code and in SQL alike', async () => {
    const instant = new Date('2026-11-24T23:30:00Z');
    expect(localDay(instant, 'Asia/Chita')).toBe('2026-11-25');
    expect(localDay(new Date('2026-11-24T19:30:00Z'), 'Europe/Saratov')).toBe('2026-11-24');
    expect(localDay(new Date('2026-11-24T20:30:00Z'), 'Europe/Saratov')).toBe('2026-11-25');
    for (const zone of ['Asia/Chita', 'Europe/Saratov', 'Europe/Kaliningrad', 'Asia/Kamchatka']) {
      for (const at of ['2026-11-24T14:59:00Z', '2026-11-24T15:00:00Z', '2026-11-24T19:59:00Z', '2026-11-24T20:00:00Z', '2026-11-24T23:30:00Z']) {
        const [row] = rowsOf<{ day: string }>(await t.db.execute(sql`select ${localDaySql(sql`${at}::timestamptz`, sql`${zone}`)}::text as day`));
        expect(row.day, `${at} in ${zone}`).toBe(localDay(new Date(at), zone));
      }
    }
  });

  it('a parent\'s answer at 08:30 in Chita (23:30 UTC) counts on that local day, 25.11; one at 23:30 in Saratov (19:30 UTC) on 24.11', async () => {
    await answerAt('2026-11-24T23:30:00Z', 'kalarsky-dou1');
    await answerAt('2026-11-24T19:30:00Z', 'kalininsky-dou1');
    expect(await timeline(campaign.id)).toEqual([{ day: '2026-11-24', completed: 1 }, { day: '2026-11-25', completed: 1 }]);
    // a Chita answer at 08:59 local of the 25th and a Saratov one at 00:30 local of the 25th join that day
    await answerAt('2026-11-24T23:59:00Z', 'kalarsky-dou1');
    await answerAt('2026-11-24T20:30:00Z', 'kalininsky-dou1');
    expect(await timeline(campaign.id)).toEqual([{ day: '2026-11-24', completed: 1 }, { day: '2026-11-25', completed: 3 }]);
  });

  it('a school\'s completion of its self-report counts on the school\'s local day too', async () => {
    const school = await t.org('kalarsky-sosh1');
    await countCompletion(t.db, campaign.id, new Date('2026-11-25T22:00:00Z'), school.id);
    const days = await t.db.select().from(completionsDailyTable).where(eq(completionsDailyTable.campaignId, campaign.id));
    expect(days.find((d) => d.day === '2026-11-26')).toMatchObject({ completed: 1 });
  });
});
