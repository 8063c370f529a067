// School self-report: the variables behind a selection of indicators, each asked once even
// when many indicators use it, in panels by direction and track, with part ≤ whole checks.
import type { Catalogue, Variable } from '../catalogue/catalogue.schemas.ts';
import { formulaVariables } from '../catalogue/catalogue.validate.ts';
import type { GeneratedForm } from './mapping.schemas.ts';
import { partWholePairs } from './part-whole.ts';

type Input = { catalogue: Catalogue; variables: Variable[]; indicatorIds: string[]; title?: string };

const DECIMAL_UNITS = new Set(['points', 'hours', 'days']);

function question(variable: Variable, usedBy: string[], checks: { expression: string; text: string }[]) {
  const description = `Используется в показателях: ${usedBy.join(', ')}`;
  if (variable.unit === 'flag') {
    return { type: 'boolean', name: variable.id, title: variable.label, description, isRequired: true, labelTrue: 'Да', labelFalse: 'Нет', renderAs: 'radio' };
  }
  const integer = !DECIMAL_UNITS.has(variable.unit);
  return {
    type: 'text',
    inputType: 'number',
    name: variable.id,
    title: variable.label,
    description,
    isRequired: true,
    min: 0,
    step: integer ? 1 : 0.01,
    validators: [
      { type: 'numeric', minValue: 0, text: 'Введите число не меньше 0' },
      ...(integer ? [{ type: 'regex', regex: '^\\d+$', text: 'Введите целое число' }] : []),
      ...checks.map((c) => ({ type: 'expression', expression: c.expression, text: c.text })),
    ],
  };
}

export function generateSelfReport({ catalogue, variables, indicatorIds, title }: Input): GeneratedForm {
  const byId = new Map(variables.map((v) => [v.id, v]));
  const wanted = new Set(indicatorIds);
  const asked = new Map<string, string[]>(); // variable → indicators using it
  const skipped: GeneratedForm['skipped'] = [];
  const pages = [];
  for (const direction of catalogue.directions) {
    const panels = [];
    for (const track of direction.tracks) {
      const fresh: string[] = [];
      for (const indicator of track.indicators.filter((i) => wanted.has(i.id))) {
        const ids = formulaVariables(indicator.formula);
        const unsupported = ids.filter((id) => !byId.get(id)?.instruments.includes('self_report'));
        if (ids.length === 0 || unsupported.length) {
          skipped.push({ indicator: indicator.id, reason: ids.length ? `не собирается самообследованием: ${unsupported.join(', ')}` : 'составной индекс' });
          continue;
        }
        for (const id of ids) {
          if (!asked.has(id)) fresh.push(id);
          asked.set(id, [...(asked.get(id) ?? []), indicator.id]);
        }
      }
      if (fresh.length) panels.push({ track, fresh });
    }
    if (panels.length) pages.push({ direction, panels });
  }
  const pairs = partWholePairs([...asked.keys()].map((id) => byId.get(id)!));
  const checksFor = (id: string) =>
    pairs.filter((p) => p.part === id).map((p) => ({ expression: `{${p.whole}} empty or {${p.part}} <= {${p.whole}}`, text: p.message }));

  const json = {
    title: title ?? `Самообследование: ${catalogue.title}`.slice(0, 300),
    locale: 'ru',
    checkErrorsMode: 'onValueChanged',
    textUpdateMode: 'onTyping',
    showProgressBar: true,
    progressBarLocation: 'aboveheader',
    completeText: 'Отправить отчёт',
    pages: pages.map(({ direction, panels }) => ({
      name: `page_${direction.id}`.replace(/[^A-Za-z0-9_]/g, '_'),
      title: direction.name,
      elements: panels.map(({ track, fresh }) => ({
        type: 'panel',
        name: `panel_${direction.id}_${track.id}`.replace(/[^A-Za-z0-9_]/g, '_'),
        title: track.name,
        elements: [
          ...fresh.map((id) => question(byId.get(id)!, asked.get(id)!, checksFor(id))),
          { type: 'comment', name: `comment_${direction.id}_${track.id}`.replace(/[^A-Za-z0-9_]/g, '_'), title: 'Комментарий к разделу (необязательно)', rows: 2, maxLength: 2000 },
        ],
      })),
    })),
  };
  return {
    json,
    mapping: { kind: 'self_report', fields: [...asked.keys()].map((id) => ({ question: id, variable: id })) },
    indicators: indicatorIds.filter((id) => !skipped.some((s) => s.indicator === id)),
    skipped,
  };
}
