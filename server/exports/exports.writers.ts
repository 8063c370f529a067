// Streams a table as CSV (UTF-8 with BOM and ";" so Excel opens Russian text right) or XLSX
// (exceljs's streaming writer): rows are written as they come, never held all at once.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;
export type Sheet = { name: string; header: string[]; rows: AsyncIterable<Cell[]> | Iterable<Cell[]> };

const csvCell = (v: Cell) => {
  if (v === null) return '';
  // text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
  // apostrophe: a parent's free text must never become a formula on the analyst's machine
  const s = typeof v === 'number' ? String(v).replace('.', ',') : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csvStream(sheet: Sheet): Readable {
  async function* lines() {
    yield '\uFEFF' + sheet.header.map(csvCell).join(';') + '\r\n';
    for await (const row of sheet.rows) yield row.map(csvCell).join(';') + '\r\n';
  }
  return Readable.from(lines());
}

export function xlsxStream(sheet: Sheet): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
  (async () => {
    const head = ws.addRow(sheet.header);
    head.font = { bold: true };
    head.commit();
    for await (const row of sheet.rows) ws.addRow(row).commit();
    ws.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error as Error));
  return out;
}
