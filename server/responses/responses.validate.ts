// Server-side validation of an answer set against the pinned form version, in survey-core.
// survey-core's own validate() accepts a rating of 7 on a 1–5 scale and unknown choice
// values, so every value is also checked here against what its question allows.
import { Model, type Question } from 'survey-core';
import type { ErrorDetail } from '../shared/errors.ts';

type Answers = Record<string, unknown>;
export type Validated = { clean: Answers; errors: ErrorDetail[] };

const MAX_TEXT = 5000;
const models = new Map<string, Model>();

/** One model per form version, reused: validation is synchronous, so no two requests share it at once. */
function modelFor(versionId: string, json: Record<string, unknown>): Model {
  let model = models.get(versionId);
  if (!model) {
    model = new Model(json);
    model.locale = 'ru';
    if (models.size > 200) models.delete(models.keys().next().value!);
    models.set(versionId, model);
  }
  return model;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const err = (question: string, code: string, message: string): ErrorDetail => ({ field: question, code, message });

function allowedValues(q: Question): unknown[] | undefined {
  const any = q as unknown as { visibleRateValues?: { value: unknown }[]; choices?: { value: unknown }[]; getType(): string };
  if (q.getType() === 'rating') return any.visibleRateValues?.map((v) => v.value);
  if (['radiogroup', 'dropdown', 'checkbox', 'tagbox', 'ranking'].includes(q.getType())) return any.choices?.map((c) => c.value);
  return undefined;
}

function checkValue(q: Question, value: unknown): ErrorDetail | null {
  const name = q.name;
  const type = q.getType();
  const any = q as unknown as Record<string, unknown>;
  if (type === 'text' && any.inputType === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return err(name, 'response.not_a_number', `«${q.title}»: нужно число`);
    if (typeof any.min === 'number' && value < (any.min as number)) return err(name, 'response.out_of_range', `«${q.title}»: не меньше ${any.min}`);
    if (typeof any.max === 'number' && value > (any.max as number)) return err(name, 'response.out_of_range', `«${q.title}»: не больше ${any.max}`);
    return null;
  }
  if (type === 'boolean') {
    const allowed: unknown[] = [any.valueTrue ?? true, any.valueFalse ?? false];
    return allowed.includes(value) ? null : err(name, 'response.not_a_boolean', `«${q.title}»: ответ «да» или «нет»`);
  }
  const allowed = allowedValues(q);
  if (allowed) {
    const values = type === 'checkbox' || type === 'tagbox' || type === 'ranking' ? value : [value];
    if (!Array.isArray(values)) return err(name, 'response.wrong_type', `«${q.title}»: нужен список вариантов`);
    const bad = values.find((v) => !allowed.includes(v));
    return bad === undefined ? null : err(name, 'response.unknown_choice', `«${q.title}»: недопустимый вариант ${JSON.stringify(bad).slice(0, 40)}`);
  }
  if (type === 'text' || type === 'comment') {
    if (typeof value !== 'string') return err(name, 'response.wrong_type', `«${q.title}»: нужен текст`);
    const max = typeof any.maxLength === 'number' && (any.maxLength as number) > 0 ? (any.maxLength as number) : MAX_TEXT;
    return value.length > max ? err(name, 'response.too_long', `«${q.title}»: не длиннее ${max} символов`) : null;
  }
  return null;
}

/**
 * Checks answers: unknown keys are refused, answers to questions hidden by the submitted
 * answers are dropped, each value must be one its question allows; `complete` also demands
 * required answers and runs the form's own validators (part ≤ whole and the like).
 */
export function validateAnswers(versionId: string, json: Record<string, unknown>, answers: Answers, complete: boolean): Validated {
  const model = modelFor(versionId, json);
  const questions = new Map(model.getAllQuestions().map((q) => [q.getValueName(), q]));
  const derived = new Set(model.calculatedValues.map((c) => c.name));
  const errors: ErrorDetail[] = [];
  for (const key of Object.keys(answers)) {
    if (!questions.has(key) && !derived.has(key)) errors.push(err(key, 'response.unknown_key', `Неизвестный вопрос «${key.slice(0, 60)}»`));
  }
  if (errors.length) return { clean: {}, errors };

  model.clear(true, true);
  const given = Object.fromEntries(Object.entries(answers).filter(([k, v]) => questions.has(k) && !isEmpty(v)));
  model.data = given;
  const clean: Answers = {};
  for (const [name, q] of questions) {
    const visible = q.isVisible && q.isParentVisible;
    if (!visible) continue; // an answer to a hidden question is dropped, not stored
    const value = given[name];
    if (isEmpty(value)) {
      if (complete && q.isRequired) errors.push(err(name, 'response.required', `«${q.title}»: обязательный вопрос`));
      continue;
    }
    const problem = checkValue(q, value);
    if (problem) errors.push(problem);
    else clean[name] = value;
  }
  if (complete && errors.length === 0) {
    for (const [name, q] of questions) {
      // required and allowed values are checked above; only the form's own validators remain
      if (!(q.isVisible && q.isParentVisible) || isEmpty(clean[name]) || !q.validators?.length) continue;
      // validate(true) fills q.errors; with false survey-core only answers yes or no
      if (!q.validate(true)) {
        const texts = q.errors.map((e) => e.getText());
        errors.push(...(texts.length ? texts : ['Ответ не прошёл проверку формы']).map((text) => err(name, 'response.check_failed', text)));
      }
    }
  }
  return { clean, errors };
}
