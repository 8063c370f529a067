// Parent satisfaction survey: short, one question per page, a 1–5 scale with Russian labels,
// an optional free-text question at the end. Each satisfaction indicator becomes one question;
// the mapping counts 4–5 as "satisfied" (or "involved").
import type { Catalogue, Indicator, Variable } from '../catalogue/catalogue.schemas.ts';
import type { GeneratedForm, SurveyRule } from './mapping.schemas.ts';

export type SurveyAudience = 'school' | 'kindergarten' | 'supplementary';
const PLACE: Record<SurveyAudience, { of: string; child: string }> = {
  school: { of: 'школы', child: 'ваш ребёнок учится' },
  kindergarten: { of: 'детского сада', child: 'ваш ребёнок посещает детский сад' },
  supplementary: { of: 'кружков и секций', child: 'ваш ребёнок занимается' },
};

const SATISFACTION = ['Совсем не удовлетворены', 'Скорее не удовлетворены', 'Отчасти удовлетворены', 'Скорее удовлетворены', 'Полностью удовлетворены'];
const INVOLVEMENT = ['Совсем не участвую', 'Участвую редко', 'Участвую иногда', 'Участвую часто', 'Участвую постоянно'];

type Wording = { title: string; labels: string[] };

function wordingFor(indicator: Indicator, audience: SurveyAudience): Wording {
  const name = indicator.name.toLowerCase();
  const place = PLACE[audience];
  if (/вовлеч|участ/.test(name)) {
    return { title: `Как часто вы участвуете в жизни ${place.of}: в мероприятиях, занятиях, проектах вместе с ребёнком?`, labels: INVOLVEMENT };
  }
  if (/многообраз|разнообраз/.test(name)) {
    return { title: 'Насколько вы удовлетворены выбором программ дополнительного образования (кружков, секций, студий) для вашего ребёнка?', labels: SATISFACTION };
  }
  if (/услови/.test(name)) {
    return { title: `Насколько вы удовлетворены условиями ${place.of}: помещения, оснащение, безопасность, питание?`, labels: SATISFACTION };
  }
  if (/программ/.test(name)) {
    return { title: `Насколько вы удовлетворены качеством образовательной программы, по которой ${place.child}?`, labels: SATISFACTION };
  }
  const topic = indicator.name.replace(/^.*удовлетвор[её]нн\S*\s*/i, '').replace(/[.,;]+$/, '');
  return { title: `Насколько вы удовлетворены: ${topic}?`, labels: SATISFACTION };
}

/** The survey indicators of a catalogue: shares whose variables come from a parent survey. */
export function surveyIndicators(catalogue: Catalogue, variables: Variable[]): Indicator[] {
  const byId = new Map(variables.map((v) => [v.id, v]));
  const fromSurvey = (id: unknown) => typeof id === 'string' && byId.get(id)?.instruments.includes('parent_survey') && byId.get(id)?.unit === 'respondents';
  return catalogue.directions.flatMap((d) => d.tracks.flatMap((t) => t.indicators)).filter(
    (i) => i.formula.kind === 'share' && fromSurvey(i.formula.numerator) && fromSurvey(i.formula.denominator),
  );
}

type Input = { catalogue: Catalogue; variables: Variable[]; indicatorIds: string[]; audience: SurveyAudience; title?: string };

export function generateParentSurvey({ catalogue, variables, indicatorIds, audience, title }: Input): GeneratedForm {
  const eligible = new Map(surveyIndicators(catalogue, variables).map((i) => [i.id, i]));
  const rules: SurveyRule[] = [];
  const skipped: GeneratedForm['skipped'] = [];
  const pages = [];
  const seen = new Set<string>();
  for (const id of indicatorIds) {
    const indicator = eligible.get(id);
    if (!indicator || indicator.formula.kind !== 'share') {
      skipped.push({ indicator: id, reason: 'не опросный показатель (нет пары «ответили / удовлетворены»)' });
      continue;
    }
    const satisfied = indicator.formula.numerator as string;
    if (seen.has(satisfied)) continue; // two indicators on one quantity share one question
    seen.add(satisfied);
    const name = `q_${satisfied}`;
    const wording = wordingFor(indicator, audience);
    pages.push({
      name: `page_${pages.length + 1}`,
      elements: [{
        type: 'rating',
        name,
        title: wording.title,
        isRequired: true,
        rateType: 'labels',
        displayMode: 'buttons',
        rateValues: wording.labels.map((text, i) => ({ value: i + 1, text: `${i + 1} — ${text}` })),
      }],
    });
    rules.push({ question: name, indicator: indicator.id, respondents: indicator.formula.denominator as string, satisfied, satisfiedValues: [4, 5] });
  }
  pages.push({
    name: `page_${pages.length + 1}`,
    elements: [{ type: 'comment', name: 'suggestions', title: `Что бы вы предложили улучшить в работе ${PLACE[audience].of}? (необязательно)`, maxLength: 1000, rows: 4 }],
  });
  return {
    json: {
      title: title ?? `Опрос родителей: удовлетворённость работой ${PLACE[audience].of}`,
      description: 'Опрос анонимный и займёт 2–3 минуты. Мы не спрашиваем ваше имя и не сохраняем адрес устройства.',
      locale: 'ru',
      showProgressBar: true,
      progressBarLocation: 'aboveheader',
      showQuestionNumbers: 'off',
      completeText: 'Отправить',
      completedHtml: '<h3>Спасибо! Ваш ответ отправлен.</h3><p>Результаты опроса помогут сделать работу лучше.</p>',
      pages,
    },
    mapping: { kind: 'parent_survey', rules },
    indicators: rules.map((r) => r.indicator!),
    skipped,
  };
}
