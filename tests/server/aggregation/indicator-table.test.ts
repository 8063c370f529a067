import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, publishGeneratedForm, submitPublic } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const analyst = await t.login('analyst@kalininsky.demo');
const kalininsky = await t.org('kalininsky');

// two schools of very different sizes fill the self-report for TAL-1 (share of 5–18 in supplementary education)
const reportVersion = await publishGeneratedForm(t, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1'] });
const reports = await launchCampaign(t, analyst, { formVersionId: reportVersion, audience: 'institution', units: [kalininsky.id], institutionKinds: ['school'] });
for (const [code, email, data] of [
  ['kalininsky-sosh1', 'school@kalininsky.demo', { pupils_5_18: 1000, pupils_5_18_supplementary: 900 }],
  ['kalininsky-oosh', 'oosh@kalininsky.demo', { pupils_5_18: 10, pupils_5_18_supplementary: 1 }],
] as const) {
  const a = assignmentOf(reports, code);
  if (email !== 'school@kalininsky.demo') {
    await t.app.inject({ method: 'POST', url: '/api/users', headers: analyst.headers, payload: { email, name: 'Координатор', password: 'long-enough-1', role: 'coordinator', organisationId: a.institution.id } });
  }
  const who = await t.login(email, email === 'school@kalininsky.demo' ? undefined : 'long-enough-1');
  const res = await t.app.inject({ method: 'POST', url: `/api/assignments/${a.id}/submit`, headers: who.headers, payload: { data } });
  expect(res.statusCode, res.body).toBe(200);
}

// parents of three kindergartens answer the satisfaction survey: 4, 6 and 7 respondents
const docs = await Promise.all(['kalininsky-dou1', 'kalininsky-dou2', 'kalininsky-dou3'].map(async (code, i) => {
  if (i === 0) return t.org(code);
  const res = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: analyst.headers, payload: { parentId: kalininsky.id, code, name: `МДОУ «Детский сад № ${i + 1}»`, kind: 'kindergarten', settlement: 'rural' } });
  return res.json();
}));
const surveyVersion = await publishForm(t, analyst, customSurvey);
const survey = await launchCampaign(t, analyst, { formVersionId: surveyVersion, audience: 'parents', units: docs.map((d) => d.id) });
const answers: Record<string, number[]> = { 'kalininsky-dou1': [5, 5, 4, 1], 'kalininsky-dou2': [5, 4, 3, 2, 5, 5], 'kalininsky-dou3': [1, 2, 3, 4, 5, 5, 5] };
for (const [code, ratings] of Object.entries(answers)) {
  for (const q_sat of ratings) expect((await submitPublic(t, assignmentOf(survey, code).publicCode!, { q_sat }, randomUUID())).statusCode).toBe(201);
}

const admin = await t.login('admin@demo.local');
const table = async (query: string, who = analyst) => {
  const res = await t.app.inject({ url: `/api/indicator-table?catalogue=${query}`, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const cellOf = (tbl: { units: { id: string; name: string }[]; indicators: { id: string; cells: { unitId: string }[] }[] }, indicator: string, unitId: string) =>
  tbl.indicators.find((i) => i.id === indicator)!.cells.find((c) => c.unitId === unitId) as Record<string, unknown>;

describe('indicator values', () => {
  it('a municipality\'s value is Σ numerators ÷ Σ denominators, not the mean of school percentages', async () => {
    const tbl = await table('kalininsky&period=2026/27&indicators=TAL-1');
    expect(cellOf(tbl, 'TAL-1', kalininsky.id)).toMatchObject({ numerator: 901, denominator: 1010, value: 89.207921 });
    const big = await t.org('kalininsky-sosh1');
    const small = await t.org('kalininsky-oosh');
    expect(cellOf(tbl, 'TAL-1', big.id)).toMatchObject({ value: 90 });
    expect(cellOf(tbl, 'TAL-1', small.id)).toMatchObject({ value: 10 });
    // a school that did not report shows no value rather than zero
    expect(cellOf(tbl, 'TAL-1', (await t.org('kalininsky-gym')).id)).toMatchObject({ status: 'missing', value: null });
  });

  it('zones the value against the catalogue\'s target (≥ 80 % by 2030)', async () => {
    const tbl = await table('kalininsky&period=2026/27&indicators=TAL-1');
    expect(cellOf(tbl, 'TAL-1', kalininsky.id)).toMatchObject({ target: 80, zone: 'green' });
    expect(cellOf(tbl, 'TAL-1', (await t.org('kalininsky-oosh')).id)).toMatchObject({ zone: 'red' });
  });

  it('filters by settlement: rural schools only', async () => {
    const tbl = await table('kalininsky&period=2026/27&indicators=TAL-1&settlement=rural&kind=school');
    expect(cellOf(tbl, 'TAL-1', kalininsky.id)).toMatchObject({ numerator: 1, denominator: 10, value: 10 });
  });

  // the shared dictionary lets Серовский ГО's preschool indicator be read over Калининский МР's answers
  it('a survey\'s satisfied share follows the mapping\'s rule (4–5 of 5)', async () => {
    const tbl = await table('serovsky&period=2026/27&indicators=S11-01&unitId=' + kalininsky.id, admin);
    // respondents of the two kindergartens shown: 6 + 7 = 13, satisfied (4 or 5): 4 + 4 = 8
    expect(cellOf(tbl, 'S11-01', kalininsky.id)).toMatchObject({ numerator: 8, denominator: 13, value: 61.538462 });
    expect(cellOf(tbl, 'S11-01', docs[2].id)).toMatchObject({ numerator: 4, denominator: 7, status: 'ok' });
  });

  it('withholds a cell of 4 respondents and leaves it out of the total, so that no subtraction gives it', async () => {
    const tbl = await table('serovsky&period=2026/27&indicators=S11-01&unitId=' + kalininsky.id, admin);
    expect(cellOf(tbl, 'S11-01', docs[0].id)).toMatchObject({ status: 'withheld', reason: 'n < 5', value: null, numerator: null, denominator: null });
    expect(cellOf(tbl, 'S11-01', docs[1].id)).toMatchObject({ status: 'ok', numerator: 4, denominator: 6 });
    expect(cellOf(tbl, 'S11-01', docs[2].id)).toMatchObject({ status: 'ok', numerator: 4, denominator: 7 });
    // total − shown children = 0: the withheld kindergarten is in no number on the page
    expect(cellOf(tbl, 'S11-01', kalininsky.id)).toMatchObject({ numerator: 8, denominator: 13, leftOut: 1, sources: ['survey'] });
  });

  it('a school coordinator sees only the own school, and another municipality\'s unit is refused', async () => {
    const school = await t.login('school@kalininsky.demo');
    const own = await t.app.inject({ url: '/api/indicator-table?catalogue=kalininsky&period=2026/27&indicators=TAL-1', headers: school.headers });
    expect(own.json().units).toHaveLength(1);
    const other = await t.org('kalarsky');
    const refused = await t.app.inject({ url: `/api/indicator-table?catalogue=kalininsky&period=2026/27&unitId=${other.id}`, headers: analyst.headers });
    expect(refused.statusCode).toBe(404);
  });
});

describe('draft indicators (методика не утверждена)', () => {
  it("are listed as drafts and publish no value in any unit, even where their parts have values", async () => {
    const res = await t.app.inject({ url: '/api/indicator-table?catalogue=serovsky&period=2026/27', headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const drafts = res.json().indicators.filter((i: { draft: boolean }) => i.draft);
    expect(drafts.map((i: { id: string }) => i.id).sort()).toEqual(['IDX-1', 'IDX-2', 'IDX-3', 'IDX-4', 'IDX-5']);
    for (const d of drafts) expect(d.cells.every((c: { value: number | null; status: string }) => c.value === null && c.status === 'missing')).toBe(true);
    expect(res.json().indicators.filter((i: { draft: boolean; id: string }) => !i.draft && i.id.startsWith('IDX'))).toEqual([]);
  });
});
