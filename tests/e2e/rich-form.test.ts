// A parent on a phone answers a form that uses more of SurveyJS than our generated surveys:
// "other" with typed text, "none", a dynamic panel and a dynamic matrix whose extra row is
// removed. The real respondent page sends it and the server stores exactly what was chosen.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisationsTable, responsesTable } from '../../drizzle/schema/index.ts';
import { phonePage, shot, startServer } from '../helpers/browser.ts';
import { injectJson, localIn, tokenFor } from '../helpers/e2e-scenario.ts';

const s = await startServer();
const analyst = await tokenFor(s.app, 'analyst@kalininsky.demo');
const [dou] = await s.db.select().from(organisationsTable).where(eq(organisationsTable.code, 'kalininsky-dou1'));

const form = {
  locale: 'ru',
  pages: [
    {
      name: 'family',
      elements: [
        { type: 'radiogroup', name: 'route', title: 'Как ребёнок добирается до детского сада?', isRequired: true, choices: ['Пешком', 'На автобусе'], showOtherItem: true, otherText: 'Иначе' },
        { type: 'checkbox', name: 'clubs', title: 'Какие кружки посещает ребёнок?', choices: ['Рисование', 'Танцы'], showNoneItem: true, noneText: 'Никакие' },
      ],
    },
    {
      name: 'children',
      elements: [
        {
          type: 'paneldynamic', name: 'kids', title: 'Дети в детском саду', panelCount: 1, panelAddText: 'Добавить ребёнка', panelRemoveText: 'Убрать ребёнка',
          templateElements: [
            { type: 'text', name: 'kid_name', title: 'Имя ребёнка', isRequired: true },
            { type: 'dropdown', name: 'group', title: 'Группа', choices: ['Младшая', 'Старшая'] },
          ],
        },
        {
          type: 'matrixdynamic', name: 'meals', title: 'Питание по дням', rowCount: 2, addRowText: 'Добавить день', removeRowText: 'Убрать день',
          columns: [
            { name: 'day', title: 'День', cellType: 'text' },
            { name: 'liked', title: 'Понравилось', cellType: 'boolean' },
          ],
        },
      ],
    },
  ],
};

describe('a parent on a phone answers a form with other, none, a dynamic panel and a dynamic matrix', () => {
  it('sends it through the respondent page and finds it stored as chosen', { timeout: 120_000 }, async () => {
    const published = await injectJson(s.app, 'POST', '/api/forms', analyst, { title: 'Дорога и питание', kind: 'parent_survey', json: form, mapping: { kind: 'parent_survey', rules: [] } });
    const campaign = await injectJson(s.app, 'POST', '/api/campaigns', analyst, {
      formVersionId: published.latestVersionId, title: 'Дорога и питание', audience: 'parents', units: [dou.id], expected: { [dou.id]: 20 },
      period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' }, opensAt: new Date(Date.now() - 3600_000).toISOString(), deadline: localIn(7),
    });
    const code = campaign.assignments[0].publicCode as string;
    const { page, context } = await phonePage(s.browser);
    await page.goto(`${s.baseUrl}/s/${code}`);

    await page.getByText('Иначе', { exact: true }).click();
    await page.getByRole('textbox').first().fill('Везёт бабушка на велосипеде');
    await page.getByText('Никакие', { exact: true }).click();
    await shot(page, 'rich-01-other-and-none');
    await page.getByRole('button', { name: 'Далее' }).click();

    await page.getByText('Дети в детском саду').waitFor();
    await page.getByRole('button', { name: 'Добавить ребёнка' }).click();
    const names = page.locator('input[aria-label="Имя ребёнка"]');
    await names.nth(0).fill('Маша');
    await names.nth(1).fill('Петя');
    await page.getByRole('button', { name: 'Убрать ребёнка' }).nth(1).click();
    const days = page.locator('.sd-question:has-text("Питание по дням") input[type=text]');
    await days.nth(0).fill('Понедельник');
    await page.getByRole('button', { name: 'Убрать день' }).nth(1).click();
    await shot(page, 'rich-02-panels-and-rows');
    await page.getByRole('button', { name: 'Готово' }).click();
    await page.getByText('Спасибо! Ответ отправлен.').waitFor();
    await shot(page, 'rich-03-thanks');

    const rows = await s.db.select().from(responsesTable).where(eq(responsesTable.campaignId, campaign.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toEqual({
      route: 'other',
      'route-Comment': 'Везёт бабушка на велосипеде',
      clubs: ['none'],
      kids: [{ kid_name: 'Маша' }],
      meals: [{ day: 'Понедельник' }],
    });
    await context.close();
  });
});
