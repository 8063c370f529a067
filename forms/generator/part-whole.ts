// "A part never exceeds its whole": the rule both the generated form (as a SurveyJS expression
// validator) and the server (on submission) apply, derived from the variables' partOf.
import type { Variable } from '../catalogue/catalogue.schemas.ts';

export type PartWhole = { part: string; whole: string; message: string };

export function partWholePairs(variables: Variable[]): PartWhole[] {
  const byId = new Map(variables.map((v) => [v.id, v]));
  return variables.flatMap((v) =>
    (v.partOf ?? [])
      .filter((w) => byId.has(w) && v.unit !== 'flag' && byId.get(w)!.unit !== 'flag')
      .map((w) => ({ part: v.id, whole: w, message: `«${v.label}» не может быть больше, чем «${byId.get(w)!.label}»` })),
  );
}

export function partWholeViolations(pairs: PartWhole[], values: Record<string, unknown>): PartWhole[] {
  return pairs.filter(({ part, whole }) => typeof values[part] === 'number' && typeof values[whole] === 'number' && (values[part] as number) > (values[whole] as number));
}
