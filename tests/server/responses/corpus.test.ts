// Every real form of the corpus is published through the API as an analyst would, and every
// hand-written case is answered through the public link as a parent's phone would send it;
// accepted answers are read back from the database.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { responsesTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { assignmentOf, launchCampaign } from '../../helpers/scenario.ts';
import { corpus, expectedStored } from '../../helpers/surveyjs-corpus.ts';

const t = await createTestApp({ publicRateLimit: 1_000_000 });
const analyst = await t.login('analyst@kalininsky.demo');
const dou = await t.org('kalininsky-dou1');

const publish = (f: (typeof corpus)[number]) =>
  t.app.inject({ method: 'POST', url: '/api/forms', headers: analyst.headers, payload: { title: f.file, kind: 'parent_survey', json: f.form, mapping: { kind: 'parent_survey', rules: [] } } });

describe('the corpus', () => {
  it('holds at least 30 real forms, each with its source and licence', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    for (const f of corpus) {
      expect(f.source, f.file).toMatch(/^https:\/\/github\.com\//);
      expect(f.licence, f.file).toBeTruthy();
    }
  });
});

describe.each(corpus.filter((f) => f.formVerdict === 'refuse').map((f) => [f.file, f] as const))('%s', (_file, f) => {
  it(`is refused at publishing with ${f.formCode}`, async () => {
    const res = await publish(f);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.details.map((d: { code: string }) => d.code)).toContain(f.formCode);
  });
});

describe.each(corpus.filter((f) => f.formVerdict === 'accept').map((f) => [f.file, f] as const))('%s', (_file, f) => {
  let code = '';
  it('is published (warnings at most) and launched', async () => {
    const res = await publish(f);
    expect(res.statusCode, res.body).toBe(201);
    const campaign = await launchCampaign(t, analyst, { title: f.file, formVersionId: res.json().latestVersionId, audience: 'parents', units: [dou.id], expected: { [dou.id]: 10 } });
    code = assignmentOf(campaign, 'kalininsky-dou1').publicCode!;
  });

  it.each(f.cases.map((c) => [`${c.verdict}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    expect(code, 'the form was published').not.toBe('');
    const id = randomUUID();
    const res = await t.app.inject({ method: 'POST', url: `/api/public/s/${code}/responses`, payload: { id, data: c.answers } });
    if (c.verdict === 'reject') {
      expect(res.statusCode, res.body).toBe(422);
      const { error } = res.json();
      // an answer set with nothing in it is refused as a whole, with no path
      const got = error.details?.map((d: { code: string; field: string }) => ({ code: d.code, path: d.field })) ?? [{ code: error.code, path: '' }];
      expect(got).toEqual(c.errors);
      expect(await t.db.select().from(responsesTable).where(eq(responsesTable.id, id))).toEqual([]);
      return;
    }
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.db.select().from(responsesTable).where(eq(responsesTable.id, id));
    expect(row.data).toEqual(expectedStored(c));
  });
});
