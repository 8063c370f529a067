import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';
import { launchCampaign, publishGeneratedForm } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const admin = await t.login('admin@demo.local');
const kalininsky = await t.org('kalininsky');
const kalarsky = await t.org('kalarsky');

const importCsv = async (rows: string[]) => {
  const content = ['код ОО;переменная;период;начало периода;значение', ...rows].join('\n');
  const res = await t.app.inject({ method: 'POST', url: '/api/imports/values', headers: admin.headers, payload: { fileName: 'выгрузка.csv', format: 'csv', content } });
  expect(res.statusCode, res.body).toBe(201);
};
const talOne = (code: string, period: string, start: string, all: number, supplementary: number) => [
  `${code};pupils_5_18;${period};${start};${all}`,
  `${code};pupils_5_18_supplementary;${period};${start};${supplementary}`,
];
// Каларский МО reported for 2024/25 and 2026/27, Калининский МР for 2025/26 and 2026/27
await importCsv([
  ...talOne('kalarsky-sosh1', '2024/25', '2024-09-01', 400, 300),
  ...talOne('kalarsky-sosh1', '2026/27', '2026-09-01', 400, 320),
  ...talOne('kalininsky-sosh1', '2025/26', '2025-09-01', 500, 250),
  ...talOne('kalininsky-sosh1', '2026/27', '2026-09-01', 500, 300),
]);

const table = async (unitId: string, period: string) => {
  const res = await t.app.inject({ url: `/api/indicator-table?catalogue=kalininsky&period=${period}&indicators=TAL-1&unitId=${unitId}`, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return { previousPeriod: body.previousPeriod, cell: body.indicators[0].cells.find((c: { unitId: string }) => c.unitId === unitId) };
};

describe('the comparison period is the viewed unit\'s own', () => {
  it('Калининский МР\'s 2026/27 compares with its 2025/26', async () => {
    expect(await table(kalininsky.id, '2026/27')).toMatchObject({ previousPeriod: '2025/26', cell: { value: 60, change: 10 } });
  });

  it('Каларский МО\'s 2026/27 compares with its own 2024/25, not with Калининский\'s 2025/26', async () => {
    expect(await table(kalarsky.id, '2026/27')).toMatchObject({ previousPeriod: '2024/25', cell: { value: 80, change: 5 } });
  });

  it('Калининский МР\'s first period has nothing to compare with, whatever Каларский МО had before', async () => {
    expect(await table(kalininsky.id, '2025/26')).toMatchObject({ previousPeriod: null, cell: { value: 50, change: null } });
  });
});

describe('response rates by municipality', () => {
  it('two districts of the same name in different regions are two rows', async () => {
    const perm = await t.org('perm');
    const namesake = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: admin.headers, payload: { parentId: perm.id, code: 'kalininsky-twin', name: kalininsky.name, timeZone: 'Asia/Yekaterinburg' } });
    expect(namesake.statusCode, namesake.body).toBe(201);
    const school = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: admin.headers, payload: { parentId: namesake.json().id, code: 'kalininsky-twin-sosh', name: 'МОУ «СОШ № 1»', kind: 'school', type: 'sosh', settlement: 'rural' } });
    expect(school.statusCode, school.body).toBe(201);
    const version = await publishGeneratedForm(t, admin, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-5'] });
    const campaign = await launchCampaign(t, admin, { formVersionId: version, audience: 'institution', units: [kalininsky.id, namesake.json().id], institutionKinds: ['school'] });

    const res = await t.app.inject({ url: `/api/campaigns/${campaign.id}/rates`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().municipalities as { id: string; name: string; institutions: number; expected: number }[];
    expect(rows.map((m) => [m.id, m.name, m.institutions]).sort()).toEqual([[kalininsky.id, kalininsky.name, 3], [namesake.json().id, kalininsky.name, 1]].sort());
    expect(res.json().total).toMatchObject({ institutions: 4 });
  });
});
