import { defineMessages } from '../../i18n/messages.ts';

export const loginMessages = defineMessages(
  { title: 'Вход', email: 'Электронная почта', password: 'Пароль', submit: 'Войти', busy: 'Вход…', failed: 'Не удалось войти' },
  { title: 'Sign in', email: 'Email', password: 'Password', submit: 'Sign in', busy: 'Signing in…', failed: 'Could not sign in' },
);
