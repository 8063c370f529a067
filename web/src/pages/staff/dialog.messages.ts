import { defineMessages } from '../../i18n/messages.ts';

export const dialogMessages = defineMessages(
  { cancel: 'Отмена', busy: 'Подождите…' },
  { cancel: 'Cancel', busy: 'Please wait…' },
);
