// The rules of issue 18: a share's numerator is part of its denominator, a breakdown splits the
// denominator too (or is marked as one of what is counted), a draft has no value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_DIR, loadCatalogueSet } from '../../../forms/catalogue/catalogue.files.ts';
import type { Formula } from '../../../forms/catalogue/catalogue.schemas.ts';
import { catalogueIndicators } from '../../../forms/catalogue/catalogue.stats.ts';
import { CATALOGUE_RULES, exprVariables, validateCatalogueSet, wholesOf } from '../../../forms/catalogue/catalogue.validate.ts';
import { indexValue } from '../../../forms/catalogue/formula.ts';
import { partWholePairs, partWholeViolations } from '../../../forms/generator/part-whole.ts';

const v = (id: string, extra: object = {}) => ({ id, label: id, unit: 'persons', instruments: ['self_report'], ...extra });
const dictionary = {
  dimensions: [
    { id: 'ovz_status', label: 'ОВЗ', members: [{ id: 'ovz', label: 'с ОВЗ' }, { id: 'other', label: 'прочие' }] },
    { id: 'contest_level', label: 'Уровень', appliesTo: 'numerator', members: [{ id: 'municipal', label: 'муниципальный' }, { id: 'regional', label: 'региональный' }] },
  ],
  variables: [
    v('pupils_total'),
    v('pupils_ovz_split', { dimensions: ['ovz_status'] }),
    v('pupils_club', { partOf: ['pupils_total'], dimensions: ['ovz_status', 'contest_level'] }),
    v('pupils_club_sport', { partOf: ['pupils_club'] }),
    v('pupils_in_split', { partOf: ['pupils_ovz_split'], dimensions: ['ovz_status'] }),
    v('pupils_left'),
    v('teachers_total'),
  ],
};
const indicator = (id: string, formula: object, extra: object = {}) => ({
  id, name: 'Показатель ' + id, source: 'ОО', method: 'самообследование', instrument: 'self_report', population: 'все', formula, periodicity: { kind: 'yearly' }, ...extra,
});
const catalogue = (indicators: object[]) => ({
  id: 'test', owner: 'kalininsky', title: 'Тест', document: { kind: 'приказ', title: 'Тест', issuer: 'УО' },
  directions: [{ id: 'D1', name: 'Направление', tracks: [{ id: 'T1', name: 'Трек', indicators }] }],
});
const share = (numerator: unknown, denominator: unknown, extra: object = {}) => ({ kind: 'share', numerator, denominator, factor: 100, unit: '%', ...extra });
const check = (...indicators: object[]) =>
  validateCatalogueSet([{ name: 'vars.json', data: dictionary }], [{ name: 'test.json', data: catalogue(indicators) }]).issues.map((i) => `${i.file}: ${i.entry}: ${i.message}`);

describe(`rule ${CATALOGUE_RULES.sharePart}`, () => {
  it('refuses a share whose numerator is not declared part of its denominator', () => {
    expect(check(indicator('I1', share('pupils_club', 'teachers_total')))).toEqual([
      'test.json: indicator I1: [share-part-of-denominator] numerator "pupils_club" is not declared partOf the denominator "teachers_total" (directly or through its wholes), so the share can pass 100 %',
    ]);
  });

  it('accepts a part of a part (partOf read at any depth)', () => {
    expect(check(indicator('I1', share('pupils_club_sport', 'pupils_total')))).toEqual([]);
  });

  it('reads a difference denominator by its minuend and names the whole expression', () => {
    expect(check(indicator('I1', share('pupils_club', { op: 'sub', args: ['pupils_total', 'pupils_left'] })))).toEqual([]);
    expect(check(indicator('I2', share('pupils_club', { op: 'sub', args: ['pupils_left', 'pupils_total'] })))).toEqual([
      'test.json: indicator I2: [share-part-of-denominator] numerator "pupils_club" is not declared partOf the denominator "pupils_left − pupils_total" (directly or through its wholes), so the share can pass 100 %',
    ]);
  });

  it('lets the source divide by a whole the numerator is not part of only when a [src-defect] note says why', () => {
    const outside = share('pupils_left', 'teachers_total', { partOfDenominator: false });
    expect(check(indicator('I1', outside))).toEqual([
      'test.json: indicator I1: [share-part-of-denominator] "partOfDenominator": false needs a [src-defect] note saying why the source divides by a whole the numerator is not part of',
    ]);
    expect(check(indicator('I1', outside, { notes: ['[src-defect] В документе так.'] }))).toEqual([]);
  });
});

describe(`rule ${CATALOGUE_RULES.breakdown}`, () => {
  it('refuses a breakdown of people whose denominator has no such breakdown (ОВЗ participants ÷ all pupils)', () => {
    expect(check(indicator('I1', share('pupils_club', 'pupils_total'), { disaggregation: ['ovz_status'] }))).toEqual([
      'test.json: indicator I1: [breakdown-of-denominator] breakdown by "ovz_status" over the denominator "pupils_total", which has no such breakdown (a cell would read ОВЗ participants ÷ all pupils); give "pupils_total" the dimension, or mark "ovz_status" "appliesTo": "numerator" if it classifies what is counted, not people',
    ]);
  });

  it('accepts it when the denominator carries the dimension too', () => {
    expect(check(indicator('I1', share('pupils_in_split', 'pupils_ovz_split'), { disaggregation: ['ovz_status'] }))).toEqual([]);
  });

  it('accepts a breakdown by a dimension marked as classifying what is counted, over the whole denominator', () => {
    expect(check(indicator('I1', share('pupils_club', 'pupils_total'), { disaggregation: ['contest_level'] }))).toEqual([]);
  });

  it('refuses a breakdown the counted variable itself does not have', () => {
    expect(check(indicator('I1', share('pupils_club_sport', 'pupils_total'), { disaggregation: ['contest_level'] }))).toEqual([
      'test.json: indicator I1: [breakdown-of-denominator] breakdown by "contest_level", which "pupils_club_sport" does not have',
    ]);
  });
});

describe(`rule ${CATALOGUE_RULES.draft}`, () => {
  const empty = { kind: 'index', components: [], unit: '%' };

  it('accepts a draft as an index with no components, and that index has no value', () => {
    expect(check(indicator('I1', empty, { status: 'draft' }))).toEqual([]);
    expect(indexValue(empty as Extract<Formula, { kind: 'index' }>, () => 50)).toEqual({ status: 'missing', value: null });
  });

  it('refuses a draft that would still compute a value', () => {
    expect(check(indicator('I1', share('pupils_club', 'pupils_total')), indicator('I2', { ...empty, components: [{ indicator: 'I1', weight: 1 }] }, { status: 'draft' }))).toEqual([
      'test.json: indicator I2: [draft-without-value] a draft (методика не утверждена) must yield no value: its formula is an index with no components until a municipality defines it',
    ]);
  });

  it('refuses an index with no components that is not marked draft', () => {
    expect(check(indicator('I1', empty))).toEqual([
      'test.json: indicator I1: [draft-without-value] an index with no components yields no value: mark the indicator "status": "draft"',
    ]);
  });
});

describe('the bundled catalogue after issue 18', () => {
  const set = loadCatalogueSet();
  const all = set.catalogues.flatMap((c) => catalogueIndicators(c).map((i) => ({ catalogue: c.id, i })));
  const find = (catalogue: string, id: string) => all.find((x) => x.catalogue === catalogue && x.i.id === id)!.i;
  const isPart = (part: string, whole: string) => wholesOf(part, set.dictionary.variables).has(whole);

  it('passes every rule', () => {
    expect(set.issues).toEqual([]);
  });

  it('Серов S9-08 counts only grades 6–11, so a grade-5 pupil cannot lift it above 100 %', () => {
    const formula = find('serovsky', 'S9-08').formula;
    expect(formula.kind).toBe('share');
    if (formula.kind !== 'share') return;
    expect(formula.denominator).toBe('pupils_6_11');
    const numerator = formula.numerator as string;
    expect(set.dictionary.variables.get(numerator)?.partOf).toEqual(expect.arrayContaining(['pupils_6_11', 'career_diagnostic_took']));
    expect(set.dictionary.variables.get(numerator)?.note).toContain('доля обучающихся 6-11 классов, прошедших профориентационное тестирование, диагностику');
    const pairs = partWholePairs([...set.dictionary.variables.values()]);
    expect(partWholeViolations(pairs, { [numerator]: 120, pupils_6_11: 100 }).map((p) => p.whole)).toEqual(['pupils_6_11']);
  });

  it('Серов IDX-1…IDX-5 are drafts with no value', () => {
    for (const id of ['IDX-1', 'IDX-2', 'IDX-3', 'IDX-4', 'IDX-5']) {
      const i = find('serovsky', id);
      expect(i.status, id).toBe('draft');
      expect(i.formula, id).toEqual({ kind: 'index', components: [], unit: '%' });
    }
  });

  it('gia11_profile_subjects is a declared part of every denominator it is divided by', () => {
    const denominators = all
      .filter(({ i }) => i.formula.kind === 'share' && i.formula.numerator === 'gia11_profile_subjects')
      .flatMap(({ i }) => (i.formula.kind === 'share' ? exprVariables(i.formula.denominator) : []));
    expect(new Set(denominators)).toEqual(new Set(['gia11_participants', 'graduates_11_advanced_subject', 'graduates_11']));
    for (const d of denominators) expect(isPart('gia11_profile_subjects', d), d).toBe(true);
  });

  it('every breakdown by ОВЗ status divides by a denominator broken down by ОВЗ status', () => {
    const byOvz = all.filter(({ i }) => i.formula.kind === 'share' && i.disaggregation?.includes('ovz_status'));
    expect(byOvz.length).toBeGreaterThanOrEqual(3);
    for (const { catalogue, i } of byOvz) {
      if (i.formula.kind !== 'share') continue;
      for (const d of exprVariables(i.formula.denominator)) expect(set.dictionary.variables.get(d)?.dimensions, `${catalogue}/${i.id}`).toContain('ovz_status');
    }
  });

  it('the catalogue README names every rule the checker enforces', () => {
    const readme = readFileSync(join(CATALOGUE_DIR, 'README.md'), 'utf8');
    for (const rule of Object.values(CATALOGUE_RULES)) expect(readme).toContain(rule);
  });
});
