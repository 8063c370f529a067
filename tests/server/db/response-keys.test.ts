// responses carry their campaign and form version beside the assignment; the database holds
// those copies to the assignment and to the campaign's pinned version.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignsTable, responsesTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, submitPublic } from '../../helpers/scenario.ts';
import { driver } from '../../helpers/test-db.ts';
import { pgCode } from '../../../server/shared/error-handler.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const analyst = await t.login('analyst@kalininsky.demo');
const versionId = await publishForm(t, analyst, customSurvey);
const otherVersionId = await publishForm(t, analyst, { ...customSurvey, title: 'Другая анкета' });
const dou = await t.org('kalininsky-dou1');
const launch = (formVersionId: string) => launchCampaign(t, analyst, { formVersionId, audience: 'parents', units: [dou.id] });
const first = await launch(versionId);
const second = await launch(otherVersionId);
const row = (over: Partial<typeof responsesTable.$inferInsert>) => ({
  id: randomUUID(), assignmentId: assignmentOf(first, 'kalininsky-dou1').id, campaignId: first.id, formVersionId: versionId, status: 'submitted' as const, data: { q_sat: 5 }, ...over,
});

describe(`keys of a stored response (${driver})`, () => {
  it('accepts a row that matches its assignment and the campaign\'s version', async () => {
    await expect(t.db.insert(responsesTable).values(row({}))).resolves.toBeDefined();
  });

  it('refuses a row naming another campaign than its assignment\'s', async () => {
    const error = await t.db.insert(responsesTable).values(row({ campaignId: second.id, formVersionId: otherVersionId })).catch((e) => e);
    expect(pgCode(error)).toBe('23503');
  });

  it('refuses a row with a version its campaign does not pin', async () => {
    const error = await t.db.insert(responsesTable).values(row({ formVersionId: otherVersionId })).catch((e) => e);
    expect(pgCode(error)).toBe('23503');
  });

  it('goes with its campaign when the campaign is deleted', async () => {
    const res = await submitPublic(t, assignmentOf(second, 'kalininsky-dou1').publicCode!, { q_sat: 4 });
    expect(res.statusCode).toBe(201);
    await t.db.delete(campaignsTable).where(eq(campaignsTable.id, second.id));
    expect(await t.db.select().from(responsesTable).where(eq(responsesTable.campaignId, second.id))).toEqual([]);
  });
});
