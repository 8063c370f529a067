// Answers a SurveyJS form as a respondent in the browser would: only what is shown can be
// answered, choices come from what is visible and enabled, an exclusive choice clears the
// others, inputs stop at maxLength. Draws come from the caller (fast-check), so a failing
// answer set shrinks to a small one.
import { Model, type Question } from 'survey-core';
import 'survey-core/i18n/russian';

export type Draw = () => number; // [0, 1)
type Any = Question & Record<string, any>;

const pick = <T>(d: Draw, xs: T[]): T => xs[Math.floor(d() * xs.length)];
const SAMPLES: Record<string, string[]> = {
  date: ['2019-12-31', '2024-05-01', '2025-07-14', '2031-01-01'],
  'datetime-local': ['2024-05-01T10:00', '2031-01-01T00:00'],
  time: ['08:30', '23:59'],
  month: ['2024-05', '2030-12'],
  week: ['2024-W10', '2030-W52'],
  color: ['#1e90ff', '#000000'],
  email: ['parent@example.ru', 'a@b', 'no-at-sign'],
  tel: ['+7 900 000-00-00', '123'],
  url: ['https://school.example.ru', 'school dot ru'],
};

function typed(q: Any, d: Draw): string {
  const words = ['да', 'Нет', 'Больше прогулок на свежем воздухе', 'x', '12', 'Спасибо учителям!'];
  const limit = q.getMaxLength?.() > 0 ? q.getMaxLength() : 5000;
  return pick(d, words).slice(0, limit) || 'x';
}

function numberFor(q: Any, d: Draw): number {
  const min = Number(q.min ?? q.renderedMin ?? 0);
  const max = Number(q.max ?? q.renderedMax ?? 100);
  const lo = Number.isFinite(min) ? min : 0;
  const hi = Number.isFinite(max) ? max : lo + 100;
  return pick(d, [lo - 1, lo, Math.round((lo + hi) / 2), hi, hi + 1, 3, 0.5]);
}

const enabledChoices = (q: Any): any[] => (q.visibleChoices ?? []).filter((i: any) => i.isEnabled && i !== q.selectAllItem);

function answerChoice(q: Any, d: Draw, multiple: boolean) {
  const choices = enabledChoices(q);
  if (!choices.length) return;
  if (!multiple) {
    q.value = pick(d, choices).value;
  } else {
    let chosen = choices.filter(() => d() < 0.4);
    const exclusive = chosen.find((i: any) => i.isExclusive || i === q.noneItem || i === q.refuseItem || i === q.dontKnowItem);
    if (exclusive) chosen = [exclusive];
    if (q.maxSelectedChoices > 0) chosen = chosen.slice(0, q.maxSelectedChoices);
    if (!chosen.length) return;
    q.value = chosen.map((i: any) => i.value);
  }
  // the "other" text box appears once other is chosen; the respondent may leave it empty
  if (q.isOtherSelected && d() < 0.8) q.otherValue = typed(q, d);
  if (q.showCommentArea && d() < 0.5) q.comment = typed(q, d);
}

// a cell is an input only in a column shown for everyone (columnsVisibleIf) and for its row
function answerRows(q: Any, d: Draw) {
  for (const row of q.visibleRows ?? []) for (const cell of row.cells ?? []) if (cell.column.isColumnVisible && cell.question.isVisible && !cell.question.isReadOnly && d() < 0.8) answer(cell.question, d);
}

// rows or panels left entirely empty: the respondent removes them to be able to send
function dropEmpty(q: Any) {
  if (q.value === undefined || q.isEmpty()) q.getType() === 'paneldynamic' ? (q.panelCount = 0) : (q.rowCount = 0);
}

export function answer(question: Question, d: Draw): void {
  const q = question as Any;
  switch (q.getType()) {
    case 'text': {
      const t = q.inputType ?? 'text';
      if (t === 'number' || t === 'range') q.value = numberFor(q, d);
      else q.value = SAMPLES[t] ? pick(d, SAMPLES[t]) : typed(q, d);
      // survey-core does not pass on a value outside min / max; the respondent, told so, clears the field
      if (q.data && q.data.getValue(q.getValueName()) !== q.value) q.clearValue();
      return;
    }
    case 'comment': q.value = typed(q, d); return;
    case 'radiogroup': case 'dropdown': answerChoice(q, d, false); return;
    case 'checkbox': case 'tagbox': answerChoice(q, d, true); return;
    case 'imagepicker': answerChoice(q, d, !!q.multiSelect); return;
    case 'rating': if (q.visibleRateValues?.length) q.value = pick(d, q.visibleRateValues as any[]).value; return;
    case 'boolean': q.value = d() < 0.5 ? q.getValueTrue?.() ?? true : q.getValueFalse?.() ?? false; return;
    case 'ranking': {
      const values = enabledChoices(q).map((i: any) => i.value).sort(() => d() - 0.5);
      q.value = q.selectToRankEnabled ? values.slice(0, Math.max(1, Math.floor(d() * values.length))) : values;
      return;
    }
    case 'slider': q.value = Number(q.min ?? 0) + Math.floor(d() * (Number(q.max ?? 100) - Number(q.min ?? 0))); return;
    case 'matrix': {
      const columns = q.visibleColumns ?? [];
      const value: Record<string, unknown> = {};
      for (const row of q.visibleRows ?? []) if (columns.length && d() < 0.8) value[row.name] = pick(d, columns as any[]).value;
      q.value = value;
      return;
    }
    case 'matrixdropdown': answerRows(q, d); return;
    case 'matrixdynamic': {
      const max = q.maxRowCount > 0 ? Math.min(q.maxRowCount, 4) : 4;
      q.rowCount = Math.max(q.minRowCount ?? 0, Math.floor(d() * (max + 1)));
      answerRows(q, d);
      dropEmpty(q);
      return;
    }
    case 'multipletext': for (const item of q.items ?? []) if (d() < 0.8) answer(item.editor, d); return;
    case 'paneldynamic': {
      const max = q.maxPanelCount > 0 ? Math.min(q.maxPanelCount, 3) : 3;
      q.panelCount = Math.max(q.minPanelCount ?? 0, Math.floor(d() * (max + 1)));
      // templateVisibleIf hides whole panels: nothing in them can be typed
      for (const panel of q.panels ?? []) if (panel.isVisible) for (const inner of panel.questions) if (inner.isVisible && !inner.isReadOnly && d() < 0.8) answer(inner, d);
      dropEmpty(q);
      return;
    }
    default: // expression, html, image: nothing to type
  }
}

/**
 * Fills a fresh model page by page, then asks survey-core whether the survey may be completed
 * and takes the data it would send (invisible answers cleared on completion, as by default).
 */
export function answerAsBrowser(json: Record<string, unknown>, d: Draw): { valid: boolean; sent: Record<string, unknown> } {
  const model = new Model(json);
  model.locale = 'ru';
  // half the respondents answer every question they see, the others skip some
  const skips = d() < 0.5 ? 0.15 : 0;
  for (const page of model.pages) {
    for (const q of page.questions) if (q.isVisible && q.isParentVisible && !q.isReadOnly && d() >= skips) answer(q, d);
  }
  for (const q of model.getAllQuestions(false, false, true)) if (q.getType() === 'paneldynamic' || q.getType() === 'matrixdynamic') dropEmpty(q as Any);
  // survey-core's validate() skips the start page; the browser checked it when "Начать" was pressed
  const startValid = model.firstPageIsStarted ? model.pages[0].validate(true) : true;
  const valid = model.validate(true) && startValid;
  model.doComplete();
  return { valid, sent: JSON.parse(JSON.stringify(model.data)) };
}
