// Message dictionaries live beside the page that uses them (`<page>.messages.ts`). The
// English dictionary must have exactly the keys and signatures of the Russian one, so a
// missing translation is a type error, not a blank on the screen.
import { LOCALE, useLang, type Lang } from './lang.ts';

// any parameters here: each dictionary fixes its own signatures, and `defineMessages` holds the English to them
type Message = string | ((...args: any[]) => string);
export type Dictionary = Record<string, Message | Record<string, string>>;
export type Messages<D extends Dictionary> = Record<Lang, D>;

export function defineMessages<D extends Dictionary>(ru: D, en: { [K in keyof D]: D[K] }): Messages<D> {
  return { ru, en };
}

/** The dictionary in the language the user chose; the page re-renders when it changes. */
export function useMessages<D extends Dictionary>(messages: Messages<D>): D {
  return messages[useLang()];
}

/** Russian has three plural forms (1 отчёт, 2 отчёта, 5 отчётов), English two. */
export function plural(lang: Lang, n: number, forms: { one: string; few?: string; many: string }): string {
  const rule = new Intl.PluralRules(LOCALE[lang]).select(n);
  return rule === 'one' ? forms.one : rule === 'few' ? (forms.few ?? forms.many) : forms.many;
}
