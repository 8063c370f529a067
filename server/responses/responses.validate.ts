// Server-side validation of an answer set against the pinned form version, in survey-core.
// survey-core's own validate() accepts a rating of 7 on a 1–5 scale and unknown choice
// values, so every value is also checked here against what its question allows.
import { Model, type Question } from 'survey-core';
import type { ErrorDetail } from '../shared/errors.ts';

type Answers = Record<string, unknown>;
export type Validated = { clean: Answers; errors: ErrorDetail[] };

const MAX_TEXT = 5000;

/** What a question allows, read once from survey-core's parsed question: plain data is cheap to check per answer. */
type Rule = {
  title: string;
  kind: 'number' | 'boolean' | 'choice' | 'choices' | 'text' | 'other';
  min?: number;
  max?: number;
  allowed?: unknown[];
  booleans?: unknown[];
  maxLength: number;
  required: boolean;
  validated: boolean;
};

type Compiled = {
  model: Model;
  questions: Map<string, { q: Question; rule: Rule }>;
  derived: Set<string>;
  /**
   * The visible questions when nothing in the form depends on answers (no conditions, no
   * triggers, no calculated values, no validators): most parent surveys. Such a form is checked
   * without loading the answers into the model, which is most of the cost of a submission.
   */
  staticallyVisible: Set<string> | null;
};

const forms = new Map<string, Compiled>();

// Keys by which a form's shape or rules depend on the answers given.
const DYNAMIC = /If$|^triggers$|^calculatedValues$|^choicesFromQuestion$|^choicesByUrl$|^validators$|^expression$/;
const isDynamic = (json: unknown): boolean =>
  Array.isArray(json) ? json.some(isDynamic) : typeof json === 'object' && json !== null && Object.entries(json).some(([k, v]) => (DYNAMIC.test(k) && !(Array.isArray(v) && v.length === 0)) || isDynamic(v));

const MULTIPLE = ['checkbox', 'tagbox', 'ranking'];
const SINGLE = ['radiogroup', 'dropdown'];

function ruleOf(q: Question): Rule {
  const any = q as unknown as Record<string, unknown> & { visibleRateValues?: { value: unknown }[]; choices?: { value: unknown }[] };
  const type = q.getType();
  const base = { title: q.title, required: q.isRequired, validated: (q.validators?.length ?? 0) > 0, maxLength: typeof any.maxLength === 'number' && (any.maxLength as number) > 0 ? (any.maxLength as number) : MAX_TEXT };
  if (type === 'text' && any.inputType === 'number') return { ...base, kind: 'number', min: typeof any.min === 'number' ? any.min : undefined, max: typeof any.max === 'number' ? any.max : undefined };
  if (type === 'boolean') return { ...base, kind: 'boolean', booleans: [any.valueTrue ?? true, any.valueFalse ?? false] };
  if (type === 'rating') return { ...base, kind: 'choice', allowed: any.visibleRateValues?.map((v) => v.value) };
  if (SINGLE.includes(type)) return { ...base, kind: 'choice', allowed: any.choices?.map((c) => c.value) };
  if (MULTIPLE.includes(type)) return { ...base, kind: 'choices', allowed: any.choices?.map((c) => c.value) };
  if (type === 'text' || type === 'comment') return { ...base, kind: 'text' };
  return { ...base, kind: 'other' };
}

/** One compiled form per version, reused: validation is synchronous, so no two requests share the model at once. */
function compiled(versionId: string, json: Record<string, unknown>): Compiled {
  let form = forms.get(versionId);
  if (!form) {
    const model = new Model(json);
    model.locale = 'ru';
    const all = model.getAllQuestions();
    const questions = new Map(all.map((q) => [q.getValueName(), { q, rule: ruleOf(q) }]));
    const derived = new Set(model.calculatedValues.map((c) => c.name));
    const staticallyVisible = isDynamic(json) ? null : new Set(all.filter((q) => q.isVisible && q.isParentVisible).map((q) => q.getValueName()));
    form = { model, questions, derived, staticallyVisible };
    if (forms.size > 200) forms.delete(forms.keys().next().value!);
    forms.set(versionId, form);
  }
  return form;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const err = (question: string, code: string, message: string): ErrorDetail => ({ field: question, code, message });

function checkValue(name: string, rule: Rule, value: unknown): ErrorDetail | null {
  const { title } = rule;
  switch (rule.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return err(name, 'response.not_a_number', `«${title}»: нужно число`);
      if (rule.min !== undefined && value < rule.min) return err(name, 'response.out_of_range', `«${title}»: не меньше ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) return err(name, 'response.out_of_range', `«${title}»: не больше ${rule.max}`);
      return null;
    case 'boolean':
      return rule.booleans!.includes(value) ? null : err(name, 'response.not_a_boolean', `«${title}»: ответ «да» или «нет»`);
    case 'choice':
    case 'choices': {
      if (!rule.allowed) return null;
      const values = rule.kind === 'choices' ? value : [value];
      if (!Array.isArray(values)) return err(name, 'response.wrong_type', `«${title}»: нужен список вариантов`);
      const bad = values.find((v) => !rule.allowed!.includes(v));
      return bad === undefined ? null : err(name, 'response.unknown_choice', `«${title}»: недопустимый вариант ${JSON.stringify(bad).slice(0, 40)}`);
    }
    case 'text':
      if (typeof value !== 'string') return err(name, 'response.wrong_type', `«${title}»: нужен текст`);
      return value.length > rule.maxLength ? err(name, 'response.too_long', `«${title}»: не длиннее ${rule.maxLength} символов`) : null;
    default:
      return null;
  }
}

/**
 * Checks answers: unknown keys are refused, answers to questions hidden by the submitted
 * answers are dropped, each value must be one its question allows; `complete` also demands
 * required answers and runs the form's own validators (part ≤ whole and the like).
 */
export function validateAnswers(versionId: string, json: Record<string, unknown>, answers: Answers, complete: boolean): Validated {
  const { model, questions, derived, staticallyVisible } = compiled(versionId, json);
  const errors: ErrorDetail[] = [];
  for (const key of Object.keys(answers)) {
    if (!questions.has(key) && !derived.has(key)) errors.push(err(key, 'response.unknown_key', `Неизвестный вопрос «${key.slice(0, 60)}»`));
  }
  if (errors.length) return { clean: {}, errors };

  const given: Answers = {};
  for (const [k, v] of Object.entries(answers)) if (questions.has(k) && !isEmpty(v)) given[k] = v;
  if (!staticallyVisible) {
    model.clear(true, true);
    model.data = given;
  }
  const visible = (name: string, q: Question) => (staticallyVisible ? staticallyVisible.has(name) : q.isVisible && q.isParentVisible);
  const clean: Answers = {};
  for (const [name, { q, rule }] of questions) {
    if (!visible(name, q)) continue; // an answer to a hidden question is dropped, not stored
    const value = given[name];
    if (isEmpty(value)) {
      if (complete && rule.required) errors.push(err(name, 'response.required', `«${rule.title}»: обязательный вопрос`));
      continue;
    }
    const problem = checkValue(name, rule, value);
    if (problem) errors.push(problem);
    else clean[name] = value;
  }
  if (complete && errors.length === 0 && !staticallyVisible) {
    for (const [name, { q, rule }] of questions) {
      // required and allowed values are checked above; only the form's own validators remain
      if (!rule.validated || !visible(name, q) || isEmpty(clean[name])) continue;
      // validate(true) fills q.errors; with false survey-core only answers yes or no
      if (!q.validate(true)) {
        const texts = q.errors.map((e) => e.getText());
        errors.push(...(texts.length ? texts : ['Ответ не прошёл проверку формы']).map((text) => err(name, 'response.check_failed', text)));
      }
    }
  }
  return { clean, errors };
}
