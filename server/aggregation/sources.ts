// Which value of a variable counts when several sources gave one for the same institution and
// period: the one place the rule is written (the indicator table shows it as «источник»).
//
// 1. An import by the department wins: it is a deliberate act for a named period (data from a
//    regional system, or a correction), and a later parent answer must not push it aside.
//    Of several imports, the latest.
// 2. Else the institution's own report (самоотчёт): of several report campaigns in the period,
//    the latest submitted. A returned report has no values until it is sent again.
// 3. Else surveys and diagnostics: their counts of respondents add up across the campaigns of
//    the period (a second wave for the schools that lagged counts other parents).
// Time of writing never decides between kinds, so an answer arriving after an import changes
// nothing the import set.
export const SOURCE_KINDS = ['import', 'self_report', 'survey'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type Fact = { institutionId: string; variableId: string; periodLabel: string; periodStart: string; kind: SourceKind; value: number; updatedAt: Date | string };
export type Resolved = { institutionId: string; variableId: string; periodLabel: string; value: number; kind: SourceKind; sources: number };

const rank = (kind: SourceKind) => SOURCE_KINDS.indexOf(kind);

/**
 * One value per institution and variable: from the latest period among the facts (callers pass
 * one period, or all when they want the latest known value), then by the rule above.
 */
export function resolveFacts(facts: Fact[]): Resolved[] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    const key = `${f.institutionId}|${f.variableId}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const out: Resolved[] = [];
  for (const group of groups.values()) {
    const period = group.reduce((latest, f) => (f.periodStart > latest ? f.periodStart : latest), group[0].periodStart);
    const inPeriod = group.filter((f) => f.periodStart === period);
    const kind = inPeriod.reduce((best, f) => (rank(f.kind) < rank(best) ? f.kind : best), inPeriod[0].kind);
    const winners = inPeriod.filter((f) => f.kind === kind);
    const value =
      kind === 'survey'
        ? winners.reduce((sum, f) => sum + f.value, 0)
        : winners.reduce((latest, f) => (new Date(f.updatedAt) > new Date(latest.updatedAt) ? f : latest)).value;
    out.push({ institutionId: group[0].institutionId, variableId: group[0].variableId, periodLabel: inPeriod[0].periodLabel, value, kind, sources: winners.length });
  }
  return out;
}
