// Dates and numbers in the user's language. Server timestamps are ISO instants; deadlines
// the server already renders in the municipality's local time stay as they are.
import { LOCALE, type Lang } from './lang.ts';

export const formatDateTime = (lang: Lang, iso: string | null) => (iso ? new Date(iso).toLocaleString(LOCALE[lang], { dateStyle: 'short', timeStyle: 'short' }) : '—');
export const formatDate = (lang: Lang, iso: string | null) => (iso ? new Date(iso).toLocaleDateString(LOCALE[lang]) : '—');
export const formatTime = (lang: Lang, iso: string | number) => new Date(iso).toLocaleTimeString(LOCALE[lang], { hour: '2-digit', minute: '2-digit' });

/** Integers as they are, fractions to one decimal place with the language's decimal mark. */
export const formatNumber = (lang: Lang, v: number | null) =>
  v === null ? '—' : Number.isInteger(v) ? String(v) : v.toLocaleString(LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
