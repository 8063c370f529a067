// Survey pages on their own origin (SURVEY_URL): an administrator logged in to the staff app
// opens a survey link, and whatever that page runs can neither see nor use the staff session.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organisationsTable, responsesTable, usersTable } from '../../drizzle/schema/index.ts';
import { desktopPage, loginAs, phonePage, shot, startServer } from '../helpers/browser.ts';
import { launchCustomSurvey, tokenFor } from '../helpers/e2e-scenario.ts';

const s = await startServer({ surveyHost: true });
const analyst = await tokenFor(s.app, 'analyst@kalininsky.demo');
const [gym] = await s.db.select().from(organisationsTable).where(eq(organisationsTable.code, 'kalininsky-gym'));
const campaign = await launchCustomSurvey(s.app, analyst, gym!.id, 'Опрос на отдельном адресе');
const code = campaign.assignments[0].publicCode as string;

describe('survey pages on their own origin', () => {
  it("the administrator's survey link goes to the survey host, which gets no staff cookie and lets the page use no staff route", async () => {
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'admin@demo.local');
    expect((await context.cookies(s.baseUrl)).map((c) => c.name)).toContain('session');

    // an old link on the staff host is sent over to the survey host
    await page.goto(`${s.baseUrl}/s/${code}`);
    await page.waitForURL(`${s.surveyUrl}/s/${code}`);
    await page.locator('.sd-root-modern, .sd-body').first().waitFor();
    await shot(page, 'survey-origin-01-admin-opens-link');
    expect(await context.cookies(s.surveyUrl)).toEqual([]);

    const usersBefore = (await s.db.select().from(usersTable)).length;
    const attempts = await page.evaluate(async (staff) => {
      const body = JSON.stringify({ email: 'evil@attacker.example', name: 'x', role: 'admin', organisationId: '00000000-0000-0000-0000-000000000000', password: 'long-enough-password-1' });
      const tryFetch = (url: string, init?: RequestInit) => fetch(url, init).then((r) => r.status, (e: Error) => `blocked: ${e.name}`);
      return {
        me: await tryFetch('/api/auth/me'),
        users: await tryFetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
        staffMe: await tryFetch(`${staff}/api/auth/me`, { credentials: 'include' }),
        staffUsers: await tryFetch(`${staff}/api/users`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body }),
        staffSimple: await tryFetch(`${staff}/api/users`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body }),
      };
    }, s.baseUrl);
    // on the survey host the staff routes do not exist; the staff host answers another origin nothing it can read
    expect(attempts.me).toBe(404);
    expect(attempts.users).toBe(404);
    expect(attempts.staffMe).toMatch(/^blocked/);
    expect(attempts.staffUsers).toMatch(/^blocked/);
    expect((await s.db.select().from(usersTable)).length).toBe(usersBefore);
    expect(await s.db.select().from(usersTable).where(eq(usersTable.email, 'evil@attacker.example'))).toHaveLength(0);

    // the staff app itself is not served on the survey host
    const staffPage = await page.goto(`${s.surveyUrl}/dept/campaigns`);
    expect(staffPage?.status()).toBe(404);
    await context.close();
  });

  it('a parent answers on the survey host and the answer is stored', async () => {
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.surveyUrl}/s/${code}`);
    await page.getByText('Удовлетворены ли вы программой?').waitFor();
    await page.locator('.sd-rating__item').nth(4).click();
    await shot(page, 'survey-origin-02-parent-answers');
    const complete = page.getByRole('button', { name: 'Готово' });
    await complete.click();
    await page.getByText('Спасибо! Ответ отправлен.').waitFor();
    await shot(page, 'survey-origin-03-parent-thanks');
    const rows = await s.db.select().from(responsesTable).where(eq(responsesTable.campaignId, campaign.id));
    expect(rows).toHaveLength(1);
    await context.close();
  });
});
