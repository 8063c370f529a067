import { describe, expect, it } from 'vitest';
import type { Formula, Indicator } from '../../../forms/catalogue/catalogue.schemas.ts';
import { indexValue, institutionParts, sumParts, targetFor, valueOf, zoneOf } from '../../../forms/catalogue/formula.ts';

const lookup = (values: Record<string, number>) => (id: string) => values[id];
const rollUp = (formula: Formula, schools: Record<string, number>[]) => valueOf(formula, sumParts(schools.map((s) => institutionParts(formula, lookup(s)))));

describe('formula kinds on hand-made examples', () => {
  it('a share is Σ numerators ÷ Σ denominators × 100, not the mean of percentages', () => {
    const share: Formula = { kind: 'share', numerator: 'pupils_5_18_supplementary', denominator: 'pupils_5_18', factor: 100, unit: '%' };
    // a big school at 90 % (900/1000) and a small one at 10 % (1/10): mean of % would be 50
    const value = rollUp(share, [
      { pupils_5_18_supplementary: 900, pupils_5_18: 1000 },
      { pupils_5_18_supplementary: 1, pupils_5_18: 10 },
    ]);
    expect(value).toEqual({ status: 'ok', numerator: 901, denominator: 1010, value: 89.207921 });
  });

  it('a zero denominator is "not applicable", not 0 and not an error', () => {
    const share: Formula = { kind: 'share', numerator: 'a', denominator: 'b', factor: 100, unit: '%' };
    expect(rollUp(share, [{ a: 0, b: 0 }])).toMatchObject({ status: 'not_applicable', value: null });
  });

  it('a count adds up', () => {
    expect(rollUp({ kind: 'count', value: 'clubs', unit: 'ед.' }, [{ clubs: 3 }, { clubs: 4 }, {}])).toMatchObject({ value: 7 });
  });

  it('a cumulative count adds the past periods since the start year to the current one', () => {
    const formula: Formula = { kind: 'cumulative', value: 'winners', since: 2020, unit: 'чел.' };
    const parts = institutionParts(formula, lookup({ winners: 5 }), () => [2, 3, 4]);
    expect(valueOf(formula, parts)).toMatchObject({ value: 14 });
  });

  it('a mean is Σ marks ÷ Σ number of marks', () => {
    const mean: Formula = { kind: 'mean', sum: 'marks_sum', count: 'marks_count', scale: { min: 1, max: 5 }, unit: 'балл' };
    // 100 marks averaging 4.0 and 10 marks averaging 3.0 → 430 / 110
    expect(rollUp(mean, [{ marks_sum: 400, marks_count: 100 }, { marks_sum: 30, marks_count: 10 }])).toMatchObject({ value: 3.909091 });
  });

  it('a yes/no fact rolls up as the share of institutions with yes', () => {
    const flag: Formula = { kind: 'flag', value: 'has_school_sports_club' };
    expect(rollUp(flag, [{ has_school_sports_club: 1 }, { has_school_sports_club: 0 }, { has_school_sports_club: 1 }, {}])).toEqual({
      status: 'ok', numerator: 2, denominator: 3, value: 66.666667,
    });
  });

  it('an expression: grade-9 graduates admitted to colleges ÷ (graduates − those who went on to grade 10)', () => {
    const share: Formula = { kind: 'share', numerator: 'admitted_spo', denominator: { op: 'sub', args: ['graduates_9', 'pupils_10_enrolled'] }, factor: 100, unit: '%' };
    expect(rollUp(share, [{ admitted_spo: 12, graduates_9: 50, pupils_10_enrolled: 30 }])).toMatchObject({ numerator: 12, denominator: 20, value: 60 });
  });

  it('an index is the weighted mean of its components and skips missing ones', () => {
    const index = { kind: 'index' as const, components: [{ indicator: 'A', weight: 2 }, { indicator: 'B', weight: 1 }, { indicator: 'C', weight: 5 }], unit: 'балл' };
    const values: Record<string, number | null> = { A: 80, B: 50, C: null };
    expect(indexValue(index, (id) => values[id])).toMatchObject({ status: 'ok', value: 70 });
  });
});

describe('targets and zones', () => {
  const passRate: Pick<Indicator, 'target' | 'better' | 'zones'> = {
    target: { op: '>=', value: 75, byType: { nosh: 85, oosh: 65, sosh: 75, gymnasium: 90 }, text: 'НОШ ≥ 85 %; ООШ ≥ 65 %; СОШ ≥ 75 %; гимназия ≥ 90 %' },
  };

  it('a threshold that differs by institution kind picks the right one', () => {
    expect(targetFor(passRate.target, 'gymnasium')?.value).toBe(90);
    expect(targetFor(passRate.target, 'nosh')?.value).toBe(85);
    expect(targetFor(passRate.target, 'lyceum')?.value).toBe(75);
    // 87 % meets a primary school's 85 % but not a gymnasium's 90 %
    expect(zoneOf(passRate, 87, 'nosh')).toBe('green');
    expect(zoneOf(passRate, 87, 'gymnasium')).toBe('yellow');
    expect(zoneOf(passRate, 70, 'gymnasium')).toBe('red');
  });

  it('explicit zones read downwards when lower is better', () => {
    const offences = { better: 'lower' as const, zones: { green: 1, yellow: 3 } };
    expect([0.5, 2, 4].map((v) => zoneOf(offences, v))).toEqual(['green', 'yellow', 'red']);
  });
});
