// A form is accepted only if survey-core loads it with no JSON errors and its linter finds no
// errors. Node-side (the server checks generated and uploaded forms before storing them).
import { Model } from 'survey-core';
import { lintSurvey } from 'survey-lint/linter';

export type FormProblem = { source: 'json' | 'lint'; message: string; path?: string };

export function checkForm(json: unknown): FormProblem[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [{ source: 'json', message: 'Форма должна быть JSON-объектом SurveyJS' }];
  const problems: FormProblem[] = [];
  const model = new Model(json);
  for (const e of model.jsonErrors ?? []) problems.push({ source: 'json', message: e.message });
  if (model.getAllQuestions().length === 0) problems.push({ source: 'json', message: 'В форме нет ни одного вопроса' });
  const lint = lintSurvey(json as Record<string, unknown>);
  for (const f of lint.findings) {
    if (f.severity === 'error') problems.push({ source: 'lint', message: `${f.ruleId}: ${f.message}`, path: f.path });
  }
  return problems;
}

/** Non-blocking linter findings (warnings, info), for the builder to show. */
export function lintWarnings(json: Record<string, unknown>) {
  return lintSurvey(json).findings.filter((f) => f.severity !== 'error').map((f) => ({ rule: f.ruleId, message: f.message, path: f.path }));
}
