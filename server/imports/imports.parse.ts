// Reads a file of variable values (what regional systems export): CSV (; or ,) or XLSX, with
// Russian or English headers, into rows, or a report naming each bad row.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ErrorDetail } from '../shared/errors.ts';

export type ValueRow = { line: number; institution: string; variable: string; period: string; periodStart: string; value: number };

const HEADERS: Record<string, keyof Omit<ValueRow, 'line'>> = {
  institution_code: 'institution', 'код оо': 'institution', 'код организации': 'institution', institution: 'institution',
  variable: 'variable', переменная: 'variable', variable_id: 'variable',
  period: 'period', период: 'period', period_label: 'period',
  period_start: 'periodStart', 'начало периода': 'periodStart',
  value: 'value', значение: 'value',
};
const YES = new Set(['да', 'yes', 'true']);
const NO = new Set(['нет', 'no', 'false']);

function toDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : ru ? [ru[3], ru[2], ru[1]] : [];
  if (!y) return null;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}` ? null : `${y}-${m}-${d}`;
}

function toValue(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return 1;
  if (NO.has(t)) return 0;
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

async function table(format: 'csv' | 'xlsx', content: string): Promise<string[][]> {
  if (format === 'csv') {
    const first = content.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (first.match(/;/g)?.length ?? 0) >= (first.match(/,/g)?.length ?? 0) ? ';' : ',';
    return parse(content.replace(/^\uFEFF/, ''), { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(content, 'base64') as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : typeof v === 'object' && 'result' in (v as object) ? String((v as { result: unknown }).result) : String(v))));
  });
  return rows;
}

export async function parseValues(format: 'csv' | 'xlsx', content: string): Promise<{ rows: ValueRow[]; errors: ErrorDetail[] }> {
  let records: string[][];
  try {
    records = await table(format, content);
  } catch (error) {
    return { rows: [], errors: [{ field: 'file', code: 'import.unreadable', message: `Файл не читается как ${format.toUpperCase()}: ${(error as Error).message.slice(0, 200)}` }] };
  }
  const [header = [], ...body] = records;
  const columns = header.map((h) => HEADERS[String(h).trim().toLowerCase()]);
  const missing = (['institution', 'variable', 'period', 'periodStart', 'value'] as const).filter((c) => !columns.includes(c));
  if (missing.length) return { rows: [], errors: [{ field: 'file', code: 'import.missing_columns', message: `Нет обязательных столбцов: ${missing.join(', ')} (ожидаются: код ОО; переменная; период; начало периода; значение)` }] };
  const rows: ValueRow[] = [];
  const errors: ErrorDetail[] = [];
  body.forEach((record, i) => {
    const line = i + 2;
    const cell = (k: keyof Omit<ValueRow, 'line'>) => String(record[columns.indexOf(k)] ?? '').trim();
    const bad = (field: string, message: string) => errors.push({ field: `строка ${line}: ${field}`, code: 'import.bad_row', message });
    const before = errors.length;
    const periodStart = toDate(cell('periodStart'));
    const value = toValue(cell('value'));
    if (!cell('institution')) bad('код ОО', 'не указан код организации');
    if (!/^[a-z][a-z0-9_]{0,79}$/.test(cell('variable'))) bad('переменная', `недопустимый идентификатор переменной «${cell('variable').slice(0, 60)}»`);
    if (!cell('period') || cell('period').length > 40) bad('период', 'не указан период (например, 2026/27)');
    if (!periodStart) bad('начало периода', `недопустимая дата «${cell('periodStart').slice(0, 20)}» (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)`);
    if (value === null) bad('значение', `не число: «${cell('value').slice(0, 30)}»`);
    else if (value < 0) bad('значение', 'отрицательное значение');
    if (errors.length === before) rows.push({ line, institution: cell('institution'), variable: cell('variable'), period: cell('period'), periodStart: periodStart!, value: value! });
  });
  if (body.length === 0) errors.push({ field: 'file', code: 'import.empty', message: 'В файле нет строк с данными' });
  return { rows, errors };
}
