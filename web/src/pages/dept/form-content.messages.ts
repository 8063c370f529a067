// Text the form builder writes INTO a form: it is the respondents' form, in Russian whatever
// language the builder's own interface speaks. Plain constants, not a {ru, en} pair.

/** The form's title when the generator proposes none. */
export const DEFAULT_FORM_TITLE: Record<string, string> = {
  self_report: 'Самообследование организации',
  parent_survey: 'Опрос родителей',
  student_diagnostic: 'Профориентационная диагностика (ДДО)',
};

/** The title of a question the builder adds by hand (a free-text answer). */
export const NEW_QUESTION_TITLE = 'Новый вопрос (свободный ответ)';
