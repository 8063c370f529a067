// A parent with a personal link on a phone: an invalid link says so before any answering, and
// an answer the server refuses after it waited offline is not lost without a word.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitationsTable, organisationsTable, responsesTable } from '../../drizzle/schema/index.ts';
import { invitationToken } from '../../server/reminders/invitations.tokens.ts';
import { phonePage, shot, startServer } from '../helpers/browser.ts';
import { injectJson, launchCustomSurvey, tokenFor } from '../helpers/e2e-scenario.ts';
import { testConfig } from '../helpers/test-app.ts';

const s = await startServer();
const analyst = await tokenFor(s.app, 'analyst@kalininsky.demo');
const [gym] = await s.db.select().from(organisationsTable).where(eq(organisationsTable.code, 'kalininsky-gym'));
const campaign = await launchCustomSurvey(s.app, analyst, gym!.id, 'Опрос по личным ссылкам');
const assignment = campaign.assignments[0] as { id: string; publicCode: string };
await injectJson(s.app, 'POST', `/api/assignments/${assignment.id}/invitations`, analyst, { emails: ['mama@example.ru'] });
const [invitation] = await s.db.select().from(invitationsTable).where(eq(invitationsTable.email, 'mama@example.ru'));
const token = invitationToken(testConfig().jwtSecret, invitation!.id);
const stored = () => s.db.select().from(responsesTable).where(eq(responsesTable.campaignId, campaign.id));

describe('a personal link on a phone', () => {
  it('an invalid link says so at once, before anything is answered', async () => {
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.baseUrl}/s/${assignment.publicCode}?t=${'x'.repeat(43)}`);
    await page.getByText('Эта личная ссылка недействительна').waitFor();
    expect(await page.locator('.sd-root-modern, .sd-body').count()).toBe(0);
    await shot(page, 'personal-01-invalid-link');
    await context.close();
  });

  it('an answer queued offline and refused later (the link was used meanwhile) is shown as refused and can be taken back into the form', async () => {
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.baseUrl}/s/${assignment.publicCode}?t=${token}`);
    await page.getByText('Удовлетворены ли вы программой?').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await context.setOffline(true);
    await page.locator('.sd-rating__item').nth(3).click();
    await page.getByText('5-7').click();
    await page.getByRole('button', { name: 'Готово' }).click();
    await page.getByText('Ответ сохранён на этом телефоне').waitFor();

    // meanwhile the same personal link is used on another device
    const other = await s.app.inject({ method: 'POST', url: `/api/public/s/${assignment.publicCode}/responses`, payload: { id: crypto.randomUUID(), data: { q_sat: 5 }, token } });
    expect(other.statusCode).toBe(201);

    await context.setOffline(false);
    await page.getByText('Ответ не принят').waitFor({ timeout: 30_000 });
    await page.getByText('Ваши ответы не потеряны').waitFor();
    await shot(page, 'personal-02-refused-kept');
    // a reload does not lose the message either
    await page.reload();
    await page.getByText('Ответ не принят').waitFor();

    await page.getByRole('button', { name: 'Вернуться к ответам' }).click();
    // the link is used now, so the page says so; the answers are back in the device's draft
    await page.getByText('Эта личная ссылка уже использована').waitFor();
    const draft = await page.evaluate((code) => JSON.parse(localStorage.getItem(`draft:${code}`) ?? 'null'), assignment.publicCode);
    expect(draft.data).toEqual({ q_sat: 4, age_group: '5-7' });
    expect(await stored()).toHaveLength(1);
    await context.close();
  });
});
