// What the server accepts as a form: everything survey-core loads and renders, except what
// makes answers impossible to check. Unknown properties and linter findings are warnings
// (shown in the builder and returned by the API); a form is refused only for duplicate value
// names, an unknown question type, an expression that does not parse, or a question kind
// whose answers we decline to store (files, signatures: anonymous answers are JSON aggregated
// into numbers, and documents or signatures would carry personal data into them).
import { Model, surveyLocalization } from 'survey-core';
import { lintSurvey } from 'survey-lint/linter';
import 'survey-core/i18n/russian';

export type FormProblem = { code: string; message: string; path?: string };
export type FormWarning = { rule: string; message: string; path?: string };

// linter rules that make answers impossible to check, by our refusal code and wording
const REFUSING: Record<string, { code: string; message: string }> = {
  'name/duplicate': { code: 'form.duplicate_name', message: 'Два элемента формы с одним именем: ответы нельзя различить' },
  'element/unknown-type': { code: 'form.unknown_type', message: 'Неизвестный тип вопроса: ответ нельзя проверить' },
  'expression/syntax': { code: 'form.bad_expression', message: 'Условие или выражение не разбирается' },
};
const UNSUPPORTED = new Set(['file', 'signaturepad']);

function unsupported(json: unknown, path: string, out: FormProblem[]) {
  if (Array.isArray(json)) json.forEach((v, i) => unsupported(v, `${path}[${i}]`, out));
  else if (typeof json === 'object' && json !== null) {
    const o = json as Record<string, unknown>;
    if (typeof o.type === 'string' && UNSUPPORTED.has(o.type) && typeof o.name === 'string') {
      out.push({ code: 'form.unsupported_question', path, message: `«${o.name}»: вопросы с файлами и подписью не поддерживаются — анонимные ответы хранятся как данные для показателей, документы прикладываются к мероприятиям` });
    }
    for (const [k, v] of Object.entries(o)) unsupported(v, path ? `${path}.${k}` : k, out);
  }
}

// Two answer-taking questions writing one value (valueName shared, or one name on two pages).
function duplicateValueNames(model: Model): FormProblem[] {
  const seen = new Set<string>();
  const out: FormProblem[] = [];
  for (const q of model.getAllQuestions(false, false, false)) {
    if (!q.hasInput) continue;
    const name = q.getValueName();
    if (seen.has(name)) out.push({ code: 'form.duplicate_name', path: name, message: `Два вопроса записывают ответ под одним именем «${name}»` });
    seen.add(name);
  }
  return out;
}

/** Reasons to refuse the form; empty when it may be published. */
export function checkForm(json: unknown): FormProblem[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [{ code: 'form.not_an_object', message: 'Форма должна быть JSON-объектом SurveyJS' }];
  const problems: FormProblem[] = [];
  for (const f of lintSurvey(json as Record<string, unknown>).findings) {
    const refusal = REFUSING[f.ruleId];
    if (refusal) problems.push({ code: refusal.code, path: f.path, message: `${refusal.message}: ${f.message}` });
  }
  const model = new Model(json);
  for (const e of model.jsonErrors ?? []) {
    if (e.type === 'missingtypeproperty' || e.type === 'incorrecttypeproperty') problems.push({ code: 'form.unknown_type', message: `Неизвестный тип элемента: ${e.message}` });
  }
  unsupported(json, '', problems);
  if (!problems.some((p) => p.code === 'form.duplicate_name')) problems.push(...duplicateValueNames(model));
  // one refusal per place is enough to read
  return problems.filter((p, i) => problems.findIndex((o) => o.code === p.code && o.path === p.path) === i);
}

/** What survey-core and its linter say but does not stop publishing: shown in the builder. */
export function formWarnings(json: Record<string, unknown>): FormWarning[] {
  // the linter knows only the default locale; a locale survey-core has strings for is fine
  const knownLocale = (f: { path?: string }) => f.path === 'locale' && typeof json.locale === 'string' && json.locale in surveyLocalization.locales;
  const warnings: FormWarning[] = lintSurvey(json).findings.filter((f) => !REFUSING[f.ruleId] && !knownLocale(f)).map((f) => ({ rule: f.ruleId, message: f.message, path: f.path }));
  const model = new Model(json);
  if (model.getAllQuestions().length === 0) warnings.push({ rule: 'form/empty', message: 'В форме нет ни одного вопроса' });
  return warnings;
}
