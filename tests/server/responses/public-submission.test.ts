import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { assignmentsTable, responsesTable, variableValuesTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, submitPublic } from '../../helpers/scenario.ts';
import { open } from '../../../server/responses/public.service.ts';
import { rowsOf } from '../../../server/db/db.client.ts';
import type { Batcher } from '../../../server/responses/submission.batcher.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const analyst = await t.login('analyst@kalininsky.demo');
const versionId = await publishForm(t, analyst, customSurvey);
const dou = await t.org('kalininsky-dou1');
const campaign = await launchCampaign(t, analyst, { formVersionId: versionId, audience: 'parents', units: [dou.id], expected: { [dou.id]: 2 } });
const code = assignmentOf(campaign, 'kalininsky-dou1').publicCode!;
const stored = async () => t.db.select().from(responsesTable).where(eq(responsesTable.campaignId, campaign.id));

describe('the public survey link', () => {
  it('gives each survey assignment a short code and the analyst\'s expected count', () => {
    expect(code).toMatch(/^[a-z2-9]{7}$/);
    expect(assignmentOf(campaign, 'kalininsky-dou1').expected).toBe(2);
  });

  it('opens the form for an open campaign and answers 404 for an unknown code', async () => {
    const res = await t.app.inject({ url: `/api/public/s/${code}` });
    expect(res.json()).toMatchObject({ state: 'open', institution: dou.name, kind: 'parent_survey' });
    expect(res.json().json.pages).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/public/s/zzzzzzz' })).statusCode).toBe(404);
  });

  it('stores a response once even when the client retries with the same id', async () => {
    const id = randomUUID();
    const first = await submitPublic(t, code, { q_sat: 5, age_group: '5-7', children: 2 }, id);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await submitPublic(t, code, { q_sat: 5, age_group: '5-7', children: 2 }, id);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id, status: 'already_stored' });
    expect(await stored()).toHaveLength(1);
    const [a] = await t.db.select().from(assignmentsTable).where(eq(assignmentsTable.publicCode, code));
    expect(a.completed).toBe(1);
  });

  it('concurrent retries of one id still store it once', async () => {
    const id = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => submitPublic(t, code, { q_sat: 4 }, id)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect((await stored()).filter((r) => r.id === id)).toHaveLength(1);
  });

  it('drops the answer to a question the other answers hide', async () => {
    const id = randomUUID();
    const res = await submitPublic(t, code, { q_sat: 5, why: 'скрытый вопрос' }, id);
    expect(res.statusCode).toBe(201);
    const [row] = await t.db.select().from(responsesTable).where(eq(responsesTable.id, id));
    expect(row.data).toEqual({ q_sat: 5 });
  });

  it.each([
    ['an unknown key', { q_sat: 5, admin: true }, 'response.unknown_key'],
    ['a rating of 7 on a 1–5 scale', { q_sat: 7 }, 'response.unknown_choice'],
    ['an unknown choice', { q_sat: 4, age_group: '99' }, 'response.unknown_choice'],
    ['"30" for a number', { q_sat: 4, children: '30' }, 'response.not_a_number'],
    ['a number out of range', { q_sat: 4, children: 30 }, 'response.out_of_range'],
    ['a missing required answer', { age_group: '3-4' }, 'response.required'],
  ])('refuses %s with 422 and stores nothing', async (_label, data, errorCode) => {
    const before = (await stored()).length;
    const res = await submitPublic(t, code, data);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('response.invalid');
    expect(res.json().error.details.map((d: { code: string }) => d.code)).toContain(errorCode);
    expect((await stored()).length).toBe(before);
  });

  it('keeps no IP, user agent or email next to an anonymous answer', async () => {
    const columns = rowsOf<{ column_name: string }>(await t.db.execute(sql`select column_name from information_schema.columns where table_name = 'responses'`));
    const names = columns.map((c) => c.column_name).sort();
    expect(names).toEqual(['assignment_id', 'campaign_id', 'created_at', 'data', 'form_version_id', 'id', 'status', 'submitted_at', 'updated_at']);
    const id = randomUUID();
    await t.app.inject({ method: 'POST', url: `/api/public/s/${code}/responses`, payload: { id, data: { q_sat: 3 } }, headers: { 'user-agent': 'Android 8 TestPhone', 'x-forwarded-for': '203.0.113.7' }, remoteAddress: '203.0.113.7' });
    const dump = JSON.stringify(await t.db.select().from(responsesTable).where(eq(responsesTable.id, id)));
    expect(dump).not.toContain('203.0.113.7');
    expect(dump).not.toContain('TestPhone');
  });

  it('counts survey answers into the variables through the mapping', async () => {
    const values = await t.db.select().from(variableValuesTable).where(eq(variableValuesTable.institutionId, dou.id));
    const byId = Object.fromEntries(values.map((v) => [v.variableId, v.value]));
    // stored so far: 5, 4, 5, 3 → four respondents, three of them satisfied (4–5)
    expect(byId).toEqual({ parents_sat_dou_programmes_respondents: 4, parents_sat_dou_programmes_satisfied: 3 });
  });

  it('never reports a rate above 100 % when a school gets more answers than expected', async () => {
    const rates = await t.app.inject({ url: `/api/campaigns/${campaign.id}/rates`, headers: analyst.headers });
    expect(rates.json().total).toMatchObject({ expected: 2, completed: 2, rate: 100 });
    expect(rates.json().institutions[0]).toMatchObject({ completed: 4, rate: 100 });
  });

  it('refuses answers after the deadline with 410 and before the opening with 409', async () => {
    t.clock.set('2026-12-02T00:00:00Z');
    const late = await submitPublic(t, code, { q_sat: 5 });
    expect(late.statusCode).toBe(410);
    expect((await t.app.inject({ url: `/api/public/s/${code}` })).json()).toMatchObject({ state: 'closed', json: null });
    t.clock.set('2026-10-01T00:00:00Z');
    const early = await submitPublic(t, code, { q_sat: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('campaign.not_open');
    t.clock.set('2026-11-24T09:00:00Z');
  });

  it('another municipality\'s analyst cannot open this campaign', async () => {
    const other = await t.login('analyst@kalarsky.demo');
    expect((await t.app.inject({ url: `/api/campaigns/${campaign.id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/campaigns/${campaign.id}/rates`, headers: other.headers })).statusCode).toBe(404);
  });
});

describe('reading a link under load', () => {
  // the database as the public path sees it, counting the reads it starts
  const counted = () => {
    const reads = { n: 0 };
    const db = new Proxy(t.db, { get: (target, prop, receiver) => (prop === 'select' && reads.n++, Reflect.get(target, prop, receiver)) });
    return { reads, ctx: { db, clock: t.clock, batcher: {} as Batcher } };
  };

  it('fifty answers arriving at once on a link not yet read share one query', async () => {
    const school = await t.org('kalininsky-sosh1');
    const other = await launchCampaign(t, analyst, { formVersionId: versionId, audience: 'parents', units: [school.id] });
    const { reads, ctx } = counted();
    const forms = await Promise.all(Array.from({ length: 50 }, () => open(ctx, assignmentOf(other, 'kalininsky-sosh1').publicCode!)));
    expect(new Set(forms.map((f) => f.institution))).toEqual(new Set([school.name]));
    expect(reads.n).toBe(1);
  });

  it('does not keep an unknown code: each request asks the database again', async () => {
    const { reads, ctx } = counted();
    for (let i = 0; i < 2; i++) await expect(open(ctx, 'zzzzzz9')).rejects.toMatchObject({ code: 'link.not_found' });
    expect(reads.n).toBe(2);
  });
});

describe('one batch through several links', () => {
  it('stores each answer under its own school and counts it there', async () => {
    const codes = ['kalininsky-dou1', 'kalininsky-sosh1'];
    const schools = await Promise.all(codes.map((c) => t.org(c)));
    const two = await launchCampaign(t, analyst, { formVersionId: versionId, audience: 'parents', units: schools.map((s) => s.id) });
    // sent together, the answers of both links reach the batcher within its wait and share a statement
    const plan = [[codes[0], 5], [codes[1], 1], [codes[0], 4], [codes[1], 2], [codes[1], 5]] as const;
    const sent = plan.map(([school, q_sat]) => ({ school, id: randomUUID(), q_sat }));
    const results = await Promise.all(sent.map((s) => submitPublic(t, assignmentOf(two, s.school).publicCode!, { q_sat: s.q_sat }, s.id)));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);

    const rows = await t.db.select().from(responsesTable).where(eq(responsesTable.campaignId, two.id));
    const schoolOf = new Map(two.assignments.map((a) => [a.id, a.institution.id]));
    expect(new Map(rows.map((r) => [r.id, schoolOf.get(r.assignmentId)]))).toEqual(new Map(sent.map((s) => [s.id, schools[codes.indexOf(s.school)].id])));
    expect(new Set(rows.map((r) => r.formVersionId))).toEqual(new Set([versionId]));

    const completed = await t.db.select().from(assignmentsTable).where(eq(assignmentsTable.campaignId, two.id));
    expect(Object.fromEntries(completed.map((a) => [a.institutionId, a.completed]))).toEqual({ [schools[0].id]: 2, [schools[1].id]: 3 });
    const totals = await t.db.select().from(variableValuesTable).where(eq(variableValuesTable.campaignId, two.id));
    const byKey = Object.fromEntries(totals.map((v) => [`${codes[schools.findIndex((s) => s.id === v.institutionId)]} ${v.variableId}`, v.value]));
    expect(byKey).toEqual({
      'kalininsky-dou1 parents_sat_dou_programmes_respondents': 2, 'kalininsky-dou1 parents_sat_dou_programmes_satisfied': 2,
      'kalininsky-sosh1 parents_sat_dou_programmes_respondents': 3, 'kalininsky-sosh1 parents_sat_dou_programmes_satisfied': 1,
    });
  });
});
