// Small-cell protection: the one place the rule is written.
//
// 1. An institution's survey-based value resting on fewer than 5 respondents (0 < n < 5) is
//    withheld ("n < 5"). n is the indicator's denominator, or its count when it has none.
// 2. A withheld institution contributes to nothing. Every other number the app shows for that
//    indicator and period — a municipality's or a region's total, a total filtered by kind or
//    settlement, an index built on the indicator, the change against a previous period, an
//    export — is summed over the institutions whose own cell is shown. So every published
//    number is a function of cells that are themselves published, and no combination of views
//    (the unfiltered total minus a filtered one, two periods, region against municipality, two
//    indicators over one denominator) can isolate a withheld school: its numbers are in none
//    of them. Complementary suppression (hiding a sibling) is not needed and not done.
// 3. A total whose every contributing institution is withheld is itself withheld; the table
//    says how many institutions a total leaves out, so the analyst knows it is partial.
// 4. A change is shown only when the cell is shown in both periods.
//
// What stays visible by design: how many answers each school sent (response rates are how
// the department chases late schools), so the count of respondents behind a withheld cell is
// not secret — what they answered is. Raw answers are exported only for institutions with at
// least 5 completed answers (exports.service.ts).
import type { Parts } from '../../forms/catalogue/formula.ts';

export const MIN_RESPONDENTS = 5;
export const SMALL_CELL_REASON = `n < ${MIN_RESPONDENTS}`;

/** The respondents a survey-based value rests on. */
export const respondentsOf = (parts: Parts) => parts.denominator ?? parts.numerator;

/** True for a value that must not be shown (rule 1). */
export const isSmall = (n: number | null | undefined) => n != null && n > 0 && n < MIN_RESPONDENTS;

/**
 * The institutions' parts that may enter a total (rule 2): all of them for a value not resting
 * on respondents, else those not withheld. `leftOut` counts the withheld ones.
 */
export function publishable<T extends { parts: Parts }>(contributions: T[], surveyBased: boolean): { included: T[]; leftOut: number } {
  if (!surveyBased) return { included: contributions, leftOut: 0 };
  const included = contributions.filter((c) => !isSmall(respondentsOf(c.parts)));
  return { included, leftOut: contributions.length - included.length };
}
