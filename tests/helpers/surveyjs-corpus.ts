// The corpus of real SurveyJS forms with hand-written answer cases (tests/fixtures/surveyjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type CorpusCase = {
  name: string;
  verdict: 'accept' | 'reject' | 'accept-after-strip';
  answers: Record<string, unknown>;
  stored?: Record<string, unknown>;
  errors?: { code: string; path: string }[];
  reason?: string;
};
export type CorpusForm = {
  file: string;
  source: string;
  licence: string;
  constructs: string[];
  form: Record<string, unknown>;
  formVerdict: 'accept' | 'refuse';
  formCode?: string;
  cases: CorpusCase[];
};

export const CORPUS_DIR = join(process.cwd(), 'tests', 'fixtures', 'surveyjs');

export const corpus: CorpusForm[] = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, cases: [], ...JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) }));

/** What a case expects stored: the answers themselves, or the stripped JSON it names. */
export const expectedStored = (c: CorpusCase) => (c.verdict === 'accept' ? c.answers : c.stored);
