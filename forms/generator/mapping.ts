// Turns one response into variable contributions through the form's mapping: a self-report
// gives values; a survey or diagnostic response gives counts (1 respondent, 0/1 satisfied).
import { scoreDdo } from './ddo.ts';
import type { FormMapping } from './mapping.schemas.ts';

export type Contributions = Record<string, number>;

function add(into: Contributions, variable: string, value: number) {
  into[variable] = (into[variable] ?? 0) + value;
}

export function contributions(mapping: FormMapping, answers: Record<string, unknown>): Contributions {
  const out: Contributions = {};
  switch (mapping.kind) {
    case 'self_report':
      for (const { question, variable } of mapping.fields) {
        const value = answers[question];
        if (typeof value === 'number') out[variable] = value;
        else if (typeof value === 'boolean') out[variable] = value ? 1 : 0;
      }
      return out;
    case 'parent_survey':
      for (const rule of mapping.rules) {
        const value = answers[rule.question];
        if (value === undefined || value === null || value === '') continue;
        add(out, rule.respondents, 1);
        add(out, rule.satisfied, rule.satisfiedValues.includes(value as never) ? 1 : 0);
      }
      return out;
    case 'student_diagnostic': {
      const result = scoreDdo(answers);
      if (result.answered === 0) return out;
      add(out, mapping.took, 1);
      add(out, mapping.preference, result.top >= mapping.minScore ? 1 : 0);
      return out;
    }
  }
}
