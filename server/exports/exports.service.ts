// What can be exported: the indicator table, a campaign's response rates, and its raw
// responses. Suppression applies everywhere: withheld cells stay "n < 5", and raw survey
// answers of an institution with fewer than 5 respondents are left out.
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { Model } from 'survey-core';
import { responsesTable } from '../../drizzle/schema/index.ts';
import { table, type TableQuery } from '../aggregation/indicators.service.ts';
import { rates } from '../aggregation/rates.service.ts';
import * as campaigns from '../campaigns/campaigns.service.ts';
import { formVersionById } from '../forms/forms.queries.ts';
import { MIN_RESPONDENTS, SMALL_CELL_REASON } from '../aggregation/suppression.ts';
import type { SourceKind } from '../aggregation/sources.ts';
import type { TableCell } from '../aggregation/aggregation.schemas.ts';
import type { Cell, Sheet } from './exports.writers.ts';

const ZONE: Record<string, string> = { green: 'зелёная', yellow: 'жёлтая', red: 'красная' };
const SOURCE: Record<SourceKind, string> = { import: 'импорт управления', self_report: 'отчёт организации', survey: 'опрос' };
const STATUS: Record<string, string> = { not_started: 'не начат', draft: 'черновик', submitted: 'отправлен', returned: 'возвращён', accepted: 'принят' };

export async function indicatorSheet(ctx: campaigns.Ctx, query: TableQuery): Promise<Sheet> {
  const t = await table(ctx, query);
  const units = new Map(t.units.map((u) => [u.id, u.name]));
  const note = (c: TableCell) =>
    c.status === 'withheld' ? `скрыто: ${c.reason}` : c.leftOut ? `без ${c.leftOut} ОО с n < ${MIN_RESPONDENTS}` : null;
  const rows: Cell[][] = t.indicators.flatMap((i) =>
    i.cells.map((c) => [
      units.get(c.unitId) ?? '', i.id, i.name, t.period,
      c.numerator, c.denominator,
      c.status === 'withheld' ? SMALL_CELL_REASON : c.status === 'not_applicable' ? 'н/п' : c.value, i.unit, c.target, c.zone ? ZONE[c.zone] : null,
      c.change, c.sources.map((k) => SOURCE[k]).join(', ') || null, note(c),
    ]),
  );
  return { name: 'Показатели', header: ['Единица', 'Код', 'Показатель', 'Период', 'Числитель', 'Знаменатель', 'Значение', 'Ед.', 'Цель', 'Зона', 'Изменение', 'Источник', 'Примечание'], rows };
}

export async function ratesSheet(ctx: campaigns.Ctx, campaignId: string): Promise<Sheet> {
  const r = await rates(ctx, campaignId);
  const rows: Cell[][] = r.institutions.map((a) => [a.institution.municipality, a.institution.name, STATUS[a.status] ?? a.status, a.expected, a.started, a.completed, a.completedOnTime, a.rate, a.deadlineLocal]);
  return { name: 'Отклик', header: ['Муниципалитет', 'Организация', 'Статус', 'Ожидается', 'Начали', 'Завершили', 'В срок', 'Отклик, %', 'Срок'], rows };
}

/** Raw responses, paged by id so that a large campaign streams in constant memory. */
export async function responsesSheet(ctx: campaigns.Ctx, campaignId: string, labels: boolean): Promise<Sheet> {
  const campaign = await campaigns.get(ctx, campaignId);
  const version = (await formVersionById(ctx.db, campaign.formVersionId))!;
  const model = new Model(version.json);
  model.locale = 'ru';
  const questions = model.getAllQuestions().filter((q) => q.getType() !== 'html');
  const survey = campaign.audience !== 'institution';
  const shown = campaign.assignments.filter((a) => !survey || a.completed >= MIN_RESPONDENTS);
  const names = new Map(shown.map((a) => [a.id, a.institution.name]));
  const display = (name: string, value: unknown): Cell => {
    if (value === undefined || value === null) return null;
    if (!labels) return typeof value === 'number' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    const q = model.getQuestionByName(name);
    const choices = (q as unknown as { visibleRateValues?: { value: unknown; text: string }[]; choices?: { value: unknown; text: string }[] }) ?? {};
    const options = q.getType() === 'rating' ? choices.visibleRateValues : choices.choices;
    const label = (v: unknown) => options?.find((o) => o.value === v)?.text ?? String(v);
    if (Array.isArray(value)) return value.map(label).join('; ');
    if (typeof value === 'boolean') return value ? 'Да' : 'Нет';
    return options ? label(value) : typeof value === 'number' ? value : String(value);
  };
  async function* rows() {
    let after = '00000000-0000-0000-0000-000000000000';
    const ids = [...names.keys()];
    if (!ids.length) return;
    for (;;) {
      const page = await ctx.db
        .select()
        .from(responsesTable)
        .where(and(eq(responsesTable.campaignId, campaignId), eq(responsesTable.status, 'submitted'), inArray(responsesTable.assignmentId, ids), gt(responsesTable.id, after)))
        .orderBy(asc(responsesTable.id))
        .limit(1000);
      for (const r of page) yield [names.get(r.assignmentId) ?? '', r.submittedAt?.toISOString() ?? null, ...questions.map((q) => display(q.name, r.data[q.name]))] as Cell[];
      if (page.length < 1000) return;
      after = page.at(-1)!.id;
    }
  }
  return {
    name: 'Ответы',
    header: ['Организация', 'Время ответа (UTC)', ...questions.map((q) => (labels ? q.title : q.name))],
    rows: rows(),
  };
}
