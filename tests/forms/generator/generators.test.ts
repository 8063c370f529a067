import { describe, expect, it } from 'vitest';
import { Model } from 'survey-core';
import 'survey-core/i18n/russian';
import { loadCatalogueSet } from '../../../forms/catalogue/catalogue.files.ts';
import { catalogueIndicators } from '../../../forms/catalogue/catalogue.stats.ts';
import { formulaVariables } from '../../../forms/catalogue/catalogue.validate.ts';
import { generateCareerDiagnostic } from '../../../forms/generator/career-diagnostic.ts';
import { DDO_KEY, ddoQuestion, scoreDdo } from '../../../forms/generator/ddo.ts';
import { checkForm } from '../../../forms/generator/form.check.ts';
import { contributions } from '../../../forms/generator/mapping.ts';
import { generateParentSurvey, surveyIndicators } from '../../../forms/generator/parent-survey.ts';
import { generateSelfReport } from '../../../forms/generator/self-report.ts';

const set = loadCatalogueSet();
const catalogue = (id: string) => set.catalogues.find((c) => c.id === id)!;
const variables = [...set.dictionary.variables.values()];
const kalininsky = catalogue('kalininsky');
const serovsky = catalogue('serovsky');

// TAL-1, TAL-2 and TAL-3 share pupils_5_18; TAL-2's part is ≤ its whole
const selfReport = generateSelfReport({ catalogue: kalininsky, variables, indicatorIds: ['TAL-1', 'TAL-2', 'TAL-3', 'TAL-5'] });
const kindergartenSurvey = generateParentSurvey({
  catalogue: serovsky, variables, audience: 'kindergarten',
  indicatorIds: surveyIndicators(serovsky, variables).map((i) => i.id),
});
const ddo = generateCareerDiagnostic({ took: 'career_diagnostic_took', preference: 'career_diagnostic_preference' });

describe('generated forms', () => {
  it('all three load in survey-core with no JSON errors and pass the linter', () => {
    for (const form of [selfReport, kindergartenSurvey, ddo]) expect(checkForm(form.json)).toEqual([]);
  });

  it('a self-report asks each shared variable once', () => {
    const names = new Model(selfReport.json).getAllQuestions().map((q) => q.name).filter((n) => !n.startsWith('comment_'));
    expect(new Set(names).size).toBe(names.length);
    const needed = new Set(['TAL-1', 'TAL-2', 'TAL-3', 'TAL-5'].flatMap((id) => formulaVariables(catalogueIndicators(kalininsky).find((i) => i.id === id)!.formula)));
    expect(new Set(names)).toEqual(needed);
    expect(names.filter((n) => n === 'pupils_5_18')).toHaveLength(1);
  });

  it('asks a yes/no fact as a boolean and counts as non-negative integers', () => {
    const model = new Model(selfReport.json);
    expect(model.getQuestionByName('has_school_sports_club').getType()).toBe('boolean');
    const count = model.getQuestionByName('pupils_5_18');
    expect(count.inputType).toBe('number');
    model.setValue('pupils_5_18', -3);
    expect(count.validate()).toBe(false);
  });

  it('a part greater than its whole fails validation with the Russian message', () => {
    const model = new Model(selfReport.json);
    model.locale = 'ru';
    model.data = { pupils_5_18: 100, pupils_5_18_supplementary: 120 };
    const part = model.getQuestionByName('pupils_5_18_supplementary');
    expect(part.validate()).toBe(false);
    expect(part.errors.map((e) => e.getText()).join(' ')).toMatch(/не может быть больше, чем/);
    model.setValue('pupils_5_18_supplementary', 80);
    expect(part.validate()).toBe(true);
  });

  it('the kindergarten parent survey covers the preschool satisfaction indicators of seed 004', () => {
    expect(kindergartenSurvey.indicators).toEqual(expect.arrayContaining(['S11-01', 'S11-02', 'S11-03']));
    const model = new Model(kindergartenSurvey.json);
    // one question per page, the last an optional free-text one
    expect(model.pages.every((p) => p.questions.length === 1)).toBe(true);
    const last = model.pages.at(-1)!.questions[0];
    expect([last.getType(), last.isRequired]).toEqual(['comment', false]);
    const rating = model.pages[0].questions[0];
    expect(rating.getType()).toBe('rating');
    expect(rating.visibleRateValues.map((v: { value: number }) => v.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the mapping turns sample answers into variable values', () => {
    expect(contributions(selfReport.mapping, { pupils_5_18: 120, pupils_5_18_supplementary: 90, has_school_sports_club: true, comment_D1_TAL: 'x' })).toEqual({
      pupils_5_18: 120, pupils_5_18_supplementary: 90, has_school_sports_club: 1,
    });
    const [first, second] = kindergartenSurvey.mapping.kind === 'parent_survey' ? kindergartenSurvey.mapping.rules : [];
    expect(contributions(kindergartenSurvey.mapping, { [first.question]: 5, [second.question]: 3 })).toEqual({
      [first.respondents]: 1, [first.satisfied]: 1, [second.respondents]: 1, [second.satisfied]: 0,
    });
  });
});

describe('the ДДО career diagnostic', () => {
  const sheet = (choose: (n: number) => 'a' | 'b') => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [ddoQuestion(i + 1), choose(i + 1)]));
  // every item of "человек — природа" chosen where possible: П gets 8 points
  const natureFirst = sheet((n) => (DDO_KEY.nature.includes(`${n}a`) ? 'a' : DDO_KEY.nature.includes(`${n}b`) ? 'b' : 'a'));

  it('scores a hand-made sheet: 8 for nature, and its dominant type', () => {
    const result = scoreDdo(natureFirst);
    expect(result.scores).toEqual({ nature: 8, technic: 4, human: 4, sign: 1, art: 3 });
    expect(result.dominant).toEqual(['nature']);
    expect(Object.values(result.scores).reduce((a, b) => a + b)).toBe(20);
  });

  it('survey-core computes the same scores and shows the dominant type', () => {
    const model = new Model(ddo.json);
    model.data = natureFirst;
    expect(['nature', 'technic', 'human', 'sign', 'art'].map((t) => model.getVariable(`score_${t}`))).toEqual([8, 4, 4, 1, 3]);
    model.doComplete();
    expect(model.processedCompletedHtml).toContain('Человек — природа');
    expect(model.processedCompletedHtml).not.toContain('Человек — техника (Т)');
  });

  it('reports every tied type', () => {
    // all "a": П 1a,6a,10a,11a,16a,20a = 6; Т 4a,9a,14a,19a = 4; Ч 2a,8a,12a,18a = 4; З 5a = 1; Х 3a,7a,13a,15a,17a = 5
    const allA = scoreDdo(sheet(() => 'a'));
    expect(allA.scores).toEqual({ nature: 6, technic: 4, human: 4, sign: 1, art: 5 });
    // pairs chosen so that Т (1б 4а 7б 14а 17б 19а) and З (2б 5а 9б 10б 12б 15б) tie at 6
    const tie = sheet((n) => ([1, 2, 7, 9, 10, 12, 15, 17].includes(n) ? 'b' : 'a'));
    const result = scoreDdo(tie);
    expect(result.scores).toEqual({ nature: 4, technic: 6, human: 2, sign: 6, art: 2 });
    expect(result.dominant).toEqual(['technic', 'sign']);
    const model = new Model(ddo.json);
    model.data = tie;
    model.doComplete();
    expect(model.processedCompletedHtml).toContain('несколько типов');
    expect(model.processedCompletedHtml).toContain('Человек — техника');
    expect(model.processedCompletedHtml).toContain('Человек — знаковая система');
  });

  it('feeds "took the diagnostic" and "has an identified preference" (7+ points)', () => {
    expect(contributions(ddo.mapping, natureFirst)).toEqual({ career_diagnostic_took: 1, career_diagnostic_preference: 1 });
    expect(contributions(ddo.mapping, sheet(() => 'a'))).toEqual({ career_diagnostic_took: 1, career_diagnostic_preference: 0 });
  });
});
