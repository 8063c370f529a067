// Staff screens in English: the switch, every page's own words, server errors by code, and the
// choice kept across a reload. Data (names of schools, indicators, forms) stays as entered.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { organisationsTable } from '../../drizzle/schema/index.ts';
import { DEMO_PASSWORD } from '../../scripts/demo-data.ts';
import { desktopPage, shot, startServer } from '../helpers/browser.ts';
import { injectJson, launch, tokenFor } from '../helpers/e2e-scenario.ts';

const s = await startServer();
const analyst = await tokenFor(s.app, 'analyst@kalininsky.demo');
const orgId = async (code: string) => (await s.db.select().from(organisationsTable).where(eq(organisationsTable.code, code)))[0].id;

/**
 * The page's own words: direct text of navigation, buttons, labels, headings and table headers,
 * outside anything marked translate="no" (data: names the users typed or the catalogue holds).
 */
const cyrillicChrome = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('nav a, button, label, summary, legend, h1, h2, thead th, [role=status], [role=alert]')) {
      if (el.closest('[translate="no"]')) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (/\p{Script=Cyrillic}/u.test(own)) found.push(`${el.tagName.toLowerCase()}: ${own}`);
    }
    return found;
  });

describe('the staff screens in English', () => {
  it('an analyst switches to English at login, sees every workspace page in English, and the choice survives a reload', async () => {
    const cdt = await orgId('kalininsky-cdt');
    const survey = await launch(s.app, analyst, { kind: 'parent_survey', catalogue: 'kalininsky', indicators: ['TAL-8'], audience: 'supplementary' }, 'parents', [cdt], { expected: { [cdt]: 10 }, title: 'Parent survey TAL-8' });
    const code = survey.assignments[0].publicCode;
    const form = await injectJson(s.app, 'GET', `/api/public/s/${code}`, {});
    for (const rating of [5, 4, 2]) {
      await s.app.inject({ method: 'POST', url: `/api/public/s/${code}/responses`, payload: { id: randomUUID(), data: { [form.json.pages[0].elements[0].name]: rating } } });
    }

    const { page, context } = await desktopPage(s.browser);
    await page.goto(`${s.baseUrl}/login`);
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel('Email').fill('analyst@kalininsky.demo');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // the server answers in Russian with a stable code; the English screen shows the code's text
    await page.getByRole('alert').getByText('Wrong email or password').waitFor();
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').getByText('department analyst').waitFor();

    const pages: [string, string][] = [
      ['/dept/campaigns', 'campaigns'],
      [`/dept/campaigns/${survey.id}`, 'campaign'],
      ['/dept/indicators?catalogue=kalininsky&period=2026/27', 'indicators'],
      ['/dept/catalogue', 'catalogue'],
      ['/dept/builder', 'builder'],
      ['/dept/mails', 'mails'],
      ['/dept/imports', 'imports'],
      ['/dept/organisations', 'organisations'],
      ['/dept/users', 'users'],
    ];
    for (const [path, name] of pages) {
      await page.goto(`${s.baseUrl}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await cyrillicChrome(page), path).toEqual([]);
      await shot(page, `en-${name}`);
    }

    await page.goto(`${s.baseUrl}/dept/campaigns`);
    await page.getByRole('link', { name: 'Collection & response' }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByRole('link', { name: 'Сбор и отклик' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Сбор и отклик' }).waitFor();
    await context.close();
  });

  it('a school coordinator fills a report in English: the draft status, the status and last period read in English', async () => {
    const kalininsky = await orgId('kalininsky');
    const campaign = await launch(s.app, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1'] }, 'institution', [kalininsky], { title: 'Self-report TAL-1' });
    const own = campaign.assignments.find((a: { institution: { code: string } }) => a.institution.code === 'kalininsky-sosh1');
    const { page, context } = await desktopPage(s.browser);
    await page.goto(`${s.baseUrl}/login?lang=en`);
    await page.getByLabel('Email').fill('school@kalininsky.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My assignments' }).waitFor();
    expect(await cyrillicChrome(page)).toEqual([]);
    await shot(page, 'en-school-assignments');
    await page.goto(`${s.baseUrl}/school/report/${own.id}`);
    await page.getByTestId('draft-status').getByText('The draft is saved automatically').waitFor();
    expect(await page.getByTestId('report-status').innerText()).toBe('not started');
    await page.getByLabel(/Численность обучающихся в возрасте от 5 до 18 лет/).fill('420');
    await page.getByTestId('draft-status').getByText(/Draft saved at \d\d:\d\d/).waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('draft');
    await shot(page, 'en-school-report');
    await context.close();
  });
});
