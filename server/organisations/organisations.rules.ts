// Rules of the organisation tree that both single edits and CSV imports obey.
import type { Organisation } from '../../drizzle/schema/index.ts';

// The top of every tree: the demo data and the first administrator (admin:create) both hang under it.
export const ROOT_ORGANISATION = { code: 'ru', name: 'Российская Федерация', level: 'root', timeZone: 'Europe/Moscow' } as const;

export const CHILD_LEVEL = { root: 'region', region: 'municipality', municipality: 'institution' } as const;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type Kind = NonNullable<Organisation['kind']>;
type InstitutionType = NonNullable<Organisation['type']>;

export const DEFAULT_TYPE: Record<Kind, InstitutionType | null> = { school: null, kindergarten: 'dou', supplementary: 'udo' };
const SCHOOL_TYPES: InstitutionType[] = ['nosh', 'oosh', 'sosh', 'gymnasium', 'lyceum'];

/** Problems with the kind/type pair of an institution, in Russian, or null. */
export function institutionTypeProblem(kind: Kind, type: InstitutionType | null | undefined): string | null {
  if (!type) return null;
  if (kind === 'school' ? SCHOOL_TYPES.includes(type) : type === DEFAULT_TYPE[kind]) return null;
  return `тип «${type}» не подходит для вида «${kind}»`;
}
