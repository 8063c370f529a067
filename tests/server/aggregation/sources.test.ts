// One variable, several sources: which value counts is the rule in server/aggregation/sources.ts
// (import, then the institution's report, then surveys added up), never the time of writing,
// and the indicator table says which source a value came from.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveFacts, type Fact } from '../../../server/aggregation/sources.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { supplementaryVarietySurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, publishGeneratedForm, submitPublic } from '../../helpers/scenario.ts';

describe('the precedence rule', () => {
  const fact = (over: Partial<Fact>): Fact => ({ institutionId: 'i', variableId: 'v', periodLabel: '2026/27', periodStart: '2026-09-01', kind: 'survey', value: 1, updatedAt: '2026-11-01T00:00:00Z', ...over });
  it('an import beats a survey written after it, and a report', () => {
    const [r] = resolveFacts([fact({ kind: 'import', value: 40, updatedAt: '2026-10-01T00:00:00Z' }), fact({ value: 3, updatedAt: '2026-11-20T00:00:00Z' }), fact({ kind: 'self_report', value: 50 })]);
    expect(r).toMatchObject({ value: 40, kind: 'import', sources: 1 });
  });
  it("surveys of one period add up; reports and imports do not (the latest counts)", () => {
    expect(resolveFacts([fact({ value: 3 }), fact({ value: 4 })])[0]).toMatchObject({ value: 7, kind: 'survey', sources: 2 });
    expect(resolveFacts([fact({ kind: 'self_report', value: 10, updatedAt: '2026-11-02T00:00:00Z' }), fact({ kind: 'self_report', value: 12 })])[0]).toMatchObject({ value: 10 });
    expect(resolveFacts([fact({ kind: 'import', value: 5 }), fact({ kind: 'import', value: 6, updatedAt: '2026-12-01T00:00:00Z' })])[0]).toMatchObject({ value: 6 });
  });
  it('without a period named, the latest period with a value counts, whatever its source', () => {
    const [r] = resolveFacts([fact({ kind: 'import', value: 40, periodLabel: '2025/26', periodStart: '2025-09-01' }), fact({ value: 3 })]);
    expect(r).toMatchObject({ value: 3, kind: 'survey' });
  });
});

const t = await createTestApp({ publicRateLimit: 1_000_000 }, { now: '2026-11-24T09:00:00Z' });
const analyst = await t.login('analyst@kalininsky.demo');
const kalininsky = await t.org('kalininsky');
const sosh1 = await t.org('kalininsky-sosh1');
const gym = await t.org('kalininsky-gym');
const cell = async (indicator: string, unitId: string) => {
  const res = await t.app.inject({ url: `/api/indicator-table?catalogue=kalininsky&period=2026/27&indicators=${indicator}`, headers: analyst.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().indicators[0].cells.find((c: { unitId: string }) => c.unitId === unitId);
};
const importCsv = async (rows: string[]) => {
  const content = ['код ОО;переменная;период;начало периода;значение', ...rows].join('\n');
  const res = await t.app.inject({ method: 'POST', url: '/api/imports/values', headers: analyst.headers, payload: { fileName: 'выгрузка.csv', format: 'csv', content } });
  expect(res.statusCode, res.body).toBe(201);
};
const answer = async (campaign: Awaited<ReturnType<typeof launchCampaign>>, code: string, ratings: number[]) => {
  for (const q of ratings) expect((await submitPublic(t, assignmentOf(campaign, code).publicCode!, { q }, randomUUID())).statusCode).toBe(201);
};

describe('the indicator table follows the rule and shows the source', () => {
  const surveyVersion = publishForm(t, analyst, supplementaryVarietySurvey);
  const wave = async () => launchCampaign(t, analyst, { formVersionId: await surveyVersion, audience: 'parents', units: [kalininsky.id], institutionKinds: ['school'] });

  it('two survey campaigns of one period add up', async () => {
    const first = await wave();
    const second = await wave();
    await answer(first, 'kalininsky-gym', [5, 5, 2, 4, 1]);
    await answer(second, 'kalininsky-gym', [5, 1, 1, 4, 5, 5]);
    // 11 respondents, 7 of them satisfied
    expect(await cell('TAL-8', gym.id)).toMatchObject({ numerator: 7, denominator: 11, sources: ['survey'] });
  });

  it('an import stays in force when parents answer after it', async () => {
    await importCsv(['kalininsky-sosh1;supplementary_variety_respondents;2026/27;2026-09-01;40', 'kalininsky-sosh1;supplementary_variety_satisfied;2026/27;2026-09-01;30']);
    const later = await wave();
    await answer(later, 'kalininsky-sosh1', [5, 5, 5, 5, 5, 1]);
    expect(await cell('TAL-8', sosh1.id)).toMatchObject({ numerator: 30, denominator: 40, value: 75, sources: ['import'] });
    // the municipality's total names both sources it adds up
    expect(await cell('TAL-8', kalininsky.id)).toMatchObject({ numerator: 37, denominator: 51, sources: ['import', 'survey'] });
  });

  it("an import wins over the institution's report sent before it", async () => {
    const version = await publishGeneratedForm(t, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1'] });
    const reports = await launchCampaign(t, analyst, { formVersionId: version, audience: 'institution', units: [kalininsky.id], institutionKinds: ['school'] });
    const school = await t.login('school@kalininsky.demo');
    const submit = (data: Record<string, number>) => t.app.inject({ method: 'POST', url: `/api/assignments/${assignmentOf(reports, 'kalininsky-sosh1').id}/submit`, headers: school.headers, payload: { data } });
    expect((await submit({ pupils_5_18: 500, pupils_5_18_supplementary: 450 })).statusCode).toBe(200);
    expect(await cell('TAL-1', sosh1.id)).toMatchObject({ numerator: 450, denominator: 500, sources: ['self_report'] });
    await importCsv(['kalininsky-sosh1;pupils_5_18_supplementary;2026/27;2026-09-01;400']);
    // the numerator from the import, the denominator from the report
    expect(await cell('TAL-1', sosh1.id)).toMatchObject({ numerator: 400, denominator: 500, value: 80, sources: ['import', 'self_report'] });
  });
});
