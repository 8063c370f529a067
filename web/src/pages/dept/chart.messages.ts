import { defineMessages } from '../../i18n/messages.ts';

export const chartMessages = defineMessages(
  {
    deadlineDay: (day: string) => `${day} срок`,
    perDay: 'За день',
    total: 'Всего',
    targetRate: (rate: number | string) => `Цель ${rate} %`,
    value: (percent: boolean) => `Значение${percent ? ', %' : ''}`,
    target: (target: number | string) => `Цель: ${target}`,
  },
  {
    deadlineDay: (day: string) => `${day} deadline`,
    perDay: 'Per day',
    total: 'Total',
    targetRate: (rate: number | string) => `Target ${rate}%`,
    value: (percent: boolean) => `Value${percent ? ', %' : ''}`,
    target: (target: number | string) => `Target: ${target}`,
  },
);
