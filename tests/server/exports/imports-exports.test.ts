import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, like } from 'drizzle-orm';
import { importsTable, variableValuesTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, submitPublic } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const analyst = await t.login('analyst@kalininsky.demo');
const importFile = (payload: object, who = analyst) => t.app.inject({ method: 'POST', url: '/api/imports/values', headers: who.headers, payload });
const imported = () => t.db.select().from(variableValuesTable).where(like(variableValuesTable.source, 'import:%'));

describe('imports of variable values', () => {
  it('a file with bad rows imports nothing and names each bad row', async () => {
    const csv = [
      'код ОО;переменная;период;начало периода;значение',
      'kalininsky-sosh1;pupils_5_18;2025/26;01.09.2025;410',
      'kalininsky-sosh1;pupils_5_18_supplementary;2025/26;2025-09-01;много',
      'kalarsky-sosh1;pupils_5_18;2025/26;2025-09-01;300',
      'kalininsky-gym;no_such_variable;2025/26;2025-09-01;5',
      'kalininsky-sosh1;pupils_5_18;2025/26;31.02.2025;410',
    ].join('\n');
    const res = await importFile({ fileName: 'koerso.csv', format: 'csv', content: csv });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('import.invalid');
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['строка 3: значение', 'строка 6: начало периода']);
    expect(await imported()).toHaveLength(0);
    // the second pass (after the format is right) checks the codes against the caller's territory and the catalogue
    const second = await importFile({ fileName: 'koerso.csv', format: 'csv', content: csv.split('\n').filter((_, i) => i !== 2 && i !== 5).join('\n') });
    expect(second.json().error.details.map((d: { field: string; message: string }) => d.field)).toEqual(['строка 3: код ОО', 'строка 4: переменная']);
    expect(await imported()).toHaveLength(0);
  });

  it('a good XLSX file is stored with its provenance and feeds the indicator table', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Выгрузка');
    ws.addRow(['institution_code', 'variable', 'period', 'period_start', 'value']);
    ws.addRow(['kalininsky-sosh1', 'pupils_5_18', '2025/26', '2025-09-01', 400]);
    ws.addRow(['kalininsky-sosh1', 'pupils_5_18_supplementary', '2025/26', '2025-09-01', 300]);
    ws.addRow(['kalininsky-gym', 'has_school_sports_club', '2025/26', '2025-09-01', 'да']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const res = await importFile({ fileName: 'региональная выгрузка.xlsx', format: 'xlsx', content });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rows).toBe(3);
    const [record] = await t.db.select().from(importsTable).where(eq(importsTable.id, res.json().id));
    expect(record).toMatchObject({ fileName: 'региональная выгрузка.xlsx', format: 'xlsx', rows: 3 });
    const values = await imported();
    expect(values.every((v) => v.source === `import:${record.id}`)).toBe(true);
    const table = await t.app.inject({ url: '/api/indicator-table?catalogue=kalininsky&period=2025/26&indicators=TAL-1,TAL-5', headers: analyst.headers });
    const cell = (id: string, unit: string) => table.json().indicators.find((i: { id: string }) => i.id === id).cells.find((c: { unitId: string }) => c.unitId === unit);
    const kalininsky = await t.org('kalininsky');
    expect(cell('TAL-1', kalininsky.id)).toMatchObject({ numerator: 300, denominator: 400, value: 75 });
    expect(cell('TAL-5', kalininsky.id)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
  });
});

describe('exports', () => {
  const dou1 = t.org('kalininsky-dou1');
  const cdt = t.org('kalininsky-cdt');
  let campaignId = '';

  it('an XLSX export of the indicator table opens with the expected cells, the small cell withheld', async () => {
    const version = await publishForm(t, analyst, customSurvey);
    const units = [(await dou1).id, (await cdt).id];
    const campaign = await launchCampaign(t, analyst, { formVersionId: version, audience: 'parents', units, expected: { [units[0]]: 10, [units[1]]: 10 } });
    campaignId = campaign.id;
    // 6 answers in one, 3 in the other: withheld, and left out of the municipality's total
    for (const q_sat of [5, 5, 4, 4, 2, 1]) await submitPublic(t, assignmentOf(campaign, 'kalininsky-dou1').publicCode!, { q_sat, age_group: '5-7' }, randomUUID());
    for (const q_sat of [5, 3, 3]) await submitPublic(t, assignmentOf(campaign, 'kalininsky-cdt').publicCode!, { q_sat }, randomUUID());
    const admin = await t.login('admin@demo.local');
    const res = await t.app.inject({ url: `/api/exports/indicators?format=xlsx&catalogue=serovsky&period=2026/27&indicators=S11-01&unitId=${(await t.org('kalininsky')).id}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Единица', 'Код', 'Показатель', 'Период', 'Числитель', 'Знаменатель', 'Значение', 'Ед.', 'Цель', 'Зона', 'Изменение', 'Источник', 'Примечание']);
    const byUnit = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    // the total is the kindergarten's alone (4 of 6 satisfied): 9 respondents less 6 would give the centre's 3
    expect(byUnit['Калининский муниципальный район'].slice(4, 7)).toEqual([4, 6, 66.666667]);
    expect(byUnit['Калининский муниципальный район'].slice(11)).toEqual(['опрос', 'без 1 ОО с n < 5']);
    expect(byUnit[(await dou1).name].slice(4, 7)).toEqual([4, 6, 66.666667]);
    expect(byUnit[(await cdt).name][6]).toBe('n < 5');
    expect(byUnit[(await cdt).name][4]).toBeUndefined();
    expect(byUnit[(await cdt).name][12]).toBe('скрыто: n < 5');
  });

  it('a CSV export of raw responses uses labels and leaves out institutions with fewer than 5 respondents', async () => {
    const res = await t.app.inject({ url: `/api/exports/campaigns/${campaignId}/responses?format=csv`, headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Организация;Время ответа (UTC);Удовлетворены ли вы программой?;Что не так?;Возраст ребёнка;Сколько у вас детей?');
    expect(lines).toHaveLength(7); // header + the 6 answers of the kindergarten; the 3 of the centre are withheld
    expect(lines.slice(1).every((l) => l.startsWith('"МДОУ') || l.startsWith('МДОУ'))).toBe(true);
    expect(lines.some((l) => l.includes(';5-7;'))).toBe(true);
  });

  it('exports response rates, and refuses another municipality\'s campaign', async () => {
    const res = await t.app.inject({ url: `/api/exports/campaigns/${campaignId}/rates?format=csv`, headers: analyst.headers });
    expect(res.body).toContain('Отклик, %');
    expect(res.body).toMatch(/;10;\d+;6;6;60;/);
    const other = await t.login('analyst@kalarsky.demo');
    expect((await t.app.inject({ url: `/api/exports/campaigns/${campaignId}/rates?format=csv`, headers: other.headers })).statusCode).toBe(404);
  });
});
