import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { responseAuditTable, variableValuesTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { assignmentOf, launchCampaign, publishGeneratedForm } from '../../helpers/scenario.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const admin = await t.login('admin@demo.local');
const analyst = await t.login('analyst@kalininsky.demo');
const school = await t.login('school@kalininsky.demo');

// a self-report from three indicators of Калининский МР that share "pupils aged 5–18"
const versionId = await publishGeneratedForm(t, admin, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1', 'TAL-3', 'TAL-5'] });
const kalininsky = await t.org('kalininsky');
const kalarsky = await t.org('kalarsky');
const campaign = await launchCampaign(t, admin, { formVersionId: versionId, audience: 'institution', units: [kalininsky.id, kalarsky.id], institutionKinds: ['school'] });
const own = assignmentOf(campaign, 'kalininsky-sosh1');
const report = { pupils_5_18: 400, pupils_5_18_supplementary: 300, pupils_5_18_pfdo_certificate: 250, has_school_sports_club: true };
const answers = async () => {
  const state = await t.app.inject({ url: `/api/assignments/${own.id}/report`, headers: school.headers });
  return state.json();
};

describe('a self-report campaign', () => {
  it('makes one assignment per covered school, each expecting one report', () => {
    expect(campaign.assignments).toHaveLength(6);
    expect(campaign.assignments.every((a) => a.expected === 1 && a.publicCode === null)).toBe(true);
  });

  it('applies 23:59 in each municipality\'s zone: Chita (UTC+9) closes five hours before Saratov (UTC+4)', () => {
    const chita = new Date(assignmentOf(campaign, 'kalarsky-sosh1').deadlineAt);
    const saratov = new Date(own.deadlineAt);
    expect(chita.toISOString()).toBe('2026-12-01T14:59:00.000Z');
    expect(saratov.toISOString()).toBe('2026-12-01T19:59:00.000Z');
    expect(saratov.getTime() - chita.getTime()).toBe(5 * 3600 * 1000);
  });

  it('saves a draft and gives it back on the next visit', async () => {
    const draft = await t.app.inject({ method: 'PUT', url: `/api/assignments/${own.id}/draft`, headers: school.headers, payload: { data: { pupils_5_18: 400 } } });
    expect(draft.statusCode, draft.body).toBe(200);
    const state = await answers();
    expect(state.data).toEqual({ pupils_5_18: 400 });
    expect(state.status).toBe('draft');
    expect(state.editable).toBe(true);
  });

  it('refuses a draft with an unknown field or a text for a number', async () => {
    for (const data of [{ pupils_5_18: 400, injected: 1 }, { pupils_5_18: '400' }]) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/assignments/${own.id}/draft`, headers: school.headers, payload: { data } });
      expect(res.statusCode).toBe(422);
    }
  });

  it('refuses a submission with a part greater than its whole, in Russian', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/assignments/${own.id}/submit`, headers: school.headers, payload: { data: { ...report, pupils_5_18_supplementary: 500 } } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'pupils_5_18_supplementary', code: 'response.check_failed', message: expect.stringMatching(/не может быть больше/) })]);
  });

  it('another school\'s coordinator cannot see or fill this report', async () => {
    const other = assignmentOf(campaign, 'kalininsky-gym');
    const res = await t.app.inject({ url: `/api/assignments/${other.id}/report`, headers: school.headers });
    expect(res.statusCode).toBe(404);
    const put = await t.app.inject({ method: 'PUT', url: `/api/assignments/${other.id}/draft`, headers: school.headers, payload: { data: {} } });
    expect(put.statusCode).toBe(404);
  });

  it('submits, writes the variables and shows as submitted to the analyst', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/assignments/${own.id}/submit`, headers: school.headers, payload: { data: report } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('submitted');
    const values = await t.db.select().from(variableValuesTable).where(eq(variableValuesTable.institutionId, own.institution.id));
    expect(Object.fromEntries(values.map((v) => [v.variableId, v.value]))).toEqual({ pupils_5_18: 400, pupils_5_18_supplementary: 300, pupils_5_18_pfdo_certificate: 250, has_school_sports_club: 1 });
    const seen = await t.app.inject({ url: `/api/campaigns/${campaign.id}`, headers: analyst.headers });
    const row = seen.json().assignments.find((a: { id: string }) => a.id === own.id);
    expect(row).toMatchObject({ status: 'submitted', completed: 1, completedOnTime: 1 });
    // the analyst sees only the own municipality's schools
    expect(seen.json().assignments).toHaveLength(3);
  });

  it('a submitted report is locked for the school', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `/api/assignments/${own.id}/draft`, headers: school.headers, payload: { data: { pupils_5_18: 1 } } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('assignment.locked');
  });

  it('returned → corrected → resubmitted → accepted, with every change in the audit trail', async () => {
    const back = await t.app.inject({ method: 'POST', url: `/api/assignments/${own.id}/return`, headers: analyst.headers, payload: { comment: 'Проверьте численность 5–18 лет' } });
    expect(back.json()).toMatchObject({ status: 'returned', returnComment: 'Проверьте численность 5–18 лет' });
    const again = await t.app.inject({ method: 'POST', url: `/api/assignments/${own.id}/submit`, headers: school.headers, payload: { data: { ...report, pupils_5_18: 410 } } });
    expect(again.statusCode, again.body).toBe(200);
    const accepted = await t.app.inject({ method: 'POST', url: `/api/assignments/${own.id}/accept`, headers: analyst.headers });
    expect(accepted.json().status).toBe('accepted');
    const audit = await t.db.select().from(responseAuditTable).where(eq(responseAuditTable.responseId, own.id)).orderBy(responseAuditTable.at);
    expect(audit.map((a) => a.action.kind)).toEqual(['submit', 'return', 'submit', 'accept']);
    expect(audit[2].changes, JSON.stringify(audit)).toEqual([{ field: 'pupils_5_18', old: 400, new: 410 }]);
    const [value] = await t.db.select().from(variableValuesTable).where(and(eq(variableValuesTable.institutionId, own.institution.id), eq(variableValuesTable.variableId, 'pupils_5_18')));
    expect(value.value).toBe(410);
  });

  it('after the deadline a school cannot submit until the analyst reopens it', async () => {
    const chita = assignmentOf(campaign, 'kalarsky-sosh1');
    const chitaSchool = await t.app.inject({
      method: 'POST', url: '/api/users', headers: admin.headers,
      payload: { email: 'school@kalarsky.demo', name: 'Координатор', password: 'long-enough-1', role: 'coordinator', organisationId: chita.institution.id },
    });
    expect(chitaSchool.statusCode).toBe(201);
    const coordinator = await t.login('school@kalarsky.demo', 'long-enough-1');
    // 16:00 UTC on 1 December: past 23:59 in Chita, still 20:00 in Saratov
    t.clock.set('2026-12-01T16:00:00Z');
    const late = await t.app.inject({ method: 'POST', url: `/api/assignments/${chita.id}/submit`, headers: coordinator.headers, payload: { data: report } });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('campaign.closed');
    const saratovDraft = await t.app.inject({ method: 'PUT', url: `/api/assignments/${assignmentOf(campaign, 'kalininsky-gym').id}/draft`, headers: (await t.login('admin@demo.local')).headers, payload: { data: {} } });
    expect(saratovDraft.statusCode).toBe(403); // only the coordinator fills a report
    const kalarskyAnalyst = await t.login('analyst@kalarsky.demo');
    const reopened = await t.app.inject({ method: 'POST', url: `/api/assignments/${chita.id}/reopen`, headers: kalarskyAnalyst.headers, payload: { until: '2026-12-03T18:00' } });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const ok = await t.app.inject({ method: 'POST', url: `/api/assignments/${chita.id}/submit`, headers: coordinator.headers, payload: { data: report } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().assignment).toMatchObject({ completed: 1, completedOnTime: 0 });
    t.clock.set('2026-11-24T09:00:00Z');
  });

  it('an analyst of one municipality cannot reopen another\'s school', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/assignments/${assignmentOf(campaign, 'kalarsky-gym').id}/reopen`, headers: analyst.headers, payload: { until: '2026-12-03T18:00' } });
    expect(res.statusCode).toBe(404);
  });
});
