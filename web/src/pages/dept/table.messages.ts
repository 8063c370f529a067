import { defineMessages } from '../../i18n/messages.ts';

export const tableMessages = defineMessages(
  {
    filter: 'Фильтр',
    filterHint: 'текст в любом столбце',
    rows: (shown: number, total: number) => `строк: ${shown}${shown !== total ? ` из ${total}` : ''}`,
    pages: 'Страницы',
    back: '← назад',
    forward: 'вперёд →',
    page: (page: number, pages: number) => `страница ${page} из ${pages}`,
  },
  {
    filter: 'Filter',
    filterHint: 'text in any column',
    rows: (shown: number, total: number) => `rows: ${shown}${shown !== total ? ` of ${total}` : ''}`,
    pages: 'Pages',
    back: '← back',
    forward: 'next →',
    page: (page: number, pages: number) => `page ${page} of ${pages}`,
  },
);
