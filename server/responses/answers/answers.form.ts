// A pinned form version as the validator uses it: survey-core's model (Russian strings), the
// keys a submission may carry at the top level, and whether the short path applies.
import { Model, type Question } from 'survey-core';
import 'survey-core/i18n/russian';
import { choicesOf, type Choices } from './answers.leaf.ts';
import { COMMENT, isComputed, takesAnswer } from './answers.walk.ts';

export type CompiledForm = {
  model: Model;
  top: Question[];
  /** Keys the client may send but the server computes: expression questions, calculated values, matrix totals. */
  computed: Set<string>;
  /** Whether anything in the form is computed, so stored answers are read back from survey-core. */
  computes: boolean;
  /**
   * The visible questions when nothing in the form depends on the answers and every question
   * is a flat one (no panels of answers, matrices or computed values): most parent surveys.
   * Such a form is checked without loading the answers into survey-core, which is most of the
   * cost of a submission; tests hold the verdict equal to the full walk's on the whole corpus.
   */
  staticallyVisible: Set<Question> | null;
  /** Choices read once for the short path (they cannot change there). */
  choices: Map<Question, Choices>;
};

// Keys by which a form's shape or rules depend on the answers given.
const DYNAMIC = /If$|^triggers$|^calculatedValues$|^choicesFromQuestion$|^choicesByUrl$|^validators$|^expression$|Expression$|^firstPageIsStarted$/;
const isDynamic = (json: unknown): boolean =>
  Array.isArray(json) ? json.some(isDynamic) : typeof json === 'object' && json !== null && Object.entries(json).some(([k, v]) => (DYNAMIC.test(k) && !(Array.isArray(v) && v.length === 0) && v !== false) || isDynamic(v));
const FLAT = new Set(['text', 'comment', 'radiogroup', 'dropdown', 'checkbox', 'tagbox', 'rating', 'boolean', 'imagepicker', 'html', 'image']);

const forms = new Map<string, CompiledForm>();

/** One compiled form per version, reused: validation is synchronous, so no two requests share the model at once. */
export function compiledForm(versionId: string, json: Record<string, unknown>): CompiledForm {
  let form = forms.get(versionId);
  if (!form) {
    const model = new Model(json);
    model.locale = 'ru';
    const top = model.getAllQuestions(false, false, false);
    const computed = new Set<string>([
      ...top.filter(isComputed).map((q) => q.getValueName()),
      ...model.calculatedValues.map((c) => c.name),
      ...top.filter((q) => q.getType().startsWith('matrixd')).map((q) => `${q.getValueName()}-total`),
    ]);
    const computes = top.some(isComputed) || model.calculatedValues.length > 0 || JSON.stringify(json).includes('"expression"');
    const flat = top.every((q) => FLAT.has(q.getType())) && !isDynamic(json);
    const staticallyVisible = flat ? new Set(top.filter((q) => q.isVisible && q.isParentVisible)) : null;
    const choices = new Map(flat ? top.filter(takesAnswer).map((q) => [q, choicesOf(q as never)]) : []);
    form = { model, top, computed, computes, staticallyVisible, choices };
    if (forms.size > 200) forms.delete(forms.keys().next().value!);
    forms.set(versionId, form);
  }
  return form;
}

export const commentKey = (q: Question) => `${q.getValueName()}${COMMENT}`;
