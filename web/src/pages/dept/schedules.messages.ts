import { defineMessages, plural } from '../../i18n/messages.ts';

const days = (n: number) => `${n} ${plural('en', n, { one: 'day', many: 'days' })}`;

export const schedulesMessages = defineMessages(
  {
    frequency: {
      month: 'ежемесячно',
      quarter: 'ежеквартально',
      term: 'каждую четверть',
      half_year: 'раз в полугодие',
      year: 'ежегодно (календарный год)',
      school_year: 'ежегодно (учебный год)',
      season: 'летний сезон (июнь–август)',
    } as Record<string, string>,
    saved: (period: string, opensOn: string, deadline: string) => `Готово. Ближайший период ${period}: открытие ${opensOn}, срок ${deadline} (время муниципалитета).`,
    notSaved: 'Не сохранено',
    title: 'Регулярные сборы',
    schedule: (frequency: string, opensBefore: number, dueAfter: number, dueTime: string) =>
      `${frequency}; открывается за ${opensBefore} дн. до конца периода, срок — ${dueAfter} дн. после, ${dueTime}`,
    empty: 'Пока нет. Квартальный отчёт «до 5-го числа месяца после квартала»: открытие за 5 дней до конца квартала, срок через 5 дней после.',
    form: 'Форма',
    name: 'Название',
    periodKind: 'Периодичность',
    opensBefore: 'Открыть за (дней до конца периода)',
    dueAfter: 'Срок (дней после конца периода)',
    dueTime: 'Время срока',
    submit: 'Настроить регулярный сбор',
  },
  {
    frequency: {
      month: 'monthly',
      quarter: 'quarterly',
      term: 'every school term',
      half_year: 'every half-year',
      year: 'yearly (calendar year)',
      school_year: 'yearly (school year)',
      season: 'summer season (June–August)',
    },
    saved: (period: string, opensOn: string, deadline: string) => `Done. Next period ${period}: opens on ${opensOn}, deadline ${deadline} (municipality time).`,
    notSaved: 'Not saved',
    title: 'Recurring collections',
    schedule: (frequency: string, opensBefore: number, dueAfter: number, dueTime: string) =>
      `${frequency}; opens ${days(opensBefore)} before the period ends, deadline ${days(dueAfter)} after it, ${dueTime}`,
    empty: 'None yet. For a quarterly report due “by the 5th of the month after the quarter”: open 5 days before the quarter ends, deadline 5 days after.',
    form: 'Form',
    name: 'Title',
    periodKind: 'Frequency',
    opensBefore: 'Open (days before the period ends)',
    dueAfter: 'Deadline (days after the period ends)',
    dueTime: 'Deadline time',
    submit: 'Set up recurring collection',
  },
);
