// Checks a set of parsed catalogue files as a whole: every file against its schema, then the
// references between them (unique ids, defined variables, no cycles). Pure: the caller reads
// the files, so the server, the checker script and the tests share this one rule set.
import { Compile } from 'typebox/compile';
import {
  Catalogue,
  VariableFile,
  type Dimension,
  type Expr,
  type Formula,
  type Indicator,
  type Variable,
} from './catalogue.schemas.ts';

export type SourceFile = { name: string; data: unknown };
export type CatalogueIssue = { file: string; entry: string; message: string };
export type Dictionary = { variables: Map<string, Variable>; dimensions: Map<string, Dimension> };
export type CatalogueSet = { dictionary: Dictionary; catalogues: Catalogue[]; issues: CatalogueIssue[] };

/** The rules beyond the schema and references that the checker enforces, by name (the README lists them). */
export const CATALOGUE_RULES = {
  sharePart: 'share-part-of-denominator',
  breakdown: 'breakdown-of-denominator',
  draft: 'draft-without-value',
} as const;
const ruled = (rule: string, message: string) => `[${rule}] ${message}`;

const catalogueCheck = Compile(Catalogue);
const variableFileCheck = Compile(VariableFile);

function schemaIssues(file: string, check: typeof catalogueCheck | typeof variableFileCheck, data: unknown) {
  return [...check.Errors(data)].slice(0, 20).map((e) => ({
    file,
    entry: e.instancePath || '/',
    message: e.message,
  }));
}

export function exprVariables(expr: Expr): string[] {
  return typeof expr === 'string' ? [expr] : expr.args;
}

export function formulaVariables(formula: Formula): string[] {
  switch (formula.kind) {
    case 'share':
      return [...exprVariables(formula.numerator), ...exprVariables(formula.denominator)];
    case 'count':
      return exprVariables(formula.value);
    case 'cumulative':
    case 'flag':
      return [formula.value];
    case 'mean':
      return [formula.sum, formula.count];
    case 'index':
      return [];
  }
}

/** Finds one cycle in a directed graph given as adjacency lists; returns its path or null. */
export function findCycle(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

function buildDictionary(files: SourceFile[], issues: CatalogueIssue[]): Dictionary {
  const variables = new Map<string, Variable>();
  const dimensions = new Map<string, Dimension>();
  const origin = new Map<string, string>();
  for (const { name, data } of files) {
    if (!variableFileCheck.Check(data)) {
      issues.push(...schemaIssues(name, variableFileCheck, data));
      continue;
    }
    for (const d of data.dimensions ?? []) {
      if (dimensions.has(d.id)) {
        issues.push({ file: name, entry: `dimension ${d.id}`, message: `duplicate dimension id, also in ${origin.get('d:' + d.id)}` });
      }
      dimensions.set(d.id, d);
      origin.set('d:' + d.id, name);
    }
    for (const v of data.variables) {
      if (variables.has(v.id)) {
        issues.push({ file: name, entry: `variable ${v.id}`, message: `duplicate variable id, also in ${origin.get('v:' + v.id)}` });
      }
      variables.set(v.id, v);
      origin.set('v:' + v.id, name);
    }
  }
  for (const v of variables.values()) {
    const file = origin.get('v:' + v.id)!;
    for (const whole of v.partOf ?? []) {
      if (!variables.has(whole)) issues.push({ file, entry: `variable ${v.id}`, message: `partOf refers to undefined variable "${whole}"` });
    }
    for (const dim of v.dimensions ?? []) {
      if (!dimensions.has(dim)) issues.push({ file, entry: `variable ${v.id}`, message: `undefined dimension "${dim}"` });
    }
  }
  const cycle = findCycle(new Map([...variables.values()].map((v) => [v.id, v.partOf ?? []])));
  if (cycle) {
    issues.push({ file: origin.get('v:' + cycle[0])!, entry: `variable ${cycle[0]}`, message: `partOf cycle: ${cycle.join(' → ')}` });
  }
  return { variables, dimensions };
}

/** Every variable `id` is part of, through partOf at any depth. */
export function wholesOf(id: string, variables: Map<string, Variable>, seen = new Set<string>()): Set<string> {
  for (const whole of variables.get(id)?.partOf ?? []) {
    if (seen.has(whole)) continue;
    seen.add(whole);
    wholesOf(whole, variables, seen);
  }
  return seen;
}

// The terms a part/whole relation is read on: a variable, each term of a sum, the minuend of a
// difference. Every numerator term must be part of some denominator term.
const terms = (expr: Expr) => (typeof expr === 'string' ? [expr] : expr.op === 'add' ? expr.args : expr.args.slice(0, 1));
const exprText = (expr: Expr) => (typeof expr === 'string' ? expr : expr.args.join(expr.op === 'add' ? ' + ' : ' − '));

function sharePartIssues(indicator: Indicator, dictionary: Dictionary): string[] {
  const f = indicator.formula;
  if (f.kind !== 'share') return [];
  if (f.partOfDenominator === false) {
    const explained = (indicator.notes ?? []).some((n) => n.startsWith('[src-defect]'));
    return explained ? [] : [ruled(CATALOGUE_RULES.sharePart, '"partOfDenominator": false needs a [src-defect] note saying why the source divides by a whole the numerator is not part of')];
  }
  const wholes = terms(f.denominator);
  // an undefined variable is reported on its own; there is no part/whole to judge
  if (![...wholes, ...terms(f.numerator)].every((id) => dictionary.variables.has(id))) return [];
  return terms(f.numerator)
    .filter((part) => !wholes.some((w) => w === part || wholesOf(part, dictionary.variables).has(w)))
    .map((part) =>
      ruled(
        CATALOGUE_RULES.sharePart,
        `numerator "${part}" is not declared partOf the denominator "${exprText(f.denominator)}" (directly or through its wholes), so the share can pass 100 %`,
      ),
    );
}

// The variables on each side of a formula that a breakdown splits: the counted side and the whole.
function formulaSides(formula: Formula): { counted: string[]; whole: string[] } {
  switch (formula.kind) {
    case 'share':
      return { counted: exprVariables(formula.numerator), whole: exprVariables(formula.denominator) };
    case 'mean':
      return { counted: [formula.sum], whole: [formula.count] };
    default:
      return { counted: formulaVariables(formula), whole: [] };
  }
}

function breakdownIssues(indicator: Indicator, dictionary: Dictionary): string[] {
  const found: string[] = [];
  const { counted, whole } = formulaSides(indicator.formula);
  for (const dim of indicator.disaggregation ?? []) {
    const dimension = dictionary.dimensions.get(dim);
    if (!dimension) continue;
    const carries = (v: string) => !dictionary.variables.has(v) || (dictionary.variables.get(v)!.dimensions ?? []).includes(dim);
    for (const v of counted.filter((v) => !carries(v))) {
      found.push(ruled(CATALOGUE_RULES.breakdown, `breakdown by "${dim}", which "${v}" does not have`));
    }
    if (dimension.appliesTo === 'numerator') continue;
    for (const v of whole.filter((v) => !carries(v))) {
      found.push(
        ruled(
          CATALOGUE_RULES.breakdown,
          `breakdown by "${dim}" over the denominator "${v}", which has no such breakdown (a cell would read ОВЗ participants ÷ all pupils); give "${v}" the dimension, or mark "${dim}" "appliesTo": "numerator" if it classifies what is counted, not people`,
        ),
      );
    }
  }
  return found;
}

function draftIssues(indicator: Indicator): string[] {
  const f = indicator.formula;
  const valueless = f.kind === 'index' && f.components.length === 0;
  if (indicator.status === 'draft' && !valueless) {
    return [ruled(CATALOGUE_RULES.draft, 'a draft (методика не утверждена) must yield no value: its formula is an index with no components until a municipality defines it')];
  }
  if (indicator.status !== 'draft' && valueless) {
    return [ruled(CATALOGUE_RULES.draft, 'an index with no components yields no value: mark the indicator "status": "draft"')];
  }
  return [];
}

function indicatorIssues(indicator: Indicator, dictionary: Dictionary, localIds: Set<string>): string[] {
  const found: string[] = [...sharePartIssues(indicator, dictionary), ...breakdownIssues(indicator, dictionary), ...draftIssues(indicator)];
  for (const id of formulaVariables(indicator.formula)) {
    const variable = dictionary.variables.get(id);
    if (!variable) found.push(`formula refers to undefined variable "${id}"`);
    else if (indicator.formula.kind === 'flag' && variable.unit !== 'flag') found.push(`flag formula over "${id}", whose unit is ${variable.unit}, not flag`);
  }
  if (indicator.formula.kind === 'index') {
    for (const c of indicator.formula.components) {
      if (!localIds.has(c.indicator)) found.push(`index component "${c.indicator}" is not an indicator of this catalogue`);
    }
  }
  for (const dim of indicator.disaggregation ?? []) {
    if (!dictionary.dimensions.has(dim)) found.push(`undefined dimension "${dim}"`);
  }
  return found;
}

function checkCatalogue(file: string, catalogue: Catalogue, dictionary: Dictionary, issues: CatalogueIssue[]) {
  const seen = new Set<string>();
  const indicators: Indicator[] = [];
  for (const direction of catalogue.directions) {
    for (const [kind, id] of [['direction', direction.id], ...direction.tracks.map((t) => ['track', t.id])]) {
      if (seen.has(`${kind}:${id}`)) issues.push({ file, entry: `${kind} ${id}`, message: `duplicate ${kind} id` });
      seen.add(`${kind}:${id}`);
    }
    for (const track of direction.tracks) {
      for (const indicator of track.indicators) {
        if (seen.has(`indicator:${indicator.id}`)) issues.push({ file, entry: `indicator ${indicator.id}`, message: 'duplicate indicator id' });
        seen.add(`indicator:${indicator.id}`);
        indicators.push(indicator);
      }
    }
  }
  const localIds = new Set(indicators.map((i) => i.id));
  for (const indicator of indicators) {
    for (const message of indicatorIssues(indicator, dictionary, localIds)) {
      issues.push({ file, entry: `indicator ${indicator.id}`, message });
    }
  }
  const indexEdges = new Map(
    indicators.map((i) => [i.id, i.formula.kind === 'index' ? i.formula.components.map((c) => c.indicator) : []]),
  );
  const cycle = findCycle(indexEdges);
  if (cycle) issues.push({ file, entry: `indicator ${cycle[0]}`, message: `index cycle: ${cycle.join(' → ')}` });
}

export function validateCatalogueSet(variableFiles: SourceFile[], catalogueFiles: SourceFile[]): CatalogueSet {
  const issues: CatalogueIssue[] = [];
  const dictionary = buildDictionary(variableFiles, issues);
  const catalogues: Catalogue[] = [];
  const ids = new Map<string, string>();
  for (const { name, data } of catalogueFiles) {
    if (!catalogueCheck.Check(data)) {
      issues.push(...schemaIssues(name, catalogueCheck, data));
      continue;
    }
    if (ids.has(data.id)) issues.push({ file: name, entry: `catalogue ${data.id}`, message: `duplicate catalogue id, also in ${ids.get(data.id)}` });
    ids.set(data.id, name);
    checkCatalogue(name, data, dictionary, issues);
    catalogues.push(data);
  }
  return { dictionary, catalogues, issues };
}

export function formatIssue(issue: CatalogueIssue): string {
  return `${issue.file}: ${issue.entry}: ${issue.message}`;
}
