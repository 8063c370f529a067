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

/**
 * Reasons to refuse the form (empty when it may be published) and what survey-core and its
 * linter say that does not stop publishing (shown in the builder): one lint, one model.
 */
export function inspectForm(json: unknown): { problems: FormProblem[]; warnings: FormWarning[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { problems: [{ code: 'form.not_an_object', message: 'Форма должна быть JSON-объектом SurveyJS' }], warnings: [] };
  const form = json as Record<string, unknown>;
  const problems: FormProblem[] = [];
  const warnings: FormWarning[] = [];
  // the linter knows only the default locale; a locale survey-core has strings for is fine
  const knownLocale = (f: { path?: string }) => f.path === 'locale' && typeof form.locale === 'string' && form.locale in surveyLocalization.locales;
  for (const f of lintSurvey(form).findings) {
    const refusal = REFUSING[f.ruleId];
    if (refusal) problems.push({ code: refusal.code, path: f.path, message: `${refusal.message}: ${f.message}` });
    else if (!knownLocale(f)) warnings.push({ rule: f.ruleId, message: f.message, path: f.path });
  }
  const model = new Model(json);
  for (const e of model.jsonErrors ?? []) {
    if (e.type === 'missingtypeproperty' || e.type === 'incorrecttypeproperty') problems.push({ code: 'form.unknown_type', message: `Неизвестный тип элемента: ${e.message}` });
  }
  unsupported(json, '', problems);
  if (!problems.some((p) => p.code === 'form.duplicate_name')) problems.push(...duplicateValueNames(model));
  if (model.getAllQuestions().length === 0) warnings.push({ rule: 'form/empty', message: 'В форме нет ни одного вопроса' });
  // one refusal per place is enough to read
  return { problems: problems.filter((p, i) => problems.findIndex((o) => o.code === p.code && o.path === p.path) === i), warnings };
}

export const checkForm = (json: unknown) => inspectForm(json).problems;
