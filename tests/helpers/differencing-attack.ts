// An attacker who collects every number the app shows (tables, filtered totals, exports, the
// change against the previous period, region and municipality views) and tries to work out a
// withheld institution's numerator or denominator from them: by subtracting any two numbers
// over nested sets of institutions, and by solving all of them together as linear equations.
// The attacker assumes each total covers every institution the view names (the unit's
// institutions matching the filter), which is what a reader of the table would assume.

export type Quantity = 'numerator' | 'denominator';
/** One shown number: the sum of `quantity` over `members` (institution ids) in `period`. */
export type Observation = { period: string; quantity: Quantity | 'value'; members: string[]; value: number; view: string };
export type Truth = Map<string, Map<string, { numerator: number; denominator: number; value: number }>>; // period → institution → parts
export type Leak = { period: string; institution: string; quantity: Quantity | 'value'; recovered: number; how: string };

const EPS = 1e-6;

function pairwise(obs: Observation[], known: Map<string, number>): { institution: string; value: number; how: string }[] {
  const sets = obs.filter((o) => o.members.length > 1);
  const found: { institution: string; value: number; how: string }[] = [];
  const empty: Observation = { period: '', quantity: 'numerator', members: [], value: 0, view: '(nothing)' };
  for (const a of sets) {
    const inA = new Set(a.members);
    for (const b of [empty, ...sets]) {
      if (b === a || b.members.length >= a.members.length || !b.members.every((m) => inA.has(m))) continue;
      const inB = new Set(b.members);
      const rest = a.members.filter((m) => !inB.has(m));
      const unknown = rest.filter((m) => !known.has(m));
      if (unknown.length !== 1) continue;
      const value = a.value - b.value - rest.filter((m) => known.has(m)).reduce((s, m) => s + known.get(m)!, 0);
      found.push({ institution: unknown[0], value, how: `${a.view} − ${b.view}` });
    }
  }
  return found;
}

/** Unknowns pinned down by all equations together (Gauss–Jordan elimination). */
function solve(obs: Observation[], known: Map<string, number>): { institution: string; value: number; how: string }[] {
  const sets = obs.filter((o) => o.members.length > 1);
  const unknowns = [...new Set(sets.flatMap((o) => o.members.filter((m) => !known.has(m))))];
  const col = new Map(unknowns.map((u, i) => [u, i]));
  const rows = sets
    .map((o) => {
      const row = new Array(unknowns.length + 1).fill(0);
      for (const m of o.members) if (col.has(m)) row[col.get(m)!] += 1;
      row[unknowns.length] = o.value - o.members.filter((m) => known.has(m)).reduce((s, m) => s + known.get(m)!, 0);
      return row;
    })
    .filter((r) => r.slice(0, -1).some((c) => c !== 0));
  let lead = 0;
  const pivots: number[] = [];
  for (let c = 0; c < unknowns.length && lead < rows.length; c++) {
    let best = lead;
    for (let r = lead + 1; r < rows.length; r++) if (Math.abs(rows[r][c]) > Math.abs(rows[best][c])) best = r;
    if (Math.abs(rows[best][c]) < EPS) continue;
    [rows[lead], rows[best]] = [rows[best], rows[lead]];
    const p = rows[lead][c];
    rows[lead] = rows[lead].map((v) => v / p);
    for (let r = 0; r < rows.length; r++) {
      if (r === lead || Math.abs(rows[r][c]) < EPS) continue;
      const f = rows[r][c];
      rows[r] = rows[r].map((v, i) => v - f * rows[lead][i]);
    }
    pivots.push(c);
    lead++;
  }
  const found: { institution: string; value: number; how: string }[] = [];
  pivots.forEach((c, r) => {
    const others = rows[r].slice(0, -1).some((v, i) => i !== c && Math.abs(v) > EPS);
    if (!others) found.push({ institution: unknowns[c], value: rows[r][unknowns.length], how: `all ${sets.length} totals solved together` });
  });
  return found;
}

/**
 * Every recovery of a withheld value: `withheld` lists (period, institution) pairs the app must
 * protect; a recovery counts when it equals the truth (a wrong guess recovers nothing).
 */
export function attack(observations: Observation[], withheld: { period: string; institution: string }[], truth: Truth): Leak[] {
  const leaks: Leak[] = [];
  const isWithheld = (period: string, institution: string) => withheld.some((w) => w.period === period && w.institution === institution);
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = `${o.period}|${o.quantity}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  for (const [key, obs] of groups) {
    const [period, quantity] = key.split('|') as [string, Quantity | 'value'];
    const known = new Map(obs.filter((o) => o.members.length === 1).map((o) => [o.members[0], o.value]));
    const candidates =
      quantity === 'value'
        ? obs.filter((o) => o.members.length === 1).map((o) => ({ institution: o.members[0], value: o.value, how: o.view }))
        : [...pairwise(obs, known), ...solve(obs, known), ...[...known].map(([institution, value]) => ({ institution, value, how: 'shown' }))];
    for (const c of candidates) {
      const real = truth.get(period)?.get(c.institution)?.[quantity];
      if (isWithheld(period, c.institution) && real !== undefined && Math.abs(real - c.value) < EPS) {
        leaks.push({ period, institution: c.institution, quantity, recovered: c.value, how: c.how });
      }
    }
  }
  return leaks;
}
