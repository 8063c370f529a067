import { defineMessages, plural } from '../../i18n/messages.ts';

export const catalogueMessages = defineMessages(
  {
    title: 'Каталог показателей',
    catalogue: 'Каталог',
    versionAndCount: (version: number, indicators: number) => `(в. ${version}, ${indicators})`,
    search: 'Поиск',
    searchHint: 'название или номер показателя',
    goal: (goal: string) => `Цель: ${goal}`,
    colNumber: '№',
    colIndicator: 'Показатель',
    colFormula: 'Формула',
    colSource: 'Источник / метод',
    colPeriodicity: 'Периодичность',
    colTarget: 'Цель',
    notes: (n: number) => `примечаний: ${n}`,
    /** How the data for an indicator are collected. */
    instrument: { self_report: 'самообследование', parent_survey: 'опрос родителей', student_diagnostic: 'диагностика', import: 'выгрузка из ИС' } as Record<string, string>,
    /** The kind of an indicator's formula. */
    formulaKind: { share: 'доля', count: 'количество', cumulative: 'нарастающий итог', mean: 'среднее', flag: 'да/нет (доля ОО)', index: 'индекс' } as Record<string, string>,
  },
  {
    title: 'Indicator catalogue',
    catalogue: 'Catalogue',
    versionAndCount: (version: number, indicators: number) => `(v. ${version}, ${indicators} ${plural('en', indicators, { one: 'indicator', many: 'indicators' })})`,
    search: 'Search',
    searchHint: 'indicator name or number',
    goal: (goal: string) => `Goal: ${goal}`,
    colNumber: 'No.',
    colIndicator: 'Indicator',
    colFormula: 'Formula',
    colSource: 'Source / method',
    colPeriodicity: 'Periodicity',
    colTarget: 'Target',
    notes: (n: number) => `notes: ${n}`,
    instrument: { self_report: 'self-report', parent_survey: 'parent survey', student_diagnostic: 'diagnostic', import: 'information system export' },
    formulaKind: { share: 'share', count: 'count', cumulative: 'cumulative total', mean: 'mean', flag: 'yes/no (share of institutions)', index: 'index' },
  },
);
