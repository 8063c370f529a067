import { describe, expect, it } from 'vitest';
import { loadCatalogueSet } from '../../../forms/catalogue/catalogue.files.ts';
import { catalogueIndicators } from '../../../forms/catalogue/catalogue.stats.ts';
import { formulaVariables, validateCatalogueSet } from '../../../forms/catalogue/catalogue.validate.ts';

const variables = {
  variables: [
    { id: 'pupils_total', label: 'Обучающиеся', unit: 'persons', instruments: ['self_report'] },
    { id: 'pupils_club', label: 'В кружках', unit: 'persons', partOf: ['pupils_total'], instruments: ['self_report'] },
  ],
};
const indicator = (id: string, formula: object) => ({
  id, name: 'Показатель ' + id, source: 'ОО', method: 'самообследование', instrument: 'self_report', population: 'все', formula, periodicity: { kind: 'yearly' },
});
const catalogue = (indicators: object[]) => ({
  id: 'test', owner: 'kalininsky', title: 'Тест', document: { kind: 'приказ', title: 'Тест', issuer: 'УО' },
  directions: [{ id: 'D1', name: 'Направление', tracks: [{ id: 'T1', name: 'Трек', indicators }] }],
});
const share = { kind: 'share', numerator: 'pupils_club', denominator: 'pupils_total', factor: 100, unit: '%' };
const check = (vars: object, indicators: object[]) =>
  validateCatalogueSet([{ name: 'vars.json', data: vars }], [{ name: 'test.json', data: catalogue(indicators) }]).issues.map((i) => `${i.file}: ${i.entry}: ${i.message}`);

describe('catalogue validation names the bad entry', () => {
  it('accepts a correct catalogue', () => {
    expect(check(variables, [indicator('I1', share)])).toEqual([]);
  });

  it('a formula with an undefined variable fails naming the indicator and the variable', () => {
    const issues = check(variables, [indicator('I1', { ...share, denominator: 'pupils_missing' })]);
    expect(issues).toEqual(['test.json: indicator I1: formula refers to undefined variable "pupils_missing"']);
  });

  it('a duplicate indicator id fails naming it', () => {
    expect(check(variables, [indicator('I1', share), indicator('I1', share)])).toEqual(['test.json: indicator I1: duplicate indicator id']);
  });

  it('a duplicate variable id fails naming both files', () => {
    const issues = validateCatalogueSet([{ name: 'a.json', data: variables }, { name: 'b.json', data: variables }], []).issues;
    expect(issues[0]).toMatchObject({ file: 'b.json', entry: 'variable pupils_total', message: 'duplicate variable id, also in a.json' });
  });

  it('a partOf cycle fails naming the cycle', () => {
    const cyclic = { variables: [
      { id: 'a', label: 'A', unit: 'persons', partOf: ['b'], instruments: ['self_report'] },
      { id: 'b', label: 'B', unit: 'persons', partOf: ['a'], instruments: ['self_report'] },
    ] };
    expect(check(cyclic, [])).toEqual(['vars.json: variable a: partOf cycle: a → b → a']);
  });

  it('an index cycle fails naming it', () => {
    const issues = check(variables, [
      indicator('X', { kind: 'index', components: [{ indicator: 'Y', weight: 1 }], unit: 'балл' }),
      indicator('Y', { kind: 'index', components: [{ indicator: 'X', weight: 1 }], unit: 'балл' }),
    ]);
    expect(issues).toEqual(['test.json: indicator X: index cycle: X → Y → X']);
  });

  it('a schema violation names the path', () => {
    const issues = check(variables, [{ ...indicator('I1', share), formula: { kind: 'ratio' } }]);
    expect(issues[0]).toMatch(/^test\.json: \/directions\/0\/tracks\/0\/indicators\/0\/formula/);
  });
});

describe('the bundled catalogue', () => {
  const set = loadCatalogueSet();

  it('loads with no issues', () => {
    expect(set.issues).toEqual([]);
  });

  it('holds every indicator of seeds 000, 001, 002 and 004', () => {
    const counts = Object.fromEntries(set.catalogues.map((c) => [c.seed, catalogueIndicators(c).length]));
    expect(counts['000']).toBe(64);
    expect(counts['001']).toBe(87);
    expect(counts['002']).toBe(61);
    // 79 catalogue rows, plus the sub-measures and named indices kept as indicators
    expect(counts['004']).toBeGreaterThanOrEqual(79);
  });

  it('resolves every formula variable in the shared dictionary', () => {
    for (const c of set.catalogues) {
      for (const i of catalogueIndicators(c)) {
        for (const v of formulaVariables(i.formula)) expect(set.dictionary.variables.has(v), `${c.id}/${i.id}: ${v}`).toBe(true);
      }
    }
  });

  it('shares variables across municipalities (one id for the same quantity)', () => {
    const usedBy = new Map<string, Set<string>>();
    for (const c of set.catalogues) for (const i of catalogueIndicators(c)) for (const v of formulaVariables(i.formula)) {
      usedBy.set(v, (usedBy.get(v) ?? new Set()).add(c.id));
    }
    const shared = [...usedBy.values()].filter((s) => s.size > 1).length;
    expect(shared).toBeGreaterThanOrEqual(5);
  });
});
