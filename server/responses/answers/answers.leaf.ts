// Checks one answer to one leaf question (text, choice, rating, boolean, ranking, slider) against
// what that question lets a respondent enter, as survey-core parsed it. Containers are walked
// in answers.walk.ts, which calls this for every leaf at any depth.
import { EmailValidator, type ItemValue, type Question } from 'survey-core';
import { titled } from './answers.errors.ts';
import type { Walk } from './answers.walk.ts';

export const MAX_TEXT = 5000;

// What a browser's native input of each type hands survey-react-ui; tel, url, password and
// plain text are free text (survey-react-ui does not ask the browser to check them).
const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'datetime-local': /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/,
  time: /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  color: /^#[0-9a-fA-F]{6}$/,
};
const NUMERIC = new Set(['number', 'range']);
const SINGLE = new Set(['radiogroup', 'dropdown']);
const MULTIPLE = new Set(['checkbox', 'tagbox']);

type Any = Question & Record<string, any>;
const show = (v: unknown) => JSON.stringify(v)?.slice(0, 40) ?? String(v);

/** The choice values a respondent could see and pick, apart from the special items. */
export type Choices = { plain: unknown[]; other: unknown | null; freeOther: boolean; exclusive: unknown[] };

export function choicesOf(q: Any): Choices {
  const special = new Set<ItemValue>([q.otherItem, q.noneItem, q.refuseItem, q.dontKnowItem, q.selectAllItem].filter(Boolean));
  const visible: ItemValue[] = q.visibleChoices ?? [];
  const hasOther = visible.includes(q.otherItem);
  return {
    plain: visible.filter((i) => !special.has(i) && i.isEnabled && !i.isExclusive).map((i) => i.value),
    other: hasOther ? q.otherItem.value : null,
    // without storeOthersAsComment the typed text itself is the value (survey-core: otherValue)
    freeOther: hasOther && !q.getStoreOthersAsComment(),
    exclusive: visible.filter((i) => i !== q.otherItem && i !== q.selectAllItem && (special.has(i) || i.isExclusive) && i.isEnabled).map((i) => i.value),
  };
}

function textLimit(q: Any): number {
  const limit = typeof q.getMaxLength === 'function' ? q.getMaxLength() : null;
  return typeof limit === 'number' && limit > 0 ? limit : MAX_TEXT;
}

/** survey-core's own comparison (QuestionTextModel.isValueLessMin), without loading the value into the model. */
function outOfRange(q: Any, value: unknown): string | null {
  const calc = (v: unknown) => (typeof q.getCalculatedMinMax === 'function' ? q.getCalculatedMinMax(v) : v);
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  if (!empty(q.renderedMin) && calc(value) < calc(q.renderedMin)) return `не меньше ${q.renderedMin}`;
  if (!empty(q.renderedMax) && calc(value) > calc(q.renderedMax)) return `не больше ${q.renderedMax}`;
  return null;
}

// survey-core's QuestionTextModel.isStepNumberIncorrect, on a value not loaded into the model
function offStep(q: Any, value: number): boolean {
  const step = Number(q.step);
  if (q.inputType !== 'number' || q.step === undefined || q.step === '' || !Number.isFinite(step)) return false;
  let pw = 1;
  while ((Math.round(step * pw) / pw !== step || Math.round(value * pw) / pw !== value) && pw < 1_000_000) pw *= 10;
  const s = Math.round(step * pw);
  return s > 0 && Math.round(value * pw) % s !== 0;
}

const formPutsNumber = (q: Any) => typeof q.defaultValue === 'number' || !!q.defaultValueExpression || !!q.setValueExpression;

function checkText(q: Any, value: unknown, path: string, w: Walk): unknown {
  const title = titled(q.title);
  const type: string = q.getType() === 'text' ? q.inputType ?? 'text' : 'text';
  if (NUMERIC.has(type)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return w.fail(path, 'not_a_number', `${title}: нужно число`);
    const range = outOfRange(q, value);
    if (range) return w.fail(path, 'out_of_range', `${title}: ${range}`);
    if (offStep(q, value)) return w.fail(path, 'out_of_range', `${title}: значение должно быть кратно ${q.step}`);
    return value;
  }
  // survey-core keeps a number the form itself puts into plain text (a numeric defaultValue, an
  // expression's result) as a number; a respondent's typing is always a string
  if (typeof value === 'number' && Number.isFinite(value) && formPutsNumber(q) && !FORMATS[type]) return value;
  if (typeof value !== 'string') return w.fail(path, 'wrong_type', `${title}: нужен текст`);
  if (value.length > textLimit(q)) return w.fail(path, 'too_long', `${title}: не длиннее ${textLimit(q)} символов`);
  const format = FORMATS[type];
  if (format && !format.test(value)) return w.fail(path, 'bad_format', `${title}: значение не в формате поля`);
  if (type === 'email') {
    const checked = new EmailValidator().validate(value);
    if (checked?.error) return w.fail(path, 'bad_format', `${title}: неверный адрес электронной почты`);
  }
  if (format) {
    const range = outOfRange(q, value);
    if (range) return w.fail(path, 'out_of_range', `${title}: ${range}`);
  }
  return value;
}

function checkChoice(q: Any, value: unknown, path: string, w: Walk, c: Choices): boolean {
  if (c.plain.includes(value) || c.exclusive.includes(value) || (c.other !== null && value === c.other && !c.freeOther)) return true;
  if (c.freeOther && typeof value === 'string' && value.length <= MAX_TEXT) return true;
  w.fail(path, 'unknown_choice', `${titled(q.title)}: недопустимый вариант ${show(value)}`);
  return false;
}

function checkChoices(q: Any, value: unknown, path: string, w: Walk, c: Choices): unknown {
  const title = titled(q.title);
  if (!Array.isArray(value)) return w.fail(path, 'wrong_type', `${title}: нужен список вариантов`);
  if (!value.every((v) => checkChoice(q, v, path, w, c))) return undefined;
  if (new Set(value).size !== value.length) return w.fail(path, 'duplicate', `${title}: вариант выбран дважды`);
  // with storeOthersAsComment off, only one typed "other" text fits in the list
  if (c.freeOther && value.filter((v) => !c.plain.includes(v) && !c.exclusive.includes(v)).length > 1) return w.fail(path, 'unknown_choice', `${title}: недопустимый вариант`);
  if (value.length > 1 && value.some((v) => c.exclusive.includes(v))) return w.fail(path, 'exclusive_choice', `${title}: этот вариант нельзя сочетать с другими`);
  if (q.maxSelectedChoices > 0 && value.length > q.maxSelectedChoices) return w.fail(path, 'too_many', `${title}: не больше ${q.maxSelectedChoices} вариантов`);
  // a lone exclusive choice (none, refuse, don't know) is a whole answer: survey-core asks no minimum of it
  const lone = value.length === 1 && c.exclusive.includes(value[0]);
  if (w.complete && !lone && q.minSelectedChoices > 0 && value.length < q.minSelectedChoices) return w.fail(path, 'too_few', `${title}: не меньше ${q.minSelectedChoices} вариантов`);
  return value;
}

function checkRanking(q: Any, value: unknown, path: string, w: Walk): unknown {
  const title = titled(q.title);
  if (!Array.isArray(value)) return w.fail(path, 'wrong_type', `${title}: нужен порядок вариантов`);
  const c = choicesOf(q);
  const bad = value.find((v) => !c.plain.includes(v));
  if (bad !== undefined) return w.fail(path, 'unknown_choice', `${title}: недопустимый вариант ${show(bad)}`);
  if (new Set(value).size !== value.length) return w.fail(path, 'duplicate', `${title}: вариант встречается дважды`);
  // ranking without "select to rank" hands over every visible choice once it is touched
  if (!q.selectToRankEnabled && value.length !== c.plain.length) return w.fail(path, 'too_few', `${title}: расставьте все варианты`);
  return value;
}

function checkSlider(q: Any, value: unknown, path: string, w: Walk): unknown {
  const title = titled(q.title);
  const values = q.sliderType === 'range' ? value : [value];
  if (!Array.isArray(values) || (q.sliderType === 'range' && values.length !== 2)) return w.fail(path, 'wrong_type', `${title}: нужен диапазон`);
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) return w.fail(path, 'not_a_number', `${title}: нужно число`);
  const min = Number(q.min ?? 0);
  const max = Number(q.max ?? 100);
  if (values.some((v: number) => v < min || v > max)) return w.fail(path, 'out_of_range', `${title}: от ${min} до ${max}`);
  return value;
}

/** The answer as it may be stored, or undefined after recording why it may not. */
export function checkLeaf(q: Question, value: unknown, path: string, w: Walk): unknown {
  const a = q as Any;
  const type = a.getType();
  const title = titled(a.title);
  if (type === 'text' || type === 'comment') return checkText(a, value, path, w);
  if ((SINGLE.has(type) || (type === 'imagepicker' && !a.multiSelect)) && typeof value === 'object') return w.fail(path, 'wrong_type', `${title}: нужен один вариант`);
  if (SINGLE.has(type) || (type === 'imagepicker' && !a.multiSelect)) return checkChoice(a, value, path, w, w.choices(a)) ? value : undefined;
  if (MULTIPLE.has(type) || type === 'imagepicker') return checkChoices(a, value, path, w, w.choices(a));
  if (type === 'rating') {
    const allowed = (a.visibleRateValues ?? []).map((i: ItemValue) => i.value);
    return allowed.includes(value) ? value : w.fail(path, 'unknown_choice', `${title}: недопустимая оценка ${show(value)}`);
  }
  if (type === 'boolean') {
    const allowed = [a.getValueTrue?.() ?? a.valueTrue ?? true, a.getValueFalse?.() ?? a.valueFalse ?? false];
    return allowed.includes(value) ? value : w.fail(path, 'not_a_boolean', `${title}: ответ «да» или «нет»`);
  }
  if (type === 'ranking') return checkRanking(a, value, path, w);
  if (type === 'slider') return checkSlider(a, value, path, w);
  return w.fail(path, 'unknown_key', `${title}: ответ на этот элемент не принимается`);
}
