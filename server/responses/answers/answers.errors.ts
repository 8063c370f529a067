// The stable error codes of answer validation (listed with their rules in
// tests/fixtures/surveyjs/README.md) and the translation of survey-core's own errors into them.
import { getLocaleString, type SurveyError } from 'survey-core';
import type { ErrorDetail } from '../../shared/errors.ts';

export type AnswerCode =
  | 'unknown_key' | 'wrong_type' | 'not_a_number' | 'not_a_boolean' | 'unknown_choice' | 'bad_format'
  | 'out_of_range' | 'too_long' | 'required' | 'too_few' | 'too_many' | 'exclusive_choice' | 'check_failed' | 'duplicate';

export const answerError = (path: string, code: AnswerCode, message: string): ErrorDetail => ({ field: path, code: `response.${code}`, message });

/** Where a question's name goes in a message: its title, shortened, in guillemets. */
export const titled = (title: string) => `«${title.length > 80 ? `${title.slice(0, 79)}…` : title}»`;

// survey-core's error kinds (SurveyError.getErrorType()) by our code; anything else is a failed check
const BY_TYPE: Record<string, AnswerCode> = {
  required: 'required',
  requireoneanswer: 'required',
  requiredinallrowserror: 'required',
  otherempty: 'required',
  minrowcounterror: 'too_few',
  keyduplicationerror: 'duplicate',
  eachrowuniqueeerror: 'duplicate', // sic: survey-core's spelling
};

export function fromSurveyCore(title: string, path: string, e: SurveyError, q?: { checkMinSelectedChoicesUnreached?: () => boolean }): ErrorDetail {
  const type = e.getErrorType();
  // survey-core reports too few ticked choices (none ticked included) as a custom error
  if (type === 'custom' && q?.checkMinSelectedChoicesUnreached?.()) return answerError(path, 'too_few', `${titled(title)}: ${e.getText()}`);
  // the missing text of "other" belongs to the comment key the browser fills
  return answerError(type === 'otherempty' ? `${path}-Comment` : path, BY_TYPE[type] ?? 'check_failed', `${titled(title)}: ${e.getText()}`);
}

/** survey-core's own Russian wording, for the checks the short path makes without it. */
export const surveyText = (key: 'requiredError' | 'otherRequiredError' | 'minSelectError') => getLocaleString(key, 'ru');
