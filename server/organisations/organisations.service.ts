import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import { AppError, forbidden, notFound } from '../shared/errors.ts';
import { parseInstitutionsCsv } from './organisations.import.ts';
import {
  findByCodes,
  findOrganisation,
  insertOrganisations,
  listOrganisations,
  updateOrganisation,
} from './organisations.queries.ts';
import { recordAudit } from '../audit/audit.queries.ts';
import { CHILD_LEVEL, DEFAULT_TYPE, institutionTypeProblem, isTimeZone } from './organisations.rules.ts';
import type { CreateOrganisationBody, ImportBody, OrganisationListQuery, UpdateOrganisationBody } from './organisations.schemas.ts';

type Ctx = { db: Db; scope: Scope };

const invalid = (field: string, message: string) =>
  new AppError(422, 'organisation.invalid', message, [{ field, message }]);

export const list = ({ db, scope }: Ctx, filter: OrganisationListQuery) => listOrganisations(db, scope, filter);

export async function get({ db, scope }: Ctx, id: string) {
  const org = await findOrganisation(db, scope, id);
  if (!org) throw notFound('organisation');
  return org;
}

async function assertCodesFree(db: Db, codes: string[]) {
  const taken = await findByCodes(db, codes);
  if (taken.length) {
    throw new AppError(409, 'organisation.code_taken', `Код уже занят: ${taken.map((t) => t.code).join(', ')}`,
      taken.map((t) => ({ field: 'code', message: `код «${t.code}» уже занят` })));
  }
}

export async function create({ db, scope }: Ctx, input: CreateOrganisationBody) {
  const parent = await get({ db, scope }, input.parentId);
  if (parent.level === 'institution') throw invalid('parentId', 'У образовательной организации не может быть подразделений в дереве');
  const level = CHILD_LEVEL[parent.level];
  // analysts keep their municipality's list of institutions; the tree above is the administrator's
  if (scope.role !== 'admin' && level !== 'institution') throw forbidden('Создавать регионы и муниципалитеты может только администратор');
  if (level === 'institution') {
    if (!input.kind) throw invalid('kind', 'Укажите вид организации: school, kindergarten или supplementary');
    const problem = institutionTypeProblem(input.kind, input.type);
    if (problem) throw invalid('type', problem);
    if (input.timeZone) throw invalid('timeZone', 'Часовой пояс задаётся муниципалитету, а не организации');
  } else {
    if (!input.timeZone || !isTimeZone(input.timeZone)) throw invalid('timeZone', 'Укажите часовой пояс IANA, например Europe/Saratov');
    if (input.kind || input.type || input.settlement) throw invalid('kind', 'Вид, тип и местность задаются только образовательной организации');
  }
  await assertCodesFree(db, [input.code]);
  return db.transaction(async (tx) => {
    const [org] = await insertOrganisations(tx, [
      {
        id: randomUUID(),
        parentId: parent.id,
        parentPath: parent.path,
        level,
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        timeZone: level === 'institution' ? null : input.timeZone!,
        kind: input.kind ?? null,
        type: input.kind ? (input.type ?? DEFAULT_TYPE[input.kind]) : null,
        settlement: input.settlement ?? null,
      },
    ]);
    await recordAudit(tx, { actorId: scope.userId, action: 'organisation.create', organisationId: org!.id, details: { code: input.code, name: input.name, level } });
    return org;
  });
}

export async function update({ db, scope }: Ctx, id: string, patch: UpdateOrganisationBody) {
  const org = await get({ db, scope }, id);
  if (scope.role !== 'admin' && org.level !== 'institution') throw forbidden('Изменять регионы и муниципалитеты может только администратор');
  if (patch.timeZone !== undefined) {
    if (org.level === 'institution') throw invalid('timeZone', 'Часовой пояс задаётся муниципалитету, а не организации');
    if (!isTimeZone(patch.timeZone)) throw invalid('timeZone', 'Укажите часовой пояс IANA, например Europe/Saratov');
  }
  if ((patch.type !== undefined || patch.settlement !== undefined) && org.level !== 'institution') {
    throw invalid('type', 'Тип и местность задаются только образовательной организации');
  }
  if (patch.type && org.kind) {
    const problem = institutionTypeProblem(org.kind, patch.type);
    if (problem) throw invalid('type', problem);
  }
  const changes = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && (org as Record<string, unknown>)[k] !== v).map(([k, v]) => [k, { old: (org as Record<string, unknown>)[k] ?? null, new: v }]),
  );
  return db.transaction(async (tx) => {
    const updated = await updateOrganisation(tx, id, patch);
    await recordAudit(tx, { actorId: scope.userId, action: 'organisation.update', organisationId: id, details: { changes } });
    return updated;
  });
}

/** Imports a CSV of institutions into a municipality: all rows or none. */
export async function importInstitutions({ db, scope }: Ctx, input: ImportBody) {
  const municipality = await get({ db, scope }, input.municipalityId);
  if (municipality.level !== 'municipality') throw invalid('municipalityId', 'Импорт организаций выполняется в муниципалитет');
  const { rows, errors } = parseInstitutionsCsv(input.csv);
  if (errors.length) {
    throw new AppError(422, 'organisation.import_invalid', `Файл не импортирован: ошибок — ${errors.length}. Исправьте строки и загрузите файл снова.`, errors);
  }
  const taken = await findByCodes(db, rows.map((r) => r.code));
  if (taken.length) {
    const takenCodes = new Set(taken.map((t) => t.code));
    throw new AppError(422, 'organisation.import_invalid', `Файл не импортирован: коды уже заняты (${takenCodes.size}).`,
      rows.flatMap((r, i) => (takenCodes.has(r.code) ? [{ field: `строка ${i + 2}: code`, code: 'csv.code_taken', message: `код «${r.code}» уже занят` }] : [])));
  }
  return db.transaction(async (tx) => {
    const inserted = await insertOrganisations(tx as unknown as Db, rows.map((r) => ({ ...r, id: randomUUID(), parentId: municipality.id, parentPath: municipality.path, level: 'institution' as const, timeZone: null })));
    await recordAudit(tx, { actorId: scope.userId, action: 'organisation.import', organisationId: municipality.id, details: { count: inserted.length, codes: rows.map((r) => r.code).slice(0, 50) } });
    return inserted;
  });
}
