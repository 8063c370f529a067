import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { assignmentsTable, mailsTable, responsesTable } from '../../../drizzle/schema/index.ts';
import { createMailer } from '../../../server/reminders/mail.transport.ts';
import { postgresDatabase } from '../../../server/db/db.client.ts';
import { planReminders, sendDue } from '../../../server/reminders/reminders.jobs.ts';
import { createTestApp, testConfig } from '../../helpers/test-app.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm, publishGeneratedForm } from '../../helpers/scenario.ts';
import { startSmtp } from '../../helpers/smtp.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const smtp = await startSmtp();
afterAll(() => smtp.close());
const config = testConfig();
const mailer = createMailer({ mail: { kind: 'smtp', url: smtp.url }, publicUrl: 'https://monitoring.example.ru' });
const jobs = { db: t.db, clock: t.clock, publicUrl: 'https://monitoring.example.ru', surveyUrl: 'https://anketa.example.ru', secret: config.jwtSecret, mailer };
const admin = await t.login('admin@demo.local');
const addCoordinator = async (code: string, email: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { email, name: 'Координатор', password: 'long-enough-1', role: 'coordinator', organisationId: (await t.org(code)).id } });
  expect(res.statusCode).toBe(201);
};
await addCoordinator('kalininsky-gym', 'gym@kalininsky.demo');
await addCoordinator('kalarsky-sosh1', 'school@kalarsky.demo');

const version = await publishGeneratedForm(t, admin, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-5'] });
const campaign = await launchCampaign(t, admin, { formVersionId: version, audience: 'institution', units: [(await t.org('kalininsky')).id, (await t.org('kalarsky')).id], institutionKinds: ['school'] });
const sentTo = (since = 0) => smtp.messages.slice(since).map((m) => m.to).sort();
const at = async (iso: string) => {
  t.clock.set(iso);
  const planned = await planReminders(jobs);
  const sent = await sendDue(jobs);
  return { planned, ...sent };
};

describe('reminders by deadline', () => {
  it('plans nothing before the first offset (7 days before the deadline)', async () => {
    expect(await at('2026-11-24T09:00:00Z')).toMatchObject({ planned: 0, sent: 0 });
  });

  it('holds a reminder due in quiet hours until 08:00 in the recipient\'s own zone', async () => {
    // 20:30 UTC: a week before 23:59 has passed in both zones; it is 00:30 in Saratov, 05:30 in Chita
    const round = await at('2026-11-24T20:30:00Z');
    expect(round.planned).toBe(5); // 3 coordinators + 2 municipal digests
    expect(round.sent).toBe(0);
    const planned = await t.db.select().from(mailsTable);
    const plannedFor = (who: string) => planned.find((m) => m.recipient === who)!.plannedAt.toISOString();
    expect(plannedFor('school@kalarsky.demo')).toBe('2026-11-24T23:00:00.000Z'); // 08:00 in Chita
    expect(plannedFor('school@kalininsky.demo')).toBe('2026-11-25T04:00:00.000Z'); // 08:00 in Saratov
  });

  it('sends them at 08:00 local, Chita first, with the deadline in local time and the link', async () => {
    expect((await at('2026-11-24T23:00:00Z')).sent).toBe(2);
    expect(sentTo()).toEqual(['analyst@kalarsky.demo', 'school@kalarsky.demo']);
    const mail = smtp.messages.find((m) => m.to === 'school@kalarsky.demo')!;
    expect(mail.subject).toContain('Напоминание');
    expect(mail.text).toContain('01.12.2026 23:59');
    expect(mail.text).toContain(`https://monitoring.example.ru/school/report/${assignmentOf(campaign, 'kalarsky-sosh1').id}`);
    expect(mail.html).toContain('<a href="https://monitoring.example.ru/school/report/');
    expect((await at('2026-11-25T04:00:00Z')).sent).toBe(3);
  });

  it('the digest lists the municipality\'s lagging institutions', async () => {
    const digest = smtp.messages.find((m) => m.to === 'analyst@kalininsky.demo')!;
    expect(digest.subject).toContain('отстают 3');
    for (const school of ['СОШ № 1 г. Калининска', 'Гимназия г. Калининска', 'ООШ с. Казачка']) expect(digest.text).toContain(school.split(' ').at(-1)!);
  });

  it('planning again sends nothing twice', async () => {
    const before = smtp.messages.length;
    expect((await at('2026-11-25T06:00:00Z')).planned).toBe(0);
    expect(smtp.messages.length).toBe(before);
  });

  it('skips a school that has submitted, and respects the minimum gap', async () => {
    const gym = await t.login('gym@kalininsky.demo', 'long-enough-1');
    const submitted = await t.app.inject({ method: 'POST', url: `/api/assignments/${assignmentOf(campaign, 'kalininsky-gym').id}/submit`, headers: gym.headers, payload: { data: { has_school_sports_club: true } } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // "remind now" four hours after the last reminder: the 20-hour gap holds it back
    const now = await t.app.inject({ method: 'POST', url: `/api/campaigns/${campaign.id}/remind`, headers: admin.headers });
    expect(now.json().planned).toBe(0);
    const before = smtp.messages.length;
    // two days before: 29 Nov 20:00 UTC is 00:00 in Saratov → sent at 08:00 local
    await at('2026-11-29T20:00:00Z');
    await at('2026-11-30T04:00:00Z');
    expect(sentTo(before)).toContain('school@kalininsky.demo');
    expect(sentTo(before)).not.toContain('gym@kalininsky.demo');
  });

  it('never sends more than the policy\'s maximum per recipient', async () => {
    const strict = await launchCampaign(t, admin, {
      formVersionId: version, audience: 'institution', units: [(await t.org('novouzensky-sosh1')).id], deadline: '2026-12-10T18:00',
      reminderPolicy: { offsetsHours: [-72, -48, -24], maxPerRecipient: 1, minGapHours: 0, quietFrom: 21, quietTo: 8 },
    });
    await addCoordinator('novouzensky-sosh1', 'school@novouzensky.demo');
    for (const iso of ['2026-12-07T15:00:00Z', '2026-12-08T15:00:00Z', '2026-12-09T15:00:00Z']) await at(iso);
    const mails = await t.db.select().from(mailsTable).where(eq(mailsTable.campaignId, strict.id));
    expect(mails.filter((m) => m.recipient === 'school@novouzensky.demo')).toHaveLength(1);
  });
});

describe('personal invitations', () => {
  const analyst = t.login('analyst@kalininsky.demo');
  it('one link used twice at the same moment stores one answer, counted once; a retry of that answer is told it is stored', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const who = await analyst;
    const gym = (await t.org('kalininsky-gym')).id;
    const survey = await launchCampaign(t, who, { formVersionId: await publishForm(t, who, customSurvey), audience: 'parents', units: [gym], deadline: '2026-12-06T18:00', expected: { [gym]: 10 } });
    // its own deadline: the next test finds the kindergarten's digest by its deadline
    const a = assignmentOf(survey, 'kalininsky-gym');
    await t.app.inject({ method: 'POST', url: `/api/assignments/${a.id}/invitations`, headers: who.headers, payload: { emails: ['babushka@example.ru'] } });
    const before = smtp.messages.length;
    await sendDue(jobs);
    const token = /\?t=([A-Za-z0-9_-]+)/.exec(smtp.messages.slice(before).find((m) => m.to === 'babushka@example.ru')!.text)![1];
    const send = (id: string) => t.app.inject({ method: 'POST', url: `/api/public/s/${a.publicCode}/responses`, payload: { id, data: { q_sat: 4 }, token } });

    // both arrive within one batch: the second use of the link undoes the batch, which goes again without it
    const ids = [randomUUID(), randomUUID()];
    const answers = await Promise.all(ids.map(send));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.statusCode === 409)!;
    expect(refused.json().error.code).toBe('invitation.used');
    const storedId = ids[answers.findIndex((r) => r.statusCode === 201)];
    const retry = await send(storedId);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().status).toBe('already_stored');

    const rows = await t.db.select().from(responsesTable).where(eq(responsesTable.campaignId, survey.id));
    expect(rows.map((r) => r.id)).toEqual([storedId]);
    const [assignment] = await t.db.select().from(assignmentsTable).where(eq(assignmentsTable.id, a.id));
    expect(assignment.completed).toBe(1);
  });

  it('are single-use, and unsubscribe stops their reminders', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const who = await analyst;
    const surveyVersion = await publishForm(t, who, customSurvey);
    const survey = await launchCampaign(t, who, { formVersionId: surveyVersion, audience: 'parents', units: [(await t.org('kalininsky-dou1')).id], deadline: '2026-12-05T20:00', expected: { [(await t.org('kalininsky-dou1')).id]: 30 } });
    const a = assignmentOf(survey, 'kalininsky-dou1');
    const res = await t.app.inject({ method: 'POST', url: `/api/assignments/${a.id}/invitations`, headers: who.headers, payload: { emails: ['mama@example.ru', 'papa@example.ru', 'Mama@example.ru '] } });
    expect(res.json()).toEqual({ invited: 2, skipped: 1 });
    const before = smtp.messages.length;
    await sendDue(jobs);
    const invitations = smtp.messages.slice(before);
    expect(invitations.map((m) => m.to).sort()).toEqual(['mama@example.ru', 'papa@example.ru']);
    const token = (to: string) => /\?t=([A-Za-z0-9_-]+)/.exec(invitations.find((m) => m.to === to)!.text)![1];
    // mailparser folds List-* headers into one "list" entry
    expect(JSON.stringify(invitations[0].headers.get('list'))).toContain('/api/public/unsubscribe?t=');

    // mama answers through her link; the link then refuses a second answer
    const first = await t.app.inject({ method: 'POST', url: `/api/public/s/${a.publicCode}/responses`, payload: { id: randomUUID(), data: { q_sat: 5 }, token: token('mama@example.ru') } });
    expect(first.statusCode).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: `/api/public/s/${a.publicCode}/responses`, payload: { id: randomUUID(), data: { q_sat: 1 }, token: token('mama@example.ru') } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invitation.used');
    expect((await t.app.inject({ url: `/api/public/s/${a.publicCode}?t=${token('mama@example.ru')}` })).json()).toMatchObject({ invitation: 'used', json: null });

    // papa unsubscribes
    // the link opens a confirmation page (a mail scanner following it changes nothing); the button posts
    const confirm = await t.app.inject({ url: `/api/public/unsubscribe?t=${token('papa@example.ru')}` });
    expect(confirm.body).toContain('<form method="post"');
    const unsub = await t.app.inject({ method: 'POST', url: '/api/public/unsubscribe', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${token('papa@example.ru')}` });
    expect(unsub.statusCode).toBe(200);
    expect(unsub.body).toContain('Вы отписались');

    // two days before the deadline neither gets a reminder: one answered, one unsubscribed
    const mark = smtp.messages.length;
    await at('2026-12-03T12:00:00Z');
    await at('2026-12-04T12:00:00Z');
    expect(sentTo(mark).filter((to) => to.endsWith('@example.ru'))).toEqual([]);
    // the analyst's digest carries the kindergarten's current rate
    const digest = smtp.messages.slice(mark).find((m) => m.to === 'analyst@kalininsky.demo' && m.text.includes('05.12.2026 20:00'));
    expect(digest?.text ?? '').toMatch(/отклик 3\.3 % \(1 из 30\)/);
  });
});

describe('the outbox', () => {
  it('retries an SMTP failure with back-off and then records the error', async () => {
    const refusing = await startSmtp({ refuse: () => true });
    const failing = { ...jobs, mailer: createMailer({ mail: { kind: 'smtp', url: refusing.url }, publicUrl: jobs.publicUrl }) };
    t.clock.set('2026-12-20T10:00:00Z');
    await t.db.insert(mailsTable).values({ dedupeKey: 'test:retry', template: 'digest', recipient: 'someone@example.ru', campaignId: campaign.id, subject: 'Тест', text: 'Тест', html: '<p>Тест</p>', plannedAt: t.clock.now() });
    const r1 = await sendDue(failing);
    expect(r1.retried).toBeGreaterThanOrEqual(1);
    let [row] = await t.db.select().from(mailsTable).where(eq(mailsTable.dedupeKey, 'test:retry'));
    expect(row).toMatchObject({ state: 'planned', attempts: 1 });
    expect(row.lastError).toMatch(/450|busy/);
    expect(row.plannedAt.toISOString()).toBe('2026-12-20T10:02:00.000Z');
    for (let i = 0; i < 6; i++) {
      t.clock.advance(60 * 60_000);
      await sendDue(failing);
    }
    [row] = await t.db.select().from(mailsTable).where(eq(mailsTable.dedupeKey, 'test:retry'));
    expect(row).toMatchObject({ state: 'failed', attempts: 5 });
    expect(row.lastError).toMatch(/450|busy/);
    await refusing.close();
  });

  it('two workers sending at once deliver each mail exactly once', async () => {
    t.clock.set('2026-12-21T10:00:00Z');
    const n = 120;
    await t.db.insert(mailsTable).values(Array.from({ length: n }, (_, i) => ({ dedupeKey: `test:bulk:${i}`, template: 'digest', recipient: `bulk${i}@example.ru`, campaignId: campaign.id, subject: `Пакет ${i}`, text: 'x', html: '<p>x</p>', plannedAt: t.clock.now() })));
    const before = smtp.messages.length;
    // a second connection pool acts as the second server instance on the same database
    const second = t.database.url ? postgresDatabase(t.database.url, { max: 3 }) : null;
    const worker = async (ctx: typeof jobs) => {
      for (;;) {
        const r = await sendDue(ctx, 7);
        if (r.sent + r.retried + r.failed + r.cancelled === 0) return;
      }
    };
    await Promise.all([worker(jobs), worker(second ? { ...jobs, db: second.db } : jobs)]);
    await second?.close();
    const bulk = smtp.messages.slice(before).filter((m) => m.to.startsWith('bulk'));
    expect(bulk).toHaveLength(n);
    expect(new Set(bulk.map((m) => m.to)).size).toBe(n);
  });
});
