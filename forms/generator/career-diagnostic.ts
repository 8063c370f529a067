// The career-orientation diagnostic (ДДО Климова) as a SurveyJS form: one pair per page, the
// five scores as calculated values, and a result page naming the dominant type(s) — every
// combination of tied types has its own result text, so ties are reported in full.
import type { GeneratedForm } from './mapping.schemas.ts';
import { DDO_KEY, DDO_PAIRS, DDO_STRONG, DDO_TYPE_INFO, DDO_TYPES, ddoQuestion, type DdoType } from './ddo.ts';

const scoreName = (t: DdoType) => `score_${t}`;

function scoreExpression(type: DdoType): string {
  return DDO_KEY[type]
    .map((item) => {
      const n = Number(item.slice(0, -1));
      return `iif({${ddoQuestion(n)}} = '${item.at(-1)}', 1, 0)`;
    })
    .join(' + ');
}

function resultHtml(dominant: DdoType[]): string {
  const blocks = dominant
    .map((t) => {
      const info = DDO_TYPE_INFO[t];
      return `<h4>${info.title} (${info.letter}) — {${scoreName(t)}} из 8</h4><p>${info.meaning}</p><p><b>Примеры профессий:</b> ${info.professions}.</p>`;
    })
    .join('');
  const intro = dominant.length === 1 ? 'Ваш ведущий тип профессий:' : 'У вас одинаково выражены несколько типов профессий:';
  const all = DDO_TYPES.map((t) => `${DDO_TYPE_INFO[t].letter} — {${scoreName(t)}}`).join(', ');
  return `<h3>Спасибо! Ваш результат</h3><p>${intro}</p>${blocks}<p>Баллы по всем типам: ${all}. 7–8 баллов — выраженная склонность, 4–6 — средняя, 0–3 — не выражена.</p><p>Обсудите результат с классным руководителем или педагогом-психологом.</p>`;
}

/** Every non-empty subset of the types, largest first. */
function subsets(): DdoType[][] {
  const out: DdoType[][] = [];
  for (let mask = 1; mask < 1 << DDO_TYPES.length; mask++) out.push(DDO_TYPES.filter((_, i) => mask & (1 << i)));
  return out.sort((a, b) => b.length - a.length);
}

export function generateCareerDiagnostic(variables: { took: string; preference: string }): GeneratedForm {
  const json = {
    title: 'Какие профессии мне подходят? (ДДО Е. А. Климова)',
    description: 'Предположим, что после обучения вы сможете выполнять любую работу. Если бы пришлось выбирать только из двух возможностей, что бы вы предпочли? Выберите одно в каждой паре.',
    locale: 'ru',
    showProgressBar: true,
    progressBarLocation: 'aboveheader',
    showQuestionNumbers: 'off',
    completeText: 'Узнать результат',
    pages: DDO_PAIRS.map(([a, b], i) => ({
      name: `page_${i + 1}`,
      elements: [{
        type: 'radiogroup',
        name: ddoQuestion(i + 1),
        title: `${i + 1} из ${DDO_PAIRS.length}. Что бы вы предпочли?`,
        isRequired: true,
        choices: [{ value: 'a', text: a }, { value: 'b', text: b }],
      }],
    })),
    calculatedValues: [
      ...DDO_TYPES.map((t) => ({ name: scoreName(t), expression: scoreExpression(t), includeIntoResult: true })),
      { name: 'score_top', expression: `max(${DDO_TYPES.map((t) => `{${scoreName(t)}}`).join(', ')})` },
    ],
    completedHtmlOnCondition: subsets().map((dominant) => ({
      expression: DDO_TYPES.map((t) => `{${scoreName(t)}} ${dominant.includes(t) ? '=' : '<'} {score_top}`).join(' and '),
      html: resultHtml(dominant),
    })),
  };
  return {
    json,
    mapping: { kind: 'student_diagnostic', instrument: 'ddo_klimov', took: variables.took, preference: variables.preference, minScore: DDO_STRONG },
    indicators: [],
    skipped: [],
  };
}
