// Reporting periods: which period a date falls in, its label, start and end. Russian school
// terms are quarters of the school year (четверти): Sep–Oct, Nov–Dec, Jan–Mar, Apr–May.
export type PeriodKind = 'month' | 'quarter' | 'half_year' | 'year' | 'school_year' | 'term' | 'season';
export type Period = { kind: PeriodKind; label: string; start: string; end: string };

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const span = (kind: PeriodKind, label: string, y1: number, m1: number, y2: number, m2: number): Period => ({ kind, label, start: iso(y1, m1, 1), end: iso(y2, m2, lastDay(y2, m2)) });

/** The period of `kind` that contains the calendar day `day` ("YYYY-MM-DD"), or the next one (season). */
export function periodOf(kind: PeriodKind, day: string): Period {
  const [y, m] = day.split('-').map(Number);
  const schoolYear = m >= 9 ? y : y - 1;
  const sy = `${schoolYear}/${String((schoolYear + 1) % 100).padStart(2, '0')}`;
  switch (kind) {
    case 'month':
      return span(kind, iso(y, m, 1).slice(0, 7), y, m, y, m);
    case 'quarter': {
      const q = Math.ceil(m / 3);
      return span(kind, `${y}-Q${q}`, y, q * 3 - 2, y, q * 3);
    }
    case 'half_year':
      return m <= 6 ? span(kind, `${y}-H1`, y, 1, y, 6) : span(kind, `${y}-H2`, y, 7, y, 12);
    case 'year':
      return span(kind, String(y), y, 1, y, 12);
    case 'school_year':
      return span(kind, sy, schoolYear, 9, schoolYear + 1, 8);
    case 'term': {
      if (m >= 9 && m <= 10) return span(kind, `${sy}-T1`, y, 9, y, 10);
      if (m >= 11) return span(kind, `${sy}-T2`, y, 11, y, 12);
      if (m <= 3) return span(kind, `${sy}-T3`, y, 1, y, 3);
      if (m <= 5) return span(kind, `${sy}-T4`, y, 4, y, 5);
      return span(kind, `${schoolYear + 1}/${String((schoolYear + 2) % 100).padStart(2, '0')}-T1`, y, 9, y, 10); // summer: the coming first term
    }
    case 'season':
      // June–August; from September on, next summer
      return m >= 9 ? span(kind, `${y + 1}-summer`, y + 1, 6, y + 1, 8) : span(kind, `${y}-summer`, y, 6, y, 8);
  }
}

/** The period that follows `p`. */
export function nextPeriod(p: Period): Period {
  const d = new Date(`${p.end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  const next = periodOf(p.kind, d.toISOString().slice(0, 10));
  return next.label === p.label ? periodOf(p.kind, `${Number(p.end.slice(0, 4)) + 1}-01-01`) : next;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
