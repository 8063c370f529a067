import { defineMessages } from '../../i18n/messages.ts';

export const accountMessages = defineMessages(
  {
    title: 'Моя учётная запись',
    name: 'Имя',
    email: 'Почта',
    role: 'Роль',
    organisation: 'Организация',
    changeTitle: 'Сменить пароль',
    currentPassword: 'Текущий пароль',
    change: 'Сменить пароль',
    changing: 'Сохранение…',
    changed: 'Пароль изменён. Другие сеансы завершены.',
    failed: 'Пароль не изменён',
  },
  {
    title: 'My account',
    name: 'Name',
    email: 'Email',
    role: 'Role',
    organisation: 'Organisation',
    changeTitle: 'Change password',
    currentPassword: 'Current password',
    change: 'Change password',
    changing: 'Saving…',
    changed: 'Password changed. Your other sessions have ended.',
    failed: 'The password was not changed',
  },
);
