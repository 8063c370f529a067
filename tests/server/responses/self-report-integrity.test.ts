// Numbers that must add up (issue 18): what a school submitted is what responses, variable
// values, the audit trail and the indicator table all say, however the requests interleave.
import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { assignmentsTable, responseAuditTable, responsesTable, variableValuesTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { assignmentOf, launchCampaign, publishGeneratedForm } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const admin = await t.login('admin@demo.local');
const analyst = await t.login('analyst@kalininsky.demo');
const school = await t.login('school@kalininsky.demo');
const kalininsky = await t.org('kalininsky');
const sosh1 = await t.org('kalininsky-sosh1');

const versionId = await publishGeneratedForm(t, admin, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1', 'TAL-3', 'TAL-5'] });
const report = (pupils: number) => ({ pupils_5_18: pupils, pupils_5_18_supplementary: 300, pupils_5_18_pfdo_certificate: 250, has_school_sports_club: true });
const variablesOf = (pupils: number) => ({ pupils_5_18: pupils, pupils_5_18_supplementary: 300, pupils_5_18_pfdo_certificate: 250, has_school_sports_club: 1 });

/** A fresh self-report of СОШ № 1 in a campaign of its own (period `label`). */
async function freshReport(label = 'Гонка') {
  const campaign = await launchCampaign(t, analyst, {
    formVersionId: versionId, audience: 'institution', units: [kalininsky.id], institutionKinds: ['school'],
    period: { kind: 'school_year', label, start: '2030-09-01', end: '2031-08-31' },
  });
  return { campaignId: campaign.id, id: assignmentOf(campaign, 'kalininsky-sosh1').id };
}

const draft = (id: string, data: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: `/api/assignments/${id}/draft`, headers: school.headers, payload: { data } });
const submit = (id: string, data: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/assignments/${id}/submit`, headers: school.headers, payload: { data } });
const review = (id: string, kind: 'accept' | 'return') =>
  t.app.inject({ method: 'POST', url: `/api/assignments/${id}/${kind}`, headers: analyst.headers, payload: kind === 'return' ? { comment: 'Проверьте численность' } : undefined });
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

/** What the stored response, the variable values and the audit trail of one report say. */
async function recordOf(r: { campaignId: string; id: string }) {
  const [response] = await t.db.select().from(responsesTable).where(eq(responsesTable.id, r.id));
  const values = await t.db.select().from(variableValuesTable).where(and(eq(variableValuesTable.institutionId, sosh1.id), eq(variableValuesTable.source, `campaign:${r.campaignId}`)));
  const audit = await t.db.select().from(responseAuditTable).where(eq(responseAuditTable.responseId, r.id)).orderBy(asc(responseAuditTable.at));
  // the audit's submissions, each relative to the one before, add up to the last submitted answers
  const audited: Record<string, unknown> = {};
  for (const entry of audit.filter((a) => a.action.kind === 'submit')) {
    for (const change of entry.changes) {
      if (change.new === null) delete audited[change.field];
      else audited[change.field] = change.new;
    }
  }
  const [assignment] = await t.db.select().from(assignmentsTable).where(eq(assignmentsTable.id, r.id));
  return { response, data: response?.data, values: Object.fromEntries(values.map((v) => [v.variableId, v.value])), audited, audit, status: assignment.status };
}

describe('a draft never replaces a submitted self-report', () => {
  it('an autosave racing «Отправить» leaves the submitted answers in responses, variable values and the audit, 20 times out of 20', async () => {
    // (on PGlite's one connection a request runs its queries in a row, so the two interleave
    // only on PostgreSQL; there an unguarded autosave lands after the submission or deadlocks it)
    for (let round = 0; round < 20; round++) {
      const r = await freshReport();
      // half the reports are new, half already hold an autosaved draft
      if (round % 2) expect((await draft(r.id, { pupils_5_18: 1 })).statusCode).toBe(200);
      const pupils = 400 + round;
      // the autosave starts a little before or after the submission, by a varying number of turns
      const [saved, sent] = await Promise.all([
        ticks(round % 4 < 2 ? round % 5 : 0).then(() => draft(r.id, { pupils_5_18: 999 })),
        ticks(round % 4 < 2 ? 0 : round % 5).then(() => submit(r.id, report(pupils))),
      ]);
      expect(sent.statusCode, sent.body).toBe(200);
      if (saved.statusCode !== 200) {
        expect(saved.statusCode, saved.body).toBe(409);
        expect(saved.json().error).toMatchObject({ code: 'assignment.locked', message: expect.stringMatching(/Отчёт уже отправлен/) });
      }
      const record = await recordOf(r);
      expect(record.status).toBe('submitted');
      expect(record.data, `round ${round}`).toEqual(report(pupils));
      expect(record.values).toEqual(variablesOf(pupils));
      expect(record.audited).toEqual(report(pupils));
    }
  });

  it('a draft after the submission is refused with a 409 in Russian and changes nothing', async () => {
    const r = await freshReport();
    expect((await submit(r.id, report(420))).statusCode).toBe(200);
    const before = await recordOf(r);
    const late = await draft(r.id, { pupils_5_18: 1 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'assignment.locked', message: expect.stringMatching(/Отчёт уже отправлен/) });
    expect(await recordOf(r)).toEqual(before);
  });
  it('a resubmission\'s audit compares with what was submitted before, not with the drafts saved since the return', async () => {
    const r = await freshReport();
    expect((await submit(r.id, report(400))).statusCode).toBe(200);
    expect((await review(r.id, 'return')).statusCode).toBe(200);
    expect((await draft(r.id, report(405))).statusCode).toBe(200);
    // the draft is not presented as submitted (an export of responses reads submitted ones)
    expect((await recordOf(r)).response?.status).toBe('draft');
    expect((await submit(r.id, report(410))).statusCode).toBe(200);
    const record = await recordOf(r);
    expect(record.audit.at(-1)!.changes).toEqual([{ field: 'pupils_5_18', old: 400, new: 410 }]);
    expect(record.audited).toEqual(record.data);
  });
});

describe('the analyst reviews a submitted report once', () => {
  it('two acceptances sent together: one is recorded, the other refused', async () => {
    for (let round = 0; round < 6; round++) {
      const r = await freshReport();
      expect((await submit(r.id, report(430))).statusCode).toBe(200);
      const answers = await Promise.all([ticks(round % 3).then(() => review(r.id, 'accept')), review(r.id, 'accept')]);
      expect(answers.map((a) => a.statusCode).sort(), answers.map((a) => a.body).join(' ')).toEqual([200, 409]);
      const record = await recordOf(r);
      expect(record.audit.map((a) => a.action.kind)).toEqual(['submit', 'accept']);
      expect(record.status).toBe('accepted');
    }
  });

  it('a return and an acceptance sent together end returned, without values: an acceptance never lands on a returned report', async () => {
    for (let round = 0; round < 6; round++) {
      const r = await freshReport();
      expect((await submit(r.id, report(430))).statusCode).toBe(200);
      const [back, ok] = await Promise.all([ticks(round % 3).then(() => review(r.id, 'return')), review(r.id, 'accept')]);
      expect(back.statusCode, back.body).toBe(200);
      const record = await recordOf(r);
      // either the acceptance came first (and the return then reopened it) or it was refused;
      // (an audit row's time is its transaction's start, not the order the lock gave them)
      expect(record.audit.map((a) => a.action.kind).sort()).toEqual(ok.statusCode === 200 ? ['accept', 'return', 'submit'] : ['return', 'submit']);
      if (ok.statusCode !== 200) expect(ok.json().error.code).toBe('assignment.not_submitted');
      expect(record.status).toBe('returned');
      expect(record.values).toEqual({});
    }
  });

  it('a second acceptance is refused and writes nothing', async () => {
    const r = await freshReport();
    expect((await submit(r.id, report(440))).statusCode).toBe(200);
    expect((await review(r.id, 'accept')).statusCode).toBe(200);
    const before = await recordOf(r);
    const again = await review(r.id, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('assignment.already_accepted');
    expect(await recordOf(r)).toEqual(before);
  });

  it('a returned report cannot be accepted until the school submits it again', async () => {
    const r = await freshReport();
    expect((await submit(r.id, report(450))).statusCode).toBe(200);
    expect((await review(r.id, 'return')).statusCode).toBe(200);
    const before = await recordOf(r);
    for (const kind of ['accept', 'return'] as const) {
      const res = await review(r.id, kind);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'assignment.not_submitted', message: expect.stringMatching(/возвращён на доработку/) });
    }
    expect(await recordOf(r)).toEqual(before);
    expect((await submit(r.id, report(451))).statusCode).toBe(200);
    expect((await review(r.id, 'accept')).statusCode).toBe(200);
  });
});

describe('a report returned for correction does not count', () => {
  const cellOf = async (unitId: string) => {
    const res = await t.app.inject({ url: '/api/indicator-table?catalogue=kalininsky&period=Возврат&indicators=TAL-1', headers: analyst.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().indicators[0].cells.find((c: { unitId: string }) => c.unitId === unitId);
  };

  it('submitted: in the table; returned: gone from the school and the municipality; resubmitted: back with the corrected value', async () => {
    const r = await freshReport('Возврат');
    expect((await submit(r.id, report(400))).statusCode).toBe(200);
    expect(await cellOf(sosh1.id)).toMatchObject({ status: 'ok', numerator: 300, denominator: 400, value: 75 });
    expect(await cellOf(kalininsky.id)).toMatchObject({ numerator: 300, denominator: 400, value: 75 });

    expect((await review(r.id, 'return')).statusCode).toBe(200);
    expect(await cellOf(sosh1.id)).toMatchObject({ status: 'missing', numerator: null, value: null });
    expect(await cellOf(kalininsky.id)).toMatchObject({ numerator: null, value: null });
    expect((await recordOf(r)).values).toEqual({});
    // the school still sees what it sent, to correct it
    const state = await t.app.inject({ url: `/api/assignments/${r.id}/report`, headers: school.headers });
    expect(state.json()).toMatchObject({ status: 'returned', editable: true, data: report(400) });

    expect((await submit(r.id, report(500))).statusCode).toBe(200);
    expect(await cellOf(sosh1.id)).toMatchObject({ status: 'ok', numerator: 300, denominator: 500, value: 60 });
    expect((await review(r.id, 'accept')).statusCode).toBe(200);
    expect(await cellOf(kalininsky.id)).toMatchObject({ numerator: 300, denominator: 500, value: 60 });
  });
});
