// The staff screens speak Russian first and English second. The choice is per browser
// (localStorage), can be forced by ?lang=en in a shared link, and re-renders every page
// that reads it without a reload.
import { useSyncExternalStore } from 'react';

export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const KEY = 'lang';
const isLang = (value: string | null): value is Lang => (LANGS as readonly (string | null)[]).includes(value);
const listeners = new Set<() => void>();

function initial(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  try {
    const stored = localStorage.getItem(KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage can be disabled (private mode); Russian is the default then
  }
  return 'ru';
}

let current: Lang = 'ru';
if (typeof window !== 'undefined') {
  current = initial();
  // a link with ?lang= sets the choice for the next visits too
  if (new URLSearchParams(window.location.search).has('lang')) setLang(current);
  else document.documentElement.lang = current;
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang) {
  current = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // the choice then lasts until the tab closes
  }
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

export function useLang(): Lang {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => current,
  );
}

/** The BCP 47 locale for Intl formatting of dates and numbers. */
export const LOCALE: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };
