// Server-side validation of an answer set against the pinned form version. One walk
// (answers.walk.ts) checks every value where it sits; survey-core then runs the form's own
// rules (required / requiredIf, validators of every kind, "other" text, row counts, unique
// keys) on the cleaned answers, and computes what the form computes.
import type { Question } from 'survey-core';
import type { ErrorDetail } from '../../shared/errors.ts';
import { answerError, fromSurveyCore, surveyText, titled } from './answers.errors.ts';
import { commentKey, compiledForm, type CompiledForm } from './answers.form.ts';
import { isEmpty, isObject, newWalk, takesAnswer, walkObject, type Walk } from './answers.walk.ts';

type Answers = Record<string, unknown>;
export type Validated = { clean: Answers; errors: ErrorDetail[] };
type Options = { path?: 'auto' | 'full' };

const CONTAINERS: Record<string, (v: unknown) => boolean> = {
  paneldynamic: (v) => Array.isArray(v) && v.every(isObject),
  matrixdynamic: (v) => Array.isArray(v) && v.every(isObject),
  matrixdropdown: isObject,
  matrix: isObject,
  multipletext: isObject,
};

/** Top-level keys and container shapes, checked before anything is loaded into survey-core. */
function precheck(form: CompiledForm, answers: Answers): { given: Answers; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const given: Answers = {};
  const byName = new Map(form.top.map((q) => [q.getValueName(), q]));
  const comments = new Set(form.top.map(commentKey));
  for (const [key, value] of Object.entries(answers)) {
    if (form.computed.has(key)) continue; // computed by the server, never taken from the client
    const q = byName.get(key);
    if ((!q || !takesAnswer(q)) && !comments.has(key)) {
      errors.push(answerError(key, 'unknown_key', `Неизвестный вопрос «${key.slice(0, 60)}»`));
      continue;
    }
    if (isEmpty(value)) continue;
    const shape = q && CONTAINERS[q.getType()];
    if (shape && !shape(value)) errors.push(answerError(key, 'wrong_type', `${titled(q.title)}: ответ не той формы`));
    else given[key] = value;
  }
  return { given, errors };
}

function load(form: CompiledForm, data: Answers) {
  form.model.clear(true, true);
  form.model.data = data;
  withoutAbsentRows(form.top, data);
}

/**
 * A dynamic panel or matrix with no answer had all its panels or rows removed by the
 * respondent (the browser sends the default ones it shows, even empty): survey-core would
 * bring back the form's default count, with their required questions and computed cells.
 */
function withoutAbsentRows(questions: Question[], data: Answers) {
  for (const q of questions as any[]) {
    const type = q.getType();
    const value = data[q.getValueName()];
    const absent = !Array.isArray(value) || value.length === 0;
    if (type === 'paneldynamic') {
      if (absent) q.panelCount = 0;
      else q.panels.forEach((p: any, i: number) => withoutAbsentRows(p.questions, isObject(value[i]) ? value[i] : {}));
    }
    if (type === 'matrixdynamic' && absent) q.rowCount = 0;
    // totals are kept in the answers as the browser keeps them, zeros included
    if (type.startsWith('matrixd') && q.hasTotal) q.onTotalValueChanged();
  }
}

/**
 * The rows of a partly answered single matrix that an "every row" rule names, where the
 * respondent has to look: the rows left empty, or each row repeating an earlier row's column.
 */
function matrixRowsAt(q: any, type: string): string[] | null {
  const value: Answers = q.value;
  const rows: string[] = q.visibleRows.map((r: any) => String(r.name));
  if (type === 'requiredinallrowserror') return rows.filter((r) => isEmpty(value[r]));
  if (type !== 'eachrowuniqueeerror') return null;
  const seen = new Set<unknown>();
  return rows.filter((r) => !isEmpty(value[r]) && (seen.has(value[r]) || !seen.add(value[r])));
}

/** survey-core's own verdict on the loaded answers, with each error at the path of its value. */
function formRules(top: Question[], visible: Walk['visible']): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const collect = (q: any, path: string) => {
    for (const e of q.errors ?? []) {
      const rows = q.getType() === 'matrix' && !isEmpty(q.value) ? matrixRowsAt(q, e.getErrorType()) : null;
      if (rows) for (const row of rows) errors.push(fromSurveyCore(q.title, `${path}.${row}`, e));
      else errors.push(fromSurveyCore(q.title, path, e, q));
    }
    const type = q.getType();
    if (type === 'paneldynamic') q.panels.forEach((p: any, i: number) => p.questions.filter((c: Question) => c.isVisible && c.isParentVisible).forEach((c: Question) => collect(c, `${path}[${i}].${c.getValueName()}`)));
    if (type === 'matrixdynamic' || type === 'matrixdropdown') {
      q.visibleRows.forEach((r: any, i: number) => {
        const at = type === 'matrixdynamic' ? `${path}[${i}]` : `${path}.${r.rowName}`;
        for (const cell of r.cells) if (cell.question.isVisible) collect(cell.question, `${at}.${cell.column.name}`);
      });
    }
    if (type === 'multipletext') for (const item of q.items) collect(item.editor, `${path}.${item.name}`);
  };
  for (const q of top) {
    if (!takesAnswer(q) || !visible(q)) continue;
    q.validate(true);
    collect(q, q.getValueName());
  }
  return errors;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks answers: unknown keys are refused, answers hidden under the submitted answers are
 * dropped at every level, each value must be one its question allows; `complete` also applies
 * the form's own rules (required answers, validators). `path: 'full'` forces the full walk
 * (tests compare it with the short one).
 */
export function validateAnswers(versionId: string, json: Record<string, unknown>, answers: Answers, complete: boolean, options: Options = {}): Validated {
  const form = compiledForm(options.path === 'full' ? `${versionId}#full` : versionId, json);
  const pre = precheck(form, answers);
  if (pre.errors.length) return { clean: {}, errors: pre.errors };
  const fast = options.path !== 'full' ? form.staticallyVisible : null;
  if (fast) return shortPath(form, fast, pre.given, complete);

  // Dropping a hidden answer can hide another question; walk again until nothing changes.
  let data = pre.given;
  for (let round = 0; round < 4; round++) {
    load(form, data);
    const w = newWalk(complete, (q) => q.isVisible && q.isParentVisible);
    const clean: Answers = {};
    walkObject(form.top, data, '', w, clean);
    if (w.errors.length) return { clean: {}, errors: w.errors };
    if (same(clean, data)) break;
    data = clean;
  }
  load(form, data);
  if (complete) {
    const errors = formRules(form.top, (q) => q.isVisible && q.isParentVisible);
    if (errors.length) return { clean: {}, errors };
  }
  // survey-core's data then holds the values it computed (expressions, totals, calculated values)
  return { clean: form.computes ? (form.model.data as Answers) : data, errors: [] };
}

function shortPath(form: CompiledForm, visible: Set<Question>, given: Answers, complete: boolean): Validated {
  const w = newWalk(complete, (q) => visible.has(q), (q) => form.choices.get(q)!);
  const clean: Answers = {};
  walkObject(form.top, given, '', w, clean);
  if (complete && w.errors.length === 0) {
    for (const q of visible) {
      const a = q as any;
      if (!takesAnswer(q)) continue;
      if (a.isRequired && isEmpty(clean[q.getValueName()])) w.fail(q.getValueName(), 'required', `${titled(q.title)}: ${surveyText('requiredError')}`);
      else if (a.minSelectedChoices > 0 && a.getType() === 'checkbox' && isEmpty(clean[q.getValueName()])) w.fail(q.getValueName(), 'too_few', `${titled(q.title)}: ${surveyText('minSelectError').replace('{0}', a.minSelectedChoices)}`);
      // "other" chosen with nothing typed, as survey-core's OtherEmptyError
      const other = a.otherItem?.value;
      const value = clean[q.getValueName()];
      if (other !== undefined && (Array.isArray(value) ? value.includes(other) : value === other) && a.getStoreOthersAsComment?.() && isEmpty(clean[commentKey(q)])) {
        w.fail(commentKey(q), 'required', `${titled(q.title)}: ${surveyText('otherRequiredError')}`);
      }
    }
  }
  return w.errors.length ? { clean: {}, errors: w.errors } : { clean, errors: [] };
}
