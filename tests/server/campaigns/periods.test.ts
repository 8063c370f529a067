import { describe, expect, it } from 'vitest';
import { nextPeriod, periodOf } from '../../../server/campaigns/periods.ts';

describe('reporting periods', () => {
  it.each([
    ['month', '2027-02-14', '2027-02', '2027-02-01', '2027-02-28'],
    ['quarter', '2026-11-24', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['half_year', '2027-03-01', '2027-H1', '2027-01-01', '2027-06-30'],
    ['year', '2026-11-24', '2026', '2026-01-01', '2026-12-31'],
    ['school_year', '2027-03-01', '2026/27', '2026-09-01', '2027-08-31'],
    ['term', '2026-11-24', '2026/27-T2', '2026-11-01', '2026-12-31'],
    ['term', '2027-04-10', '2026/27-T4', '2027-04-01', '2027-05-31'],
    ['season', '2026-11-24', '2027-summer', '2027-06-01', '2027-08-31'],
    ['season', '2027-07-10', '2027-summer', '2027-06-01', '2027-08-31'],
  ] as const)('%s containing %s is %s (%s … %s)', (kind, day, label, start, end) => {
    expect(periodOf(kind, day)).toEqual({ kind, label, start, end });
  });

  it('steps to the next period, across years and the summer break', () => {
    expect(nextPeriod(periodOf('quarter', '2026-12-01')).label).toBe('2027-Q1');
    expect(nextPeriod(periodOf('term', '2027-05-01')).label).toBe('2027/28-T1');
    expect(nextPeriod(periodOf('season', '2027-07-01')).label).toBe('2028-summer');
  });
});
