import { defineMessages } from '../../i18n/messages.ts';

/** The server gives a small cell the reason "n < 5"; any other reason is the complementary suppression. */
const isSmallCell = (reason: string) => /^n\s*</.test(reason);

export const indicatorsMessages = defineMessages(
  {
    withheld: (reason: string) =>
      isSmallCell(String(reason))
        ? `Значение скрыто: ${reason}. Менее 5 респондентов — по правилам конфиденциальности.`
        : `Значение скрыто: ${reason} (правила конфиденциальности).`,
    zeroDenominator: 'Знаменатель равен нулю',
    notApplicable: 'н/п',
    // a catalogue draft (forms/catalogue DRAFT_TEXT): the seed names it but gives no formula
    draft: 'Методика не утверждена: значение не рассчитывается',
    target: (target: string) => ` · цель ${target}`,
    percentSign: ' %',
    title: 'Показатели',
    catalogue: 'Каталог',
    period: 'Период',
    territory: 'Территория',
    kind: 'Вид',
    settlement: 'Местность',
    anySettlement: 'любая',
    onlyWithData: 'только с данными',
    noData: 'Данных пока нет: они появятся после первых отчётов и опросов.',
    downloadXlsx: 'Скачать XLSX',
    downloadCsv: 'Скачать CSV',
    chartLabel: (id: string) => `График показателя ${id} по единицам`,
    indicator: 'Показатель',
    surveyBased: 'по опросу',
    hideChart: 'скрыть график',
    chart: 'график',
    legend: (previousPeriod: string) =>
      `Цвет — зона относительно цели (зелёная, жёлтая, красная); ▲▼ — изменение к периоду ${previousPeriod}; «n < 5» — значение скрыто, менее 5 респондентов.`,
  },
  {
    withheld: (reason: string) =>
      isSmallCell(String(reason))
        ? `Value withheld: ${reason}. Fewer than 5 respondents, under the confidentiality rules.`
        : 'Value withheld so that another withheld value cannot be worked out from the totals (confidentiality rules).',
    zeroDenominator: 'The denominator is zero',
    notApplicable: 'n/a',
    draft: 'Method not approved yet: no value is computed',
    target: (target: string) => ` · target ${target}`,
    percentSign: '%',
    title: 'Indicators',
    catalogue: 'Catalogue',
    period: 'Period',
    territory: 'Area',
    kind: 'Type',
    settlement: 'Settlement',
    anySettlement: 'any',
    onlyWithData: 'only with data',
    noData: 'No data yet: it will appear after the first reports and surveys.',
    downloadXlsx: 'Download XLSX',
    downloadCsv: 'Download CSV',
    chartLabel: (id: string) => `Chart of indicator ${id} by unit`,
    indicator: 'Indicator',
    surveyBased: 'survey-based',
    hideChart: 'hide chart',
    chart: 'chart',
    legend: (previousPeriod: string) =>
      `Colour: zone relative to the target (green, yellow, red); ▲▼: change since ${previousPeriod}; “n < 5”: value withheld, fewer than 5 respondents.`,
  },
);
