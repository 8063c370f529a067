import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisationsTable, responsesTable } from '../../drizzle/schema/index.ts';
import { phonePage, shot, startServer } from '../helpers/browser.ts';
import { launch, tokenFor } from '../helpers/e2e-scenario.ts';
import { DDO_PAIRS } from '../../forms/generator/ddo.ts';

const s = await startServer();
const admin = await tokenFor(s.app, 'admin@demo.local');
const orgId = async (code: string) => (await s.db.select().from(organisationsTable).where(eq(organisationsTable.code, code)))[0].id;
const dou = await orgId('serovsky-dou1');
const survey = await launch(s.app, admin, { kind: 'parent_survey', catalogue: 'serovsky', indicators: ['S11-01', 'S11-02', 'S11-03'], audience: 'kindergarten' }, 'parents', [dou], { expected: { [dou]: 40 } });
const code = survey.assignments[0].publicCode as string;
const stored = () => s.db.select().from(responsesTable).where(eq(responsesTable.campaignId, survey.id));

async function answerRating(page: import('playwright-core').Page, label: string) {
  await page.getByText(label, { exact: false }).first().click();
}

describe('a parent on a phone', () => {
  it('answers the survey through the school\'s code; the response is stored once with the right values', async () => {
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.baseUrl}/s/${code}`);
    await page.getByText('Насколько вы удовлетворены качеством образовательной программы').waitFor();
    await shot(page, 'parent-01-first-question');
    await answerRating(page, '5 — Полностью удовлетворены');
    await page.getByRole('button', { name: 'Далее' }).click();
    await answerRating(page, '4 — Скорее удовлетворены');
    await page.getByRole('button', { name: 'Далее' }).click();
    await answerRating(page, '2 — Участвую редко');
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.locator('textarea').fill('Больше прогулок');
    await shot(page, 'parent-02-last-question');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByText('Спасибо! Ответ отправлен.').waitFor();
    await shot(page, 'parent-03-thanks');
    const rows = await stored();
    expect(rows).toHaveLength(1);
    const values = Object.values(rows[0].data);
    expect(values).toEqual(expect.arrayContaining([5, 4, 2, 'Больше прогулок']));
    await context.close();
  });

  it('a reload mid-survey resumes where it was', async () => {
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.baseUrl}/s/${code}`);
    await answerRating(page, '3 — Отчасти удовлетворены');
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByText('Насколько вы удовлетворены условиями').waitFor();
    await page.reload();
    await page.getByText('Насколько вы удовлетворены условиями').waitFor();
    await page.getByRole('button', { name: 'Назад' }).click();
    await shot(page, 'parent-04-resumed');
    const checked = await page.locator('input[type=radio]:checked, .sd-rating__item--selected').count();
    expect(checked).toBeGreaterThan(0);
    await context.close();
  });

  it('offline after load, the finished answer is queued and sent exactly once when back online', async () => {
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.baseUrl}/s/${code}`);
    await page.getByText('Насколько вы удовлетворены качеством образовательной программы').waitFor();
    const before = (await stored()).length;
    // give the service worker a moment to take the first load's files, then lose the network
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await page.waitForTimeout(500);
    await context.setOffline(true);
    await page.reload();
    await page.getByText('Насколько вы удовлетворены качеством образовательной программы').waitFor();
    for (const label of ['4 — Скорее удовлетворены', '5 — Полностью удовлетворены', '5 — Участвую постоянно']) {
      await answerRating(page, label);
      await page.getByRole('button', { name: 'Далее' }).click();
    }
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByText('Ответ сохранён на этом телефоне').waitFor();
    await shot(page, 'parent-05-queued-offline');
    expect((await stored()).length).toBe(before);
    await context.setOffline(false);
    await page.getByText('Спасибо! Ответ отправлен.').waitFor({ timeout: 30_000 });
    // a second flush (another tab, the timer) must not store it again
    await page.reload();
    await page.waitForTimeout(500);
    expect((await stored()).length).toBe(before + 1);
    await context.close();
  });

  it('a closed campaign\'s link shows the closed page', async () => {
    const { page, context } = await phonePage(s.browser);
    const open = await launch(s.app, admin, { kind: 'parent_survey', catalogue: 'serovsky', indicators: ['S11-01'], audience: 'kindergarten' }, 'parents', [dou]);
    await s.db.execute(`update assignments set deadline_at = now() - interval '1 hour' where campaign_id = '${open.id}'` as never);
    await page.goto(`${s.baseUrl}/s/${open.assignments[0].publicCode}`);
    await page.getByText('Опрос завершён').waitFor();
    await shot(page, 'parent-06-closed');
    await page.goto(`${s.baseUrl}/s/nosuch1`);
    await page.getByText('Ссылка не найдена').waitFor();
    await context.close();
  });
});

describe('a student on a phone', () => {
  it('finishes the ДДО and sees the dominant type', async () => {
    const school = await orgId('serovsky-sosh1');
    const ddo = await launch(s.app, admin, { kind: 'student_diagnostic', indicators: [] }, 'students', [school], { expected: { [school]: 25 } });
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.baseUrl}/s/${ddo.assignments[0].publicCode}`);
    for (let n = 1; n <= 20; n++) {
      await page.getByText(`${n} из 20. Что бы вы предпочли?`).waitFor();
      // always the first activity: "человек — природа" wins with 6 points
      await page.getByText(DDO_PAIRS[n - 1][0], { exact: true }).click();
      if (n === 1) await shot(page, 'student-01-pair');
      await page.getByRole('button', { name: n === 20 ? 'Узнать результат' : 'Далее' }).click();
    }
    await page.getByText('Ваш ведущий тип профессий').waitFor();
    expect(await page.getByText('Ответить ещё раз').count()).toBe(0);
    const text = await page.locator('.result').innerText();
    expect(text).toContain('Человек — природа');
    expect(text).toContain('агроном');
    await shot(page, 'student-02-result');
    const [row] = await s.db.select().from(responsesTable).where(eq(responsesTable.campaignId, ddo.id));
    // the 20 choices, and the five scores the server computed itself (includeIntoResult)
    const scores = Object.keys(row.data).filter((k) => k.startsWith('score_'));
    expect(Object.keys(row.data)).toHaveLength(20 + scores.length);
    expect(scores).toHaveLength(5);
    expect(Math.max(...scores.map((k) => Number(row.data[k])))).toBe(6);
    await context.close();
  });
});
