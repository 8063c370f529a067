// Edits on a SurveyJS JSON for the form builder: reword, reorder, remove, add, edit choices.
// Pure functions over a copy, so the preview and the published version see the same JSON.
type El = { type: string; name: string; title?: string; elements?: El[]; choices?: unknown[]; [k: string]: unknown };
type Json = { pages?: { name?: string; elements?: El[] }[]; [k: string]: unknown };

export type QuestionRef = { name: string; title: string; type: string; page: number };

function containers(json: Json): El[][] {
  const out: El[][] = [];
  const walk = (els: El[]) => {
    out.push(els);
    for (const e of els) if (e.elements) walk(e.elements);
  };
  for (const p of json.pages ?? []) walk((p.elements ??= []));
  return out;
}

export function questions(json: Json): QuestionRef[] {
  const out: QuestionRef[] = [];
  (json.pages ?? []).forEach((p, page) => {
    const walk = (els: El[]) => els.forEach((e) => (e.type === 'panel' ? walk(e.elements ?? []) : out.push({ name: e.name, title: e.title ?? e.name, type: e.type, page })));
    walk(p.elements ?? []);
  });
  return out;
}

const clone = (json: Json): Json => JSON.parse(JSON.stringify(json));

function locate(json: Json, name: string): [El[], number] | null {
  for (const list of containers(json)) {
    const i = list.findIndex((e) => e.name === name);
    if (i >= 0) return [list, i];
  }
  return null;
}

export function reword(json: Json, name: string, title: string): Json {
  const next = clone(json);
  const at = locate(next, name);
  if (at) at[0][at[1]].title = title;
  return next;
}

export function move(json: Json, name: string, by: -1 | 1): Json {
  const next = clone(json);
  const at = locate(next, name);
  if (!at) return next;
  const [list, i] = at;
  const j = i + by;
  if (j < 0 || j >= list.length) {
    // one question per page (surveys): move across pages instead
    const pages = next.pages ?? [];
    const page = pages.findIndex((p) => p.elements === list);
    const other = page + by;
    if (page >= 0 && other >= 0 && other < pages.length && list.length === 1) [pages[page], pages[other]] = [pages[other], pages[page]];
    return next;
  }
  [list[i], list[j]] = [list[j], list[i]];
  return next;
}

export function remove(json: Json, name: string): Json {
  const next = clone(json);
  const at = locate(next, name);
  if (at) at[0].splice(at[1], 1);
  next.pages = (next.pages ?? []).filter((p) => (p.elements ?? []).length > 0);
  return next;
}

export function addQuestion(json: Json, title: string): Json {
  const next = clone(json);
  const pages = (next.pages ??= []);
  const taken = new Set(questions(next).map((q) => q.name));
  let n = 1;
  while (taken.has(`extra_${n}`)) n++;
  pages.push({ name: `page_extra_${n}`, elements: [{ type: 'comment', name: `extra_${n}`, title }] });
  return next;
}

export function choicesOf(json: Json, name: string): string[] | null {
  const at = locate(json, name);
  const el = at?.[0][at[1]];
  if (!el?.choices) return null;
  return el.choices.map((c) => (typeof c === 'object' && c ? String((c as { text?: string; value: unknown }).text ?? (c as { value: unknown }).value) : String(c)));
}

export function setChoices(json: Json, name: string, lines: string[]): Json {
  const next = clone(json);
  const at = locate(next, name);
  if (at) at[0][at[1]].choices = lines.map((l) => l.trim()).filter(Boolean);
  return next;
}

/** The checks a builder can edit on a question: required, and the range of a number. */
export function checksOf(json: Json, name: string) {
  const at = locate(json, name);
  const el = at?.[0][at[1]];
  if (!el) return null;
  return { required: el.isRequired === true, number: el.inputType === 'number', min: typeof el.min === 'number' ? el.min : null, max: typeof el.max === 'number' ? el.max : null };
}

export function setChecks(json: Json, name: string, checks: { required?: boolean; min?: number | null; max?: number | null }): Json {
  const next = clone(json);
  const at = locate(next, name);
  if (!at) return next;
  const el = at[0][at[1]];
  if (checks.required !== undefined) el.isRequired = checks.required;
  for (const key of ['min', 'max'] as const) {
    if (checks[key] === undefined) continue;
    if (checks[key] === null) delete el[key];
    else el[key] = checks[key];
  }
  // the numeric validator carries the same range, so the message shows it
  const validators = (el.validators as { type: string; minValue?: number; maxValue?: number }[] | undefined)?.filter((v) => v.type !== 'numeric') ?? [];
  if (el.inputType === 'number') {
    const range = { type: 'numeric', ...(typeof el.min === 'number' ? { minValue: el.min } : {}), ...(typeof el.max === 'number' ? { maxValue: el.max } : {}) };
    el.validators = [range, ...validators];
  }
  return next;
}
