// A mapping is only as good as the questions it names: a question that feeds a variable
// cannot disappear from the form unless the mapping says so too.
import { DDO_PAIRS, ddoQuestion } from './ddo.ts';
import type { FormMapping } from './mapping.schemas.ts';

export type MappingProblem = { question: string; variable?: string; message: string };

export function mappingProblems(mapping: FormMapping, questionNames: Set<string>, knownVariables?: Set<string>): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const need = (question: string, variable?: string) => {
    if (!questionNames.has(question)) {
      problems.push({ question, variable, message: `Вопрос «${question}» удалён из формы, но по нему считается переменная ${variable ?? ''}`.trim() });
    }
  };
  const known = (variable: string, question: string) => {
    if (knownVariables && !knownVariables.has(variable)) problems.push({ question, variable, message: `Переменной «${variable}» нет в каталоге` });
  };
  switch (mapping.kind) {
    case 'self_report':
      for (const f of mapping.fields) need(f.question, f.variable), known(f.variable, f.question);
      break;
    case 'parent_survey':
      for (const r of mapping.rules) {
        need(r.question, r.satisfied);
        known(r.respondents, r.question);
        known(r.satisfied, r.question);
      }
      break;
    case 'student_diagnostic':
      for (let n = 1; n <= DDO_PAIRS.length; n++) need(ddoQuestion(n), mapping.took);
      break;
  }
  return problems;
}
