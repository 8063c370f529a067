import { defineMessages } from '../../i18n/messages.ts';

export const downloadMessages = defineMessages(
  {
    received: (kilobytes: number) => `${kilobytes} КБ`,
    done: (kilobytes: number) => `готово, ${kilobytes} КБ`,
    error: (status: number) => `Ошибка ${status}`,
    offline: 'нет связи',
  },
  {
    received: (kilobytes: number) => `${kilobytes} KB`,
    done: (kilobytes: number) => `done, ${kilobytes} KB`,
    error: (status: number) => `Error ${status}`,
    offline: 'no connection',
  },
);
