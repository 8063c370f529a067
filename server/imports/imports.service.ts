// Imports variable values row by row: a file with any bad row imports nothing and comes back
// with a report naming each bad row; a good one is stored with its provenance.
import { and, eq, inArray, like } from 'drizzle-orm';
import { importsTable, organisationsTable } from '../../drizzle/schema/index.ts';
import { insertImported } from '../aggregation/values.write.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import * as catalogues from '../catalogues/catalogues.service.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { parseValues } from './imports.parse.ts';

type Ctx = { db: Db; scope: Scope };
export type ImportInput = { fileName: string; format: 'csv' | 'xlsx'; content: string };

function refuse(errors: ErrorDetail[]) {
  return new AppError(422, 'import.invalid', `Файл не импортирован: ошибок — ${errors.length}. Исправьте строки и загрузите файл снова.`, errors.slice(0, 500));
}

export async function importValues(ctx: Ctx, input: ImportInput) {
  const { rows, errors } = await parseValues(input.format, input.content);
  if (errors.length) throw refuse(errors);
  const codes = [...new Set(rows.map((r) => r.institution))];
  const institutions = await ctx.db
    .select({ id: organisationsTable.id, code: organisationsTable.code })
    .from(organisationsTable)
    .where(and(inArray(organisationsTable.code, codes), eq(organisationsTable.level, 'institution'), like(organisationsTable.path, `${ctx.scope.path}%`)));
  const byCode = new Map(institutions.map((i) => [i.code, i.id]));
  const known = new Set((await catalogues.variables(ctx, {})).map((v) => v.id));
  const seen = new Map<string, number>();
  for (const r of rows) {
    const bad = (field: string, message: string) => errors.push({ field: `строка ${r.line}: ${field}`, code: 'import.bad_row', message });
    if (!byCode.has(r.institution)) bad('код ОО', `организация «${r.institution.slice(0, 40)}» не найдена в вашей территории`);
    if (!known.has(r.variable)) bad('переменная', `переменной «${r.variable}» нет в каталоге`);
    const key = `${r.institution}|${r.variable}|${r.period}`;
    if (seen.has(key)) bad('переменная', `повтор строки ${seen.get(key)}: та же организация, переменная и период`);
    seen.set(key, r.line);
  }
  if (errors.length) throw refuse(errors);
  return ctx.db.transaction(async (tx) => {
    const [record] = await tx
      .insert(importsTable)
      .values({ ownerId: ctx.scope.organisationId, userId: ctx.scope.userId, fileName: input.fileName, format: input.format, rows: rows.length })
      .returning();
    await insertImported(tx, record.id, rows.map((r) => ({ variableId: r.variable, institutionId: byCode.get(r.institution)!, periodLabel: r.period, periodStart: r.periodStart, value: r.value })));
    return { id: record.id, rows: rows.length, fileName: record.fileName, createdAt: record.createdAt.toISOString() };
  });
}
