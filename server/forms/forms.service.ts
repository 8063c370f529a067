import { Model } from 'survey-core';
import { eq, max } from 'drizzle-orm';
import { formsTable, formVersionsTable } from '../../drizzle/schema/index.ts';
import { generateCareerDiagnostic } from '../../forms/generator/career-diagnostic.ts';
import { inspectForm, type FormProblem } from '../../forms/generator/form.check.ts';
import { mappingProblems } from '../../forms/generator/mapping.check.ts';
import type { GeneratedForm } from '../../forms/generator/mapping.schemas.ts';
import { generateParentSurvey } from '../../forms/generator/parent-survey.ts';
import { generateSelfReport } from '../../forms/generator/self-report.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import * as catalogues from '../catalogues/catalogues.service.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { sanitiseFormMarkup } from './forms.markup.ts';
import { findForm, findFormVersion, formVersions, listForms } from './forms.queries.ts';
import type { CreateFormBody, GenerateBody, VersionBody } from './forms.schemas.ts';

type Ctx = { db: Db; scope: Scope };
const iso = <T extends { createdAt: Date }>(row: T) => ({ ...row, createdAt: row.createdAt.toISOString() });

// The diagnostic feeds the shared dictionary's diagnostic variables in every catalogue.
export const DIAGNOSTIC_VARIABLES = { took: 'career_diagnostic_took', preference: 'career_diagnostic_preference' };

export async function generate(ctx: Ctx, body: GenerateBody) {
  let generated: GeneratedForm;
  let catalogueVersionId: string | null = null;
  if (body.kind === 'student_diagnostic') {
    generated = generateCareerDiagnostic(DIAGNOSTIC_VARIABLES);
  } else {
    if (!body.catalogue) throw new AppError(422, 'form.catalogue_required', 'Укажите каталог, из показателей которого строится форма', [{ field: 'catalogue', message: 'обязательное поле' }]);
    const catalogue = await catalogues.get(ctx, { code: body.catalogue, version: body.version });
    catalogueVersionId = catalogue.id;
    const input = { catalogue: catalogue.content, variables: catalogue.variables, indicatorIds: body.indicators, title: body.title };
    generated = body.kind === 'self_report' ? generateSelfReport(input) : generateParentSurvey({ ...input, audience: body.audience ?? 'school' });
  }
  return { ...generated, catalogueVersionId, ...inspectForm(generated.json) };
}

function assertValid(body: VersionBody, problems: FormProblem[], knownVariables?: Set<string>) {
  if (problems.length) {
    throw new AppError(422, 'form.invalid', 'Форма содержит ошибки и не сохранена', problems.map((p) => ({ field: p.path ?? 'json', code: p.code, message: p.message })));
  }
  const questions = new Set(new Model(body.json).getAllQuestions().map((q) => q.name));
  const mapping = mappingProblems(body.mapping, questions, knownVariables);
  if (mapping.length) {
    throw new AppError(422, 'form.mapping_invalid', 'Связь вопросов с переменными нарушена', mapping.map((p) => ({ field: `mapping.${p.question}`, code: 'form.mapping', message: p.message })));
  }
}

// The cleaned JSON is what gets validated, stored and answered; what went, and what survey-core's
// linter notices, are warnings returned with the form, not refusals.
function checkedJson(body: VersionBody) {
  const { json, warnings } = sanitiseFormMarkup(body.json);
  const inspected = inspectForm(json);
  return { json, problems: inspected.problems, warnings: [...warnings, ...inspected.warnings] };
}

async function knownVariablesOf(ctx: Ctx, catalogueVersionId: string | null | undefined) {
  if (!catalogueVersionId) return undefined;
  const catalogue = await catalogues.get(ctx, { id: catalogueVersionId });
  return new Set(catalogue.variables.map((v) => v.id));
}

export async function create(ctx: Ctx, body: CreateFormBody) {
  const owner = await organisations.get(ctx, body.ownerId ?? ctx.scope.organisationId);
  if (owner.level === 'institution') throw new AppError(422, 'form.invalid_owner', 'Форму ведёт муниципалитет или регион', [{ field: 'ownerId', message: 'неподходящий уровень' }]);
  if (body.mapping.kind !== body.kind) throw new AppError(422, 'form.mapping_invalid', 'Вид связи не совпадает с видом формы', [{ field: 'mapping.kind', message: 'не совпадает с kind' }]);
  const { json, warnings, problems } = checkedJson(body);
  assertValid({ ...body, json }, problems, await knownVariablesOf(ctx, body.catalogueVersionId));
  return ctx.db.transaction(async (tx) => {
    const [form] = await tx.insert(formsTable).values({ ownerId: owner.id, title: body.title, kind: body.kind, createdBy: ctx.scope.userId }).returning();
    const [version] = await tx
      .insert(formVersionsTable)
      .values({ formId: form.id, version: 1, json, mapping: body.mapping, indicators: body.indicators ?? [], catalogueVersionId: body.catalogueVersionId ?? null, createdBy: ctx.scope.userId })
      .returning();
    return { ...iso(form), latestVersion: 1, latestVersionId: version.id, versions: [iso(version)], warnings };
  });
}

export async function get(ctx: Ctx, id: string) {
  const form = await findForm(ctx.db, ctx.scope, id);
  if (!form) throw notFound('form');
  const versions = (await formVersions(ctx.db, id)).map(iso);
  return { ...iso(form), latestVersion: versions[0].version, latestVersionId: versions[0].id, versions };
}

export async function addVersion(ctx: Ctx, formId: string, body: VersionBody) {
  const form = await get(ctx, formId);
  if (body.mapping.kind !== form.kind) throw new AppError(422, 'form.mapping_invalid', 'Вид связи не совпадает с видом формы', [{ field: 'mapping.kind', message: 'не совпадает с видом формы' }]);
  const catalogueVersionId = body.catalogueVersionId === undefined ? form.versions[0].catalogueVersionId : body.catalogueVersionId;
  const { json, warnings, problems } = checkedJson(body);
  assertValid({ ...body, json }, problems, await knownVariablesOf(ctx, catalogueVersionId));
  return ctx.db.transaction(async (tx) => {
    // the unique (form, version) constraint turns a concurrent publish into a retryable conflict
    const [{ latest }] = await tx.select({ latest: max(formVersionsTable.version) }).from(formVersionsTable).where(eq(formVersionsTable.formId, formId));
    const [version] = await tx
      .insert(formVersionsTable)
      .values({ formId, version: (latest ?? 0) + 1, json, mapping: body.mapping, indicators: body.indicators ?? form.versions[0].indicators, catalogueVersionId, createdBy: ctx.scope.userId })
      .returning();
    return { ...iso(version), warnings };
  });
}

export const list = async (ctx: Ctx) => (await listForms(ctx.db, ctx.scope)).map((f) => ({ ...iso(f), latestVersion: f.latestVersion ?? 1 }));

export async function getVersion(ctx: Ctx, id: string) {
  const row = await findFormVersion(ctx.db, ctx.scope, id);
  if (!row) throw notFound('form_version');
  return iso(row.version);
}
