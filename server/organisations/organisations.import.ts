// Parses a CSV list of institutions (what a department keeps in Excel) into rows ready to
// insert, or a report naming each bad row. Accepts ; or , separators and Russian or English
// headers and values.
import { parse } from 'csv-parse/sync';
import type { Organisation } from '../../drizzle/schema/index.ts';
import type { ErrorDetail } from '../shared/errors.ts';
import { DEFAULT_TYPE, institutionTypeProblem } from './organisations.rules.ts';

type Kind = NonNullable<Organisation['kind']>;
type InstitutionType = NonNullable<Organisation['type']>;
export type ImportedInstitution = {
  code: string;
  name: string;
  shortName: string | null;
  kind: Kind;
  type: InstitutionType | null;
  settlement: 'urban' | 'rural' | null;
};

const HEADERS: Record<string, keyof ImportedInstitution> = {
  code: 'code', код: 'code',
  name: 'name', наименование: 'name', название: 'name',
  short_name: 'shortName', 'краткое наименование': 'shortName',
  kind: 'kind', вид: 'kind',
  type: 'type', тип: 'type',
  settlement: 'settlement', местность: 'settlement',
};
const KINDS: Record<string, Kind> = {
  school: 'school', оо: 'school', школа: 'school',
  kindergarten: 'kindergarten', доо: 'kindergarten', 'детский сад': 'kindergarten',
  supplementary: 'supplementary', удо: 'supplementary',
};
const TYPES: Record<string, InstitutionType> = {
  nosh: 'nosh', нош: 'nosh', oosh: 'oosh', оош: 'oosh', sosh: 'sosh', сош: 'sosh',
  gymnasium: 'gymnasium', гимназия: 'gymnasium', lyceum: 'lyceum', лицей: 'lyceum',
  dou: 'dou', доу: 'dou', udo: 'udo', удо: 'udo',
};
const SETTLEMENTS: Record<string, 'urban' | 'rural'> = {
  urban: 'urban', городская: 'urban', город: 'urban', rural: 'rural', сельская: 'rural', село: 'rural',
};
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export function parseInstitutionsCsv(csv: string): { rows: ImportedInstitution[]; errors: ErrorDetail[] } {
  const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { rows: [], errors: [{ field: 'csv', code: 'csv.malformed', message: `Файл не читается как CSV: ${(error as Error).message}` }] };
  }
  const [header = [], ...body] = records;
  const columns = header.map((h) => HEADERS[h.toLowerCase()]);
  const missing = (['code', 'name', 'kind'] as const).filter((c) => !columns.includes(c));
  if (missing.length) {
    return { rows: [], errors: [{ field: 'csv', code: 'csv.missing_columns', message: `Нет обязательных столбцов: ${missing.join(', ')}` }] };
  }
  const rows: ImportedInstitution[] = [];
  const errors: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  body.forEach((record, i) => {
    const line = i + 2; // 1-based, after the header: the number a spreadsheet shows
    const cell = (key: keyof ImportedInstitution) => record[columns.indexOf(key)]?.trim() ?? '';
    const bad = (field: string, message: string) => errors.push({ field: `строка ${line}: ${field}`, code: 'csv.bad_row', message });
    const code = cell('code');
    const name = cell('name');
    const kind = KINDS[cell('kind').toLowerCase()];
    const typeText = cell('type').toLowerCase();
    const type = typeText ? TYPES[typeText] : undefined;
    const settlementText = cell('settlement').toLowerCase();
    const settlement = settlementText ? SETTLEMENTS[settlementText] : null;
    const before = errors.length;
    if (!CODE.test(code)) bad('code', code ? `недопустимый код «${code}» (латиница, цифры, . _ -)` : 'не указан код');
    else if (seen.has(code)) bad('code', `код «${code}» повторяется (уже в строке ${seen.get(code)})`);
    if (!name) bad('name', 'не указано наименование');
    else if (name.length > 300) bad('name', 'наименование длиннее 300 символов');
    if (!kind) bad('kind', `неизвестный вид «${cell('kind')}» (ОО, ДОО, УДО)`);
    if (typeText && !type) bad('type', `неизвестный тип «${cell('type')}»`);
    if (settlement === undefined) bad('settlement', `неизвестная местность «${cell('settlement')}» (городская, сельская)`);
    if (kind && type) {
      const problem = institutionTypeProblem(kind, type);
      if (problem) bad('type', problem);
    }
    if (code) seen.set(code, line);
    if (errors.length === before) {
      rows.push({ code, name, shortName: cell('shortName') || null, kind, type: type ?? DEFAULT_TYPE[kind], settlement: settlement ?? null });
    }
  });
  if (body.length === 0) errors.push({ field: 'csv', code: 'csv.empty', message: 'В файле нет ни одной строки с данными' });
  return { rows, errors };
}
