// Property: for random answer sets a respondent could produce in the browser (generated from
// each form's own structure by driving survey-core's model), the server's verdict equals
// survey-core's, and an accepted set is stored exactly as the browser sent it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitiseFormMarkup } from '../../../server/forms/forms.markup.ts';
import { validateAnswers } from '../../../server/responses/answers/answers.validate.ts';
import { answerAsBrowser } from '../../helpers/browser-answers.ts';
import { corpus } from '../../helpers/surveyjs-corpus.ts';

const forms = corpus.filter((f) => f.formVerdict === 'accept');
const draws = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 200, maxLength: 200 });

const acceptedBy = new Map<string, number>();

describe('the server decides as survey-core does on what a browser can send', () => {
  it.each(forms.map((f) => [f.file, f] as const))('%s', (file, f) => {
    const json = sanitiseFormMarkup(f.form).json;
    let accepted = 0;
    fc.assert(
      fc.property(draws, (xs) => {
        let i = 0;
        const { valid, sent } = answerAsBrowser(json, () => xs[i++ % xs.length]);
        const ours = validateAnswers(`agreement:${file}`, json, sent, true);
        expect(ours.errors.length === 0, JSON.stringify({ sent, errors: ours.errors })).toBe(valid);
        if (valid) {
          accepted++;
          expect(ours.clean).toEqual(sent);
        }
      }),
      { numRuns: 60, seed: 20261204 },
    );
    acceptedBy.set(file, accepted);
  });

  // forms with many required, validated questions rarely get completed by random answers;
  // the agreement must still cover accepted sets on almost every form
  it('sees complete answer sets on nearly every form', () => {
    const none = [...acceptedBy].filter(([, n]) => n === 0).map(([file]) => file);
    expect(acceptedBy.size).toBe(forms.length);
    expect(none.length, none.join(', ')).toBeLessThanOrEqual(4);
  });
});
