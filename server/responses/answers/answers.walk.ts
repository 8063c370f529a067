// Walks an answer set down the form as survey-core parsed it — pages, panels, dynamic panels
// and each of their panels, matrix rows and cells, multiple-text items — checking every value
// where it sits and keeping only what a respondent could have entered there. Answers to
// anything hidden under the submitted answers are dropped at every level; computed values
// (expressions, totals) are dropped too: the server computes them itself.
import type { Question } from 'survey-core';
import type { ErrorDetail } from '../../shared/errors.ts';
import { answerError, titled, type AnswerCode } from './answers.errors.ts';
import { checkLeaf, choicesOf, MAX_TEXT, type Choices } from './answers.leaf.ts';

export const COMMENT = '-Comment';
type Any = Question & Record<string, any>;
type Obj = Record<string, unknown>;

export type Walk = {
  complete: boolean;
  errors: ErrorDetail[];
  visible: (q: Question) => boolean;
  choices: (q: Question) => Choices;
  fail: (path: string, code: AnswerCode, message: string) => undefined;
};

export function newWalk(complete: boolean, visible: Walk['visible'], choices: Walk['choices'] = choicesOf as Walk['choices']): Walk {
  const errors: ErrorDetail[] = [];
  return { complete, errors, visible, choices, fail: (path, code, message) => void errors.push(answerError(path, code, message)) };
}

export const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// Elements whose name carries no answer; expression values are computed, never taken.
const NO_ANSWER = new Set(['html', 'image', 'expression', 'file', 'signaturepad']);
export const takesAnswer = (q: Question) => !NO_ANSWER.has(q.getType());
export const isComputed = (q: Question) => q.getType() === 'expression';

/** What the `<name>-Comment` key holds for a question: a comment area, the "other" text, or nothing. */
export function commentKind(q: Question): 'area' | 'other' | null {
  const a = q as Any;
  if (a.showCommentArea) return 'area';
  if ((a.showOtherItem || a.hasOther) && typeof a.getStoreOthersAsComment === 'function' && a.getStoreOthersAsComment()) return 'other';
  return null;
}

const otherChosen = (q: Any, value: unknown) => {
  const other = q.otherItem?.value ?? 'other';
  return Array.isArray(value) ? value.includes(other) : value === other;
};

/** The comment key next to an answer: kept, dropped (other not chosen) or refused. */
function checkComment(q: Question, value: unknown, comment: unknown, path: string, w: Walk): unknown {
  const kind = commentKind(q);
  const at = `${path}${COMMENT}`;
  if (kind === null) return w.fail(at, 'unknown_key', `${titled(q.title)}: комментарий к этому вопросу не предусмотрен`);
  if (kind === 'other' && !otherChosen(q as Any, value)) return undefined; // survey-core clears it too
  if (typeof comment !== 'string') return w.fail(at, 'wrong_type', `${titled(q.title)}: нужен текст`);
  return comment.length > MAX_TEXT ? w.fail(at, 'too_long', `${titled(q.title)}: не длиннее ${MAX_TEXT} символов`) : comment;
}

/**
 * Checks the answers held in one object against the questions that live there (a page's
 * questions at the top level, one panel of a dynamic panel, one matrix row's cells); writes
 * what may be stored into `out`. `known` names every key the object may carry.
 */
export function walkObject(questions: Question[], given: Obj, path: string, w: Walk, out: Obj, known?: Set<string>) {
  const prefix = path ? `${path}.` : '';
  const byName = new Map(questions.map((q) => [q.getValueName(), q]));
  for (const key of Object.keys(given)) {
    if (known?.has(key)) continue;
    const base = key.endsWith(COMMENT) ? key.slice(0, -COMMENT.length) : key;
    const q = byName.get(base);
    if (!q || (base === key && !takesAnswer(q) && !isComputed(q))) w.fail(`${prefix}${key}`, 'unknown_key', `Неизвестный вопрос «${key.slice(0, 60)}»`);
  }
  for (const [name, q] of byName) {
    if (!takesAnswer(q) || !w.visible(q)) continue; // hidden: dropped, not stored
    const value = given[name];
    const comment = given[`${name}${COMMENT}`];
    if (!isEmpty(value)) {
      const kept = walkValue(q, value, `${prefix}${name}`, w);
      if (kept !== undefined && !isEmpty(kept)) out[name] = kept;
    }
    if (!isEmpty(comment)) {
      const kept = checkComment(q, value, comment, `${prefix}${name}`, w);
      if (kept !== undefined) out[`${name}${COMMENT}`] = kept;
    }
  }
}

function rowsOf(q: Any, value: unknown, path: string, w: Walk, what: string): Obj[] | undefined {
  const title = titled(q.title);
  if (!Array.isArray(value) || !value.every(isObject)) return w.fail(path, 'wrong_type', `${title}: нужен список ${what}`);
  const [min, max] = q.getType() === 'paneldynamic' ? [q.minPanelCount, q.maxPanelCount] : [q.minRowCount, q.maxRowCount];
  if (max > 0 && value.length > max) return w.fail(path, 'too_many', `${title}: не больше ${max}`);
  if (w.complete && min > 0 && value.length < min) return w.fail(path, 'too_few', `${title}: не меньше ${min}`);
  return value;
}

/** One matrix row (dropdown or dynamic): its cells are questions of the column's cell type. */
function walkRow(row: any, given: Obj, path: string, w: Walk): Obj {
  const out: Obj = {};
  const cells: { column: any; question: Question }[] = row.cells;
  // a cell in a column hidden for everyone (columnsVisibleIf) or for this row ({row.x}) is dropped
  const visible = new Set(cells.filter((c) => c.column.isColumnVisible !== false && c.column.isVisible !== false && c.question.isVisible).map((c) => c.question));
  const inner: Walk = { ...w, visible: (q) => visible.has(q), fail: w.fail };
  walkObject(cells.map((c) => c.question), given, path, inner, out);
  return out;
}

function walkPanels(q: Any, value: unknown, path: string, w: Walk): unknown {
  const panels = rowsOf(q, value, path, w, 'панелей');
  if (!panels) return undefined;
  return panels.map((given, i) => {
    const out: Obj = {};
    // panel questions: survey-core evaluates {panel.x} for each panel's copy of the template
    walkObject(q.panels?.[i]?.questions ?? [], given, `${path}[${i}]`, { ...w, visible: (p) => p.isVisible && p.isParentVisible }, out);
    return out;
  });
}

function walkDynamicMatrix(q: Any, value: unknown, path: string, w: Walk): unknown {
  const rows = rowsOf(q, value, path, w, 'строк');
  if (!rows) return undefined;
  const models = q.visibleRows ?? [];
  return rows.map((given, i) => (models[i] ? walkRow(models[i], given, `${path}[${i}]`, w) : {}));
}

function walkDropdownMatrix(q: Any, value: unknown, path: string, w: Walk): unknown {
  if (!isObject(value)) return w.fail(path, 'wrong_type', `${titled(q.title)}: нужны ответы по строкам`);
  const rows = new Map<string, any>((q.visibleRows ?? []).map((r: any) => [String(r.rowName), r]));
  const all = new Set((q.rows ?? []).map((r: any) => String(r.value)));
  const out: Obj = {};
  for (const [key, given] of Object.entries(value)) {
    if (!all.has(key)) { w.fail(`${path}.${key}`, 'unknown_key', `${titled(q.title)}: нет строки «${key.slice(0, 60)}»`); continue; }
    if (!rows.has(key) || isEmpty(given)) continue; // a hidden row's answers are dropped
    if (!isObject(given)) { w.fail(`${path}.${key}`, 'wrong_type', `${titled(q.title)}: нужны ответы по столбцам`); continue; }
    const kept = walkRow(rows.get(key), given, `${path}.${key}`, w);
    if (!isEmpty(kept)) out[key] = kept;
  }
  return out;
}

function walkSingleMatrix(q: Any, value: unknown, path: string, w: Walk): unknown {
  const title = titled(q.title);
  if (!isObject(value)) return w.fail(path, 'wrong_type', `${title}: нужны ответы по строкам`);
  const visibleRows = new Set((q.visibleRows ?? []).map((r: any) => String(r.name ?? r.value)));
  const all = new Set((q.rows ?? []).map((r: any) => String(r.value)));
  const columns = (q.visibleColumns ?? []).map((c: any) => c.value);
  const out: Obj = {};
  for (const [key, v] of Object.entries(value)) {
    if (!all.has(key)) { w.fail(`${path}.${key}`, 'unknown_key', `${title}: нет строки «${key.slice(0, 60)}»`); continue; }
    if (!visibleRows.has(key) || isEmpty(v)) continue;
    if (!columns.includes(v)) { w.fail(`${path}.${key}`, 'unknown_choice', `${title}: недопустимый вариант`); continue; }
    out[key] = v;
  }
  return out;
}

function walkItems(q: Any, value: unknown, path: string, w: Walk): unknown {
  if (!isObject(value)) return w.fail(path, 'wrong_type', `${titled(q.title)}: нужны ответы по полям`);
  const out: Obj = {};
  walkObject((q.items ?? []).map((i: any) => i.editor), value, path, { ...w, visible: () => true }, out);
  return out;
}

/** Checks one answer wherever it sits; answers what may be stored (undefined when refused or computed). */
export function walkValue(q: Question, value: unknown, path: string, w: Walk): unknown {
  switch (q.getType()) {
    case 'paneldynamic': return walkPanels(q as Any, value, path, w);
    case 'matrixdynamic': return walkDynamicMatrix(q as Any, value, path, w);
    case 'matrixdropdown': return walkDropdownMatrix(q as Any, value, path, w);
    case 'matrix': return walkSingleMatrix(q as Any, value, path, w);
    case 'multipletext': return walkItems(q as Any, value, path, w);
    default: return checkLeaf(q, value, path, w);
  }
}
