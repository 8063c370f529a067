// A form whose shape does not depend on the answers is checked without loading the answers into
// survey-core. That short path must decide exactly as the full one: on our generated parent
// surveys (the same form with a condition that is always true takes the full path, and both see
// the same random answers), and on every corpus form that takes it, with its hand-written cases
// and browser-like answers.
import { describe, expect, it } from 'vitest';
import { loadCatalogueSet } from '../../../forms/catalogue/catalogue.files.ts';
import { generateParentSurvey, surveyIndicators } from '../../../forms/generator/parent-survey.ts';
import { validateAnswers } from '../../../server/responses/answers/answers.validate.ts';
import { questionsOf } from '../../../forms/generator/questions.ts';
import { sanitiseFormMarkup } from '../../../server/forms/forms.markup.ts';
import { compiledForm } from '../../../server/responses/answers/answers.form.ts';
import { answerAsBrowser } from '../../helpers/browser-answers.ts';
import { corpus } from '../../helpers/surveyjs-corpus.ts';

const set = loadCatalogueSet();
const variables = [...set.dictionary.variables.values()];
const serovsky = set.catalogues.find((c) => c.id === 'serovsky')!;
const kalininsky = set.catalogues.find((c) => c.id === 'kalininsky')!;

const withAlwaysTrueCondition = (json: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(json), (key, value) => (value && typeof value === 'object' && !Array.isArray(value) && typeof value.type === 'string' && typeof value.name === 'string' && value.type !== 'panel' ? { ...value, visibleIf: '1 = 1' } : value));

/** Answers right, wrong, missing and foreign in every mix: ratings in and out of range, text, numbers, lists. */
function randomAnswers(json: Record<string, unknown>, seed: number) {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const questions = questionsOf(json);
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (rnd() < 0.15) continue;
    answers[q.name] = pick<unknown>([1, 2, 3, 4, 5, 0, 6, 7, '5', 'да', '', null, [3], ['x'], true, 3.5, 'x'.repeat(6000), 'Спасибо']);
  }
  if (rnd() < 0.1) answers.not_a_question = 1;
  return answers;
}

const forms = [
  generateParentSurvey({ catalogue: serovsky, variables, audience: 'kindergarten', indicatorIds: surveyIndicators(serovsky, variables).map((i) => i.id) }),
  generateParentSurvey({ catalogue: kalininsky, variables, audience: 'supplementary', indicatorIds: surveyIndicators(kalininsky, variables).map((i) => i.id) }),
];

describe('answer validation without loading the answers into survey-core', () => {
  it.each(forms.map((f, i) => [i, f]))('decides as the full survey-core path on 2,000 random answer sets (form %i)', (i, form) => {
    const full = withAlwaysTrueCondition(form.json);
    expect(JSON.stringify(full)).toContain('visibleIf');
    let accepted = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const answers = randomAnswers(form.json, seed * 7919 + Number(i));
      const short = validateAnswers(`short-${i}`, form.json, answers, true);
      const long = validateAnswers(`full-${i}`, full, answers, true);
      expect(short, `seed ${seed}`).toEqual(long);
      if (short.errors.length === 0) accepted++;
    }
    // the mix reaches both outcomes, so the agreement covers accepted and refused answers
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(2000);
  });
});

describe('the short path on the real forms of the corpus', () => {
  const accepted = corpus.filter((f) => f.formVerdict === 'accept').map((f) => ({ ...f, json: sanitiseFormMarkup(f.form).json as Record<string, unknown> }));
  const short = accepted.filter((f) => compiledForm(`short:${f.file}`, f.json).staticallyVisible !== null);

  it('is taken by the flat forms without conditions, and only by them', () => {
    expect(short.length).toBeGreaterThanOrEqual(5);
    expect(short.length).toBeLessThan(accepted.length);
  });

  it.each(short.map((f) => [f.file, f] as const))('%s: every hand-written case and 200 browser-like answer sets get the full walk’s verdict', (file, f) => {
    const sets = [...f.cases.map((c) => c.answers)];
    for (let seed = 1; seed <= 200; seed++) {
      let s = seed;
      sets.push(answerAsBrowser(f.json, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648)).sent);
    }
    for (const answers of sets) {
      for (const complete of [true, false]) {
        expect(validateAnswers(`short:${file}`, f.json, answers, complete), JSON.stringify(answers)).toEqual(validateAnswers(`short:${file}`, f.json, answers, complete, { path: 'full' }));
      }
    }
  });
});
