// A small hand-written parent survey with a conditional question, for validation tests.
export const customSurvey = {
  title: 'Опрос родителей (тест)',
  kind: 'parent_survey',
  json: {
    locale: 'ru',
    pages: [{
      name: 'p1',
      elements: [
        { type: 'rating', name: 'q_sat', title: 'Удовлетворены ли вы программой?', rateMin: 1, rateMax: 5, isRequired: true },
        { type: 'comment', name: 'why', title: 'Что не так?', visibleIf: '{q_sat} <= 2' },
        { type: 'radiogroup', name: 'age_group', title: 'Возраст ребёнка', choices: ['3-4', '5-7'] },
        { type: 'text', inputType: 'number', name: 'children', title: 'Сколько у вас детей?', min: 1, max: 15 },
      ],
    }],
  },
  mapping: {
    kind: 'parent_survey',
    rules: [{ question: 'q_sat', respondents: 'parents_sat_dou_programmes_respondents', satisfied: 'parents_sat_dou_programmes_satisfied', satisfiedValues: [4, 5] }],
  },
};

// TAL-8: parents satisfied with the variety of supplementary education (rating 4–5 of 5).
export const supplementaryVarietySurvey = {
  title: 'Удовлетворённость родителей дополнительным образованием',
  kind: 'parent_survey',
  json: { locale: 'ru', pages: [{ name: 'p1', elements: [{ type: 'rating', name: 'q', title: 'Довольны ли вы выбором кружков?', rateMin: 1, rateMax: 5, isRequired: true }] }] },
  mapping: { kind: 'parent_survey', rules: [{ question: 'q', respondents: 'supplementary_variety_respondents', satisfied: 'supplementary_variety_satisfied', satisfiedValues: [4, 5] }] },
};
