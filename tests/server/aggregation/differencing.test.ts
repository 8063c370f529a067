// Small cells must survive differencing: an attacker collects every view the app offers on a
// seeded region (unit × kind filter × settlement filter × period, the JSON table and its CSV
// export, the change against the previous period) and tries every pair of them, and all of
// them together, to recover a value resting on fewer than 5 respondents. The truth is what the
// test's parents answered, never what the app computed.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';
import { supplementaryVarietySurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, submitPublic } from '../../helpers/scenario.ts';
import { attack, type Observation, type Truth } from '../../helpers/differencing-attack.ts';

const t = await createTestApp({ publicRateLimit: 1_000_000 }, { now: '2026-11-24T09:00:00Z' });
const admin = await t.login('admin@demo.local');
const analyst = await t.login('analyst@kalininsky.demo');
const kalininsky = await t.org('kalininsky');
const novouzensky = await t.org('novouzensky');
const saratov = await t.org('saratov');
for (const [code, name, kind] of [['kalininsky-sosh2', 'МОУ «СОШ с. Симоновка»', 'school'], ['kalininsky-dou2', 'МДОУ «Детский сад с. Казачка»', 'kindergarten']] as const) {
  const res = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: analyst.headers, payload: { parentId: kalininsky.id, code, name, kind, settlement: 'rural' } });
  expect(res.statusCode, res.body).toBe(201);
}

const PERIODS = {
  '2025/26': { kind: 'school_year', label: '2025/26', start: '2025-09-01', end: '2026-08-31' },
  '2026/27': { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' },
} as const;
type Period = keyof typeof PERIODS;
// [respondents, satisfied] per institution and period; the small ones (n < 5) sit where a filter
// or a period could single them out: the only rural kindergarten, a school shown in one year only…
const PLAN: Record<string, Record<Period, [number, number]>> = {
  'kalininsky-sosh1': { '2025/26': [12, 9], '2026/27': [9, 8] },
  'kalininsky-gym': { '2025/26': [7, 5], '2026/27': [3, 2] },
  'kalininsky-oosh': { '2025/26': [3, 2], '2026/27': [6, 3] },
  'kalininsky-sosh2': { '2025/26': [8, 6], '2026/27': [4, 1] },
  'kalininsky-dou1': { '2025/26': [6, 4], '2026/27': [2, 2] },
  'kalininsky-dou2': { '2025/26': [2, 1], '2026/27': [7, 5] },
  'kalininsky-cdt': { '2025/26': [5, 3], '2026/27': [11, 10] },
  'novouzensky-sosh1': { '2025/26': [9, 7], '2026/27': [1, 1] },
  'novouzensky-gym': { '2025/26': [4, 3], '2026/27': [10, 6] },
};

const formVersionId = await publishForm(t, admin, supplementaryVarietySurvey);
const ids = new Map<string, string>(); // code → institution id
const truth: Truth = new Map();
const withheld: { period: string; institution: string }[] = [];
for (const [label, period] of Object.entries(PERIODS)) {
  const campaign = await launchCampaign(t, admin, { formVersionId, audience: 'parents', units: [kalininsky.id, novouzensky.id], period, deadline: '2026-12-20T23:59' });
  const parts = new Map<string, { numerator: number; denominator: number; value: number }>();
  for (const [code, plan] of Object.entries(PLAN)) {
    const [n, satisfied] = plan[label as Period];
    const a = assignmentOf(campaign, code);
    ids.set(code, a.institution.id);
    for (let i = 0; i < n; i++) expect((await submitPublic(t, a.publicCode!, { q: i < satisfied ? 5 : 2 }, randomUUID())).statusCode).toBe(201);
    parts.set(a.institution.id, { numerator: satisfied, denominator: n, value: (satisfied / n) * 100 });
    if (n < 5) withheld.push({ period: label, institution: a.institution.id });
  }
  truth.set(label, parts);
}

type Org = { id: string; parentId: string | null; level: string; kind: string | null; settlement: string | null; name: string };
const orgs: Org[] = (await t.app.inject({ url: '/api/organisations', headers: admin.headers })).json();
const institutionsOf = (unitId: string, kind?: string, settlement?: string): string[] => {
  const under = (o: Org): boolean => o.id === unitId || (o.parentId !== null && under(orgs.find((p) => p.id === o.parentId)!));
  return orgs.filter((o) => o.level === 'institution' && under(o) && (!kind || o.kind === kind) && (!settlement || o.settlement === settlement)).map((o) => o.id);
};

type Cell = { unitId: string; status: string; numerator: number | null; denominator: number | null; value: number | null; change: number | null };
type View = { name: string; period: string; previous: string | null; cells: { unitId: string; members: string[]; cell: Cell }[] };

/** The table of one unit for one filter and period, as JSON and as its CSV export. */
async function views(who: typeof admin, unitId: string, period: string, kind?: string, settlement?: string): Promise<View[]> {
  const qs = new URLSearchParams({ catalogue: 'kalininsky', period, indicators: 'TAL-8', unitId, ...(kind ? { kind } : {}), ...(settlement ? { settlement } : {}) });
  const res = await t.app.inject({ url: `/api/indicator-table?${qs}`, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  const table = res.json() as { previousPeriod: string | null; units: { id: string; level: string }[]; indicators: { cells: Cell[] }[] };
  const name = `${orgs.find((o) => o.id === unitId)!.name} ${period} ${kind ?? 'все'} ${settlement ?? 'все'}`;
  const members = (id: string) => (orgs.find((o) => o.id === id)!.level === 'institution' ? (institutionsOf(unitId, kind, settlement).includes(id) ? [id] : []) : institutionsOf(id, kind, settlement));
  const json: View = { name, period, previous: table.previousPeriod, cells: table.indicators[0].cells.map((cell) => ({ unitId: cell.unitId, members: members(cell.unitId), cell })) };

  const csv = await t.app.inject({ url: `/api/exports/indicators?${qs}&format=csv`, headers: who.headers });
  expect(csv.statusCode).toBe(200);
  const [header, ...lines] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '')));
  const col = (title: string) => header.indexOf(title);
  const num = (s: string) => (s === '' ? null : Number(s.replace(',', '.')));
  const byName = new Map(table.units.map((u) => [orgs.find((o) => o.id === u.id)!.name, u.id]));
  const exported: View = {
    name: `${name} (CSV)`, period, previous: table.previousPeriod,
    cells: lines.map((l) => {
      const id = byName.get(l[col('Единица')])!;
      const value = l[col('Значение')];
      const cell: Cell = { unitId: id, status: value === 'n < 5' ? 'withheld' : value === '' ? 'missing' : 'ok', numerator: num(l[col('Числитель')]), denominator: num(l[col('Знаменатель')]), value: value === 'n < 5' ? null : num(value), change: num(l[col('Изменение')]) };
      return { unitId: id, members: members(id), cell };
    }),
  };
  return [json, exported];
}

const KINDS = [undefined, 'school', 'kindergarten', 'supplementary'];
const SETTLEMENTS = [undefined, 'urban', 'rural'];
const all: View[] = [];
for (const period of Object.keys(PERIODS)) {
  for (const kind of KINDS) {
    for (const settlement of SETTLEMENTS) {
      for (const unit of [saratov.id, novouzensky.id]) all.push(...(await views(admin, unit, period, kind, settlement)));
      for (const unit of [kalininsky.id, ...institutionsOf(kalininsky.id)]) all.push(...(await views(analyst, unit, period, kind, settlement)));
    }
  }
}

/** Every number the views show, as the attacker reads them. */
function observationsOf(list: View[]): Observation[] {
  return list.flatMap((v) =>
    v.cells.flatMap(({ members, cell }) => {
      if (!members.length) return [];
      const at = `${v.name}: ${orgs.find((o) => o.id === cell.unitId)!.name}`;
      // a cell with no data tells the attacker its institutions contributed nothing
      const shown = cell.status === 'missing' ? { numerator: 0, denominator: 0 } : cell.status === 'ok' ? cell : null;
      const out: Observation[] = [];
      if (shown) for (const quantity of ['numerator', 'denominator'] as const) out.push({ period: v.period, quantity, members, value: shown[quantity]!, view: at });
      if (cell.value !== null && cell.change !== null && v.previous) out.push({ period: v.previous, quantity: 'value', members, value: cell.value - cell.change, view: `${at} − изменение` });
      return out;
    }),
  );
}

describe('small cells survive differencing', () => {
  it('the seed has small cells for the attacker to aim at, and the views show the others as they are', () => {
    expect(withheld).toHaveLength(7);
    const shownInstitutionCells = all.flatMap((v) => v.cells.filter((c) => c.members.length === 1 && c.cell.status === 'ok').map((c) => ({ ...c, period: v.period })));
    expect(shownInstitutionCells.length).toBeGreaterThan(50);
    for (const c of shownInstitutionCells) expect([c.cell.numerator, c.cell.denominator]).toEqual([truth.get(c.period)!.get(c.members[0])!.numerator, truth.get(c.period)!.get(c.members[0])!.denominator]);
    for (const v of all) {
      for (const c of v.cells) if (c.members.length === 1 && withheld.some((w) => w.period === v.period && w.institution === c.members[0])) expect(c.cell.status, v.name).toBe('withheld');
    }
  });

  it('no pair of views, nor all of them together, recovers a withheld value', () => {
    const observations = observationsOf(all);
    expect(observations.length).toBeGreaterThan(500);
    expect(attack(observations, withheld, truth)).toEqual([]);
  });

  it('every total equals the sum of the institution cells it shows (so it holds nothing hidden)', () => {
    for (const v of all) {
      const totals = v.cells.filter((c) => c.members.length > 1 && c.cell.status === 'ok');
      for (const total of totals) {
        const inside = total.members.map((id) => truth.get(v.period)!.get(id)).filter((p) => p && p.denominator >= 5);
        expect(total.cell.denominator, v.name).toBe(inside.reduce((s, p) => s + p!.denominator, 0));
        expect(total.cell.numerator, v.name).toBe(inside.reduce((s, p) => s + p!.numerator, 0));
      }
    }
  });

  // the attacker is not toothless: on the same views computed the way the table used to
  // (totals over every institution, the smallest sibling hidden as a complement) it finds the
  // rural school of 3 by subtracting the urban schools' total from all schools' total
  it('the same attacker recovers small cells from totals that include them', () => {
    const naive: View[] = all.map((v) => {
      const children = v.cells.filter((c) => c.members.length === 1);
      const n = (members: string[]) => members.reduce((s, id) => s + (truth.get(v.period)!.get(id)?.denominator ?? 0), 0);
      const small = (members: string[]) => n(members) > 0 && n(members) < 5;
      const hidden = new Set(children.filter((c) => small(c.members)).map((c) => c.unitId));
      if (hidden.size === 1) {
        const complement = children.filter((c) => !hidden.has(c.unitId) && n(c.members) > 0).sort((a, b) => n(a.members) - n(b.members))[0];
        if (complement) hidden.add(complement.unitId);
      }
      return {
        ...v,
        cells: v.cells.map((c) => {
          const parts = c.members.map((id) => truth.get(v.period)!.get(id)).filter(Boolean);
          const sum = { numerator: parts.reduce((s, p) => s + p!.numerator, 0), denominator: parts.reduce((s, p) => s + p!.denominator, 0) };
          const status = !parts.length ? 'missing' : hidden.has(c.unitId) || small(c.members) ? 'withheld' : 'ok';
          return { ...c, cell: { ...c.cell, status, ...sum, value: null, change: null } };
        }),
      };
    });
    const leaks = attack(observationsOf(naive), withheld, truth);
    const oosh = ids.get('kalininsky-oosh')!;
    expect(leaks.some((l) => l.institution === oosh && l.period === '2025/26' && l.quantity === 'numerator' && l.recovered === 2)).toBe(true);
  });
});
