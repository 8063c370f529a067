// Personal invitations to an anonymous survey: nothing the app stores or shows ties an
// invitation (an email) to the answer sent through it, and no stored mail holds a usable link.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { invitationsTable, mailsTable, responsesTable } from '../../../drizzle/schema/index.ts';
import { createMailer } from '../../../server/reminders/mail.transport.ts';
import { invitationToken } from '../../../server/reminders/invitations.tokens.ts';
import { sendDue } from '../../../server/reminders/reminders.jobs.ts';
import { requestLog } from '../../../server/shared/request-log.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { assignmentOf, launchCampaign, publishForm } from '../../helpers/scenario.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { createTestApp, testConfig } from '../../helpers/test-app.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const smtp = await startSmtp();
afterAll(() => smtp.close());
const secret = testConfig().jwtSecret;
const jobs = { db: t.db, clock: t.clock, publicUrl: 'https://monitoring.example.ru', surveyUrl: 'https://anketa.example.ru', secret, mailer: createMailer({ mail: { kind: 'smtp', url: smtp.url }, publicUrl: 'https://monitoring.example.ru' }) };
const analyst = await t.login('analyst@kalininsky.demo');
const gym = (await t.org('kalininsky-gym')).id;
const survey = await launchCampaign(t, analyst, { formVersionId: await publishForm(t, analyst, customSurvey), audience: 'parents', units: [gym], deadline: '2026-12-06T18:00', expected: { [gym]: 10 } });
const a = assignmentOf(survey, 'kalininsky-gym');
const invite = await t.app.inject({ method: 'POST', url: `/api/assignments/${a.id}/invitations`, headers: analyst.headers, payload: { emails: ['mama@example.ru', 'papa@example.ru'] } });
expect(invite.statusCode, invite.body).toBe(200);
const invitationOf = async (email: string) => (await t.db.select().from(invitationsTable).where(eq(invitationsTable.email, email)))[0]!;
const tokenOf = async (email: string) => invitationToken(secret, (await invitationOf(email)).id);

describe('a personal invitation and its answer', () => {
  it('a used invitation keeps only that it was used: none of its times changes, so none equals the answer time', async () => {
    const before = await invitationOf('mama@example.ru');
    t.clock.set('2026-11-25T10:17:23.456Z');
    const res = await t.app.inject({ method: 'POST', url: `/api/public/s/${a.publicCode}/responses`, payload: { id: randomUUID(), data: { q_sat: 2 }, token: await tokenOf('mama@example.ru') } });
    expect(res.statusCode, res.body).toBe(201);
    const after = await invitationOf('mama@example.ru');
    expect(after.used).toBe(true);
    const { used: _before, ...beforeRest } = before;
    const { used: _after, ...afterRest } = after;
    expect(afterRest).toEqual(beforeRest);
    const [answer] = await t.db.select().from(responsesTable).where(eq(responsesTable.assignmentId, a.id));
    const answerTime = (answer!.submittedAt ?? answer!.createdAt).getTime();
    const times = Object.values(after).filter((v): v is Date => v instanceof Date).map((d) => d.getTime());
    expect(times).not.toContain(answerTime);
    expect(Object.keys(answer!)).not.toEqual(expect.arrayContaining(['invitationId']));
    expect(JSON.stringify(answer)).not.toContain(after.id);
  });

  it('a used link still says so when opened, and its second answer is refused', async () => {
    const open = await t.app.inject({ url: `/api/public/s/${a.publicCode}?t=${await tokenOf('mama@example.ru')}` });
    expect(open.json()).toMatchObject({ invitation: 'used', json: null });
  });
});

describe('mails with personal links', () => {
  it('are stored without the token, delivered with it, and shown to staff with the link hidden', async () => {
    const token = await tokenOf('papa@example.ru');
    const stored = await t.db.select().from(mailsTable).where(eq(mailsTable.recipient, 'papa@example.ru'));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text + stored[0]!.html).not.toContain(token);
    expect(stored[0]!.text).toContain('?t=__INVITATION_TOKEN__');

    smtp.messages.length = 0;
    await sendDue(jobs);
    const delivered = smtp.messages.find((m) => m.to === 'papa@example.ru')!;
    expect(delivered.text).toContain(`/s/${a.publicCode}?t=${token}`);
    expect(delivered.text).toContain(`/api/public/unsubscribe?t=${token}`);
    expect(delivered.text).not.toContain('__INVITATION_TOKEN__');
    // the delivered link works
    const open = await t.app.inject({ url: `/api/public/s/${a.publicCode}?t=${token}` });
    expect(open.json()).toMatchObject({ invitation: 'valid', state: 'open' });

    const outbox = await t.app.inject({ url: '/api/mails', headers: analyst.headers });
    expect(outbox.statusCode).toBe(200);
    const shown = JSON.stringify(outbox.json());
    expect(shown).toContain('papa@example.ru');
    expect(shown).not.toContain(token);
    expect(shown).not.toContain(await tokenOf('mama@example.ru'));
    expect(shown).toContain('?t=[скрыто]');
  });
});

describe('an invalid personal link', () => {
  it('is told at open time and gets no form to fill in vain', async () => {
    for (const token of ['a'.repeat(43), (await tokenOf('papa@example.ru')).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const res = await t.app.inject({ url: `/api/public/s/${a.publicCode}?t=${token}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ invitation: 'invalid', json: null });
    }
    // the school's own link (no token) still gets the form
    expect((await t.app.inject({ url: `/api/public/s/${a.publicCode}` })).json().json).not.toBeNull();
  });
});

describe('the request log of respondents', () => {
  // requestLog is the app logger's request serializer (buildApp: logger.serializers.req)
  const logged = (url: string) => JSON.stringify(requestLog({ url, method: 'GET', host: 'anketa.example.ru', ip: '203.0.113.7', socket: { remotePort: 5555 } } as never));

  it('keeps no address and no personal token of a survey request, but keeps the address of a staff request', async () => {
    const token = await tokenOf('papa@example.ru');
    const survey = logged(`/api/public/s/${a.publicCode}?t=${token}`);
    expect(survey).not.toContain('203.0.113.7');
    expect(survey).not.toContain(token);
    expect(survey).toContain('t=[redacted]');
    expect(logged(`/s/${a.publicCode}?lang=en&t=${token}`)).not.toMatch(new RegExp(`203\\.0\\.113\\.7|${token}`));
    expect(logged('/api/auth/me')).toContain('203.0.113.7');
  });
});
