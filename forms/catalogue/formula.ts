// Computing indicator values. A value is always built from a numerator and a denominator
// so that it rolls up the hierarchy as Σ numerators ÷ Σ denominators, never as a mean of
// percentages. Pure functions, shared by the server's aggregation and the tests.
import type { Expr, Formula, Indicator, InstitutionType, Target } from './catalogue.schemas.ts';

/** Shown instead of a value for an indicator whose status is draft (the source gives no method). */
export const DRAFT_TEXT = 'методика не утверждена';

/** Value of a variable for one unit and period; undefined when nobody reported it. */
export type VariableLookup = (variableId: string) => number | undefined;

export type Parts = { numerator: number; denominator: number | null };
export type IndicatorValue =
  | { status: 'ok'; numerator: number; denominator: number | null; value: number }
  | { status: 'not_applicable'; numerator: number; denominator: number; value: null } // zero denominator
  | { status: 'missing'; value: null };

function evalExpr(expr: Expr, get: VariableLookup): number | undefined {
  if (typeof expr === 'string') return get(expr);
  const values = expr.args.map(get);
  if (values.some((v) => v === undefined)) return undefined;
  const [first, ...rest] = values as number[];
  return expr.op === 'add' ? rest.reduce((a, b) => a + b, first) : rest.reduce((a, b) => a - b, first);
}

/**
 * The numerator and denominator one institution contributes for one period. For a
 * cumulative count `history` gives the variable's values in the periods since `since`.
 */
export function institutionParts(formula: Formula, get: VariableLookup, history?: (variableId: string) => number[]): Parts | undefined {
  switch (formula.kind) {
    case 'share': {
      const numerator = evalExpr(formula.numerator, get);
      const denominator = evalExpr(formula.denominator, get);
      return numerator === undefined || denominator === undefined ? undefined : { numerator, denominator };
    }
    case 'count': {
      const value = evalExpr(formula.value, get);
      return value === undefined ? undefined : { numerator: value, denominator: null };
    }
    case 'cumulative': {
      const values = history?.(formula.value) ?? [];
      const current = get(formula.value);
      if (current === undefined && values.length === 0) return undefined;
      return { numerator: values.reduce((a, b) => a + b, 0) + (current ?? 0), denominator: null };
    }
    case 'mean': {
      const sum = get(formula.sum);
      const count = get(formula.count);
      return sum === undefined || count === undefined ? undefined : { numerator: sum, denominator: count };
    }
    case 'flag': {
      // a yes/no fact: this institution counts once in the denominator, and in the numerator if yes
      const value = get(formula.value);
      return value === undefined ? undefined : { numerator: value ? 1 : 0, denominator: 1 };
    }
    case 'index':
      return undefined; // an index is computed from its components' values, not from variables
  }
}

/** Adds the parts of several institutions (or units): Σ numerators, Σ denominators. */
export function sumParts(parts: (Parts | undefined)[]): Parts | undefined {
  const present = parts.filter((p): p is Parts => p !== undefined);
  if (present.length === 0) return undefined;
  const hasDenominator = present.some((p) => p.denominator !== null);
  return {
    numerator: present.reduce((a, p) => a + p.numerator, 0),
    denominator: hasDenominator ? present.reduce((a, p) => a + (p.denominator ?? 0), 0) : null,
  };
}

export function factorOf(formula: Formula): number {
  if (formula.kind === 'share') return formula.factor;
  if (formula.kind === 'flag') return 100;
  return 1;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** The value from (summed) parts: numerator ÷ denominator × factor, or the count itself. */
export function valueOf(formula: Formula, parts: Parts | undefined): IndicatorValue {
  if (!parts) return { status: 'missing', value: null };
  if (parts.denominator === null) return { status: 'ok', ...parts, value: parts.numerator };
  if (parts.denominator === 0) return { status: 'not_applicable', numerator: parts.numerator, denominator: 0, value: null };
  return { status: 'ok', ...parts, value: round((parts.numerator / parts.denominator) * factorOf(formula)) };
}

/** An index: the weighted mean of its components' values at the same unit; missing ones are left out. */
export function indexValue(formula: Extract<Formula, { kind: 'index' }>, componentValue: (indicatorId: string) => number | null | undefined): IndicatorValue {
  let weighted = 0;
  let weights = 0;
  for (const c of formula.components) {
    const v = componentValue(c.indicator);
    if (v === null || v === undefined) continue;
    weighted += v * c.weight;
    weights += c.weight;
  }
  if (weights === 0) return { status: 'missing', value: null };
  return { status: 'ok', numerator: weighted, denominator: weights, value: round(weighted / weights) };
}

/** The target that applies to an institution of a given type (a per-type threshold wins). */
export function targetFor(target: Target | undefined, type?: InstitutionType | null): { op: Target['op']; value: number } | undefined {
  if (!target) return undefined;
  const specific = type ? target.byType?.[type] : undefined;
  return { op: target.op, value: specific ?? target.value };
}

export type Zone = 'green' | 'yellow' | 'red';

/**
 * Red/yellow/green. With explicit zones: green from `green`, yellow from `yellow` (downwards
 * when lower is better). Without them, against the target: met is green, within 10 % of it
 * yellow, else red. No target and no zones: no zone.
 */
export function zoneOf(indicator: Pick<Indicator, 'zones' | 'better' | 'target'>, value: number | null, type?: InstitutionType | null): Zone | null {
  if (value === null) return null;
  const lowerBetter = indicator.better === 'lower';
  if (indicator.zones) {
    const { green, yellow } = indicator.zones;
    if (lowerBetter) return value <= green ? 'green' : value <= yellow ? 'yellow' : 'red';
    return value >= green ? 'green' : value >= yellow ? 'yellow' : 'red';
  }
  const target = targetFor(indicator.target, type);
  if (!target) return null;
  const lower = target.op === '<=' || (target.op === '=' && lowerBetter);
  if (lower) return value <= target.value ? 'green' : value <= target.value * 1.1 ? 'yellow' : 'red';
  return value >= target.value ? 'green' : value >= target.value * 0.9 ? 'yellow' : 'red';
}
