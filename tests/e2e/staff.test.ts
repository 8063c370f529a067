import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisationsTable } from '../../drizzle/schema/index.ts';
import { desktopPage, loginAs, shot, startServer } from '../helpers/browser.ts';
import { injectJson, launch, localIn, tokenFor } from '../helpers/e2e-scenario.ts';

const s = await startServer();
const analyst = await tokenFor(s.app, 'analyst@kalininsky.demo');
const orgId = async (code: string) => (await s.db.select().from(organisationsTable).where(eq(organisationsTable.code, code)))[0].id;
const kalininsky = await orgId('kalininsky');

describe('a school coordinator', () => {
  it('saves a draft, reloads and finds it, submits; the analyst\'s dashboard shows it submitted', async () => {
    const campaign = await launch(s.app, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1', 'TAL-5'] }, 'institution', [kalininsky]);
    const own = campaign.assignments.find((a: { institution: { code: string } }) => a.institution.code === 'kalininsky-sosh1');
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'school@kalininsky.demo');
    await page.getByRole('link', { name: 'Заполнить' }).first().click();
    await page.waitForURL(`**/school/report/${own.id}`);
    await page.getByLabel(/Численность обучающихся в возрасте от 5 до 18 лет/).fill('420');
    await page.getByTestId('draft-status').getByText('Черновик сохранён').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel(/Численность обучающихся в возрасте от 5 до 18 лет/).inputValue()).toBe('420');
    await page.getByLabel(/охваченных программами дополнительного образования/).fill('500');
    await page.getByLabel(/охваченных программами дополнительного образования/).blur();
    await page.getByText('не может быть больше').first().waitFor();
    await shot(page, 'school-01-part-whole-check');
    await page.getByLabel(/охваченных программами дополнительного образования/).fill('350');
    await page.getByText('Да', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Отправить отчёт' }).click();
    await page.getByText('Отчёт отправлен').waitFor();
    expect(await page.getByTestId('report-status').innerText()).toBe('отправлен');
    await shot(page, 'school-02-submitted');
    await context.close();

    const dept = await desktopPage(s.browser);
    await loginAs(dept.page, s.baseUrl, 'analyst@kalininsky.demo');
    await dept.page.goto(`${s.baseUrl}/dept/campaigns/${campaign.id}`);
    const row = dept.page.getByTestId(`row-${own.institution.name}`);
    await row.getByText('отправлен').waitFor();
    await shot(dept.page, 'dept-01-self-report-dashboard');
    await dept.context.close();
  });
});

describe('a department analyst', () => {
  it('builds a form from three indicators, rewords a question, publishes, launches a campaign and sees the assignments', async () => {
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'analyst@kalininsky.demo');
    await page.getByRole('link', { name: 'Конструктор форм' }).click();
    for (const id of ['TAL-1', 'TAL-2', 'TAL-3']) await page.locator(`input[type=checkbox][value="${id}"]`).check();
    await page.getByRole('button', { name: 'Сгенерировать форму' }).click();
    const first = page.getByLabel('Формулировка вопроса pupils_5_18_supplementary');
    await first.fill('Сколько обучающихся 5–18 лет занимаются в кружках и секциях?');
    await page.locator('.phone-preview').getByText('Сколько обучающихся 5–18 лет занимаются в кружках и секциях?').waitFor();
    await page.getByLabel('Название формы').fill('Самообследование: дополнительное образование');
    await shot(page, 'dept-02-builder');
    await page.getByRole('button', { name: 'Опубликовать версию' }).click();
    await page.getByText('Форма опубликована (версия 1)').waitFor();
    // a slow list of forms: launching before it arrives must wait, not send a campaign without its title
    await page.route('**/api/forms', async (route) => { await new Promise((r) => setTimeout(r, 1500)); await route.continue(); });
    await page.getByRole('link', { name: 'Запустить сбор по этой форме' }).click();
    await page.locator('input[name=deadline]').fill('2031-12-20T23:59');
    await page.getByRole('button', { name: 'Запустить сбор' }).click();
    await page.waitForURL(/\/dept\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByTestId('institutions').waitFor();
    const rows = await page.getByTestId('institutions').locator('tbody tr').count();
    expect(rows).toBe(5);
    await shot(page, 'dept-03-new-campaign');
    const forms = await injectJson(s.app, 'GET', '/api/forms', analyst);
    const form = await injectJson(s.app, 'GET', `/api/forms/${forms[0].id}`, analyst);
    expect(JSON.stringify(form.versions[0].json)).toContain('Сколько обучающихся 5–18 лет занимаются в кружках и секциях?');
    await context.close();
  });

  it('sees a parent response (through the API) raise the school\'s rate on the dashboard', async () => {
    const cdt = await orgId('kalininsky-cdt');
    const survey = await launch(s.app, analyst, { kind: 'parent_survey', catalogue: 'kalininsky', indicators: ['TAL-8'], audience: 'supplementary' }, 'parents', [cdt], { expected: { [cdt]: 10 } });
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'analyst@kalininsky.demo');
    await page.goto(`${s.baseUrl}/dept/campaigns/${survey.id}`);
    await expect.poll(() => page.getByTestId('total-rate').innerText()).toContain('0 %');
    const question = survey.assignments[0].publicCode;
    const form = await injectJson(s.app, 'GET', `/api/public/s/${question}`, {});
    const name = form.json.pages[0].elements[0].name;
    for (const rating of [5, 4, 2, 5]) {
      const res = await s.app.inject({ method: 'POST', url: `/api/public/s/${question}/responses`, payload: { id: randomUUID(), data: { [name]: rating } } });
      expect(res.statusCode).toBe(201);
    }
    await page.reload();
    await expect.poll(() => page.getByTestId('total-rate').innerText()).toContain('40 %');
    await page.getByRole('img', { name: /по дням/ }).waitFor();
    await shot(page, 'dept-04-survey-rate');

    // four respondents: the indicator table withholds the value
    await page.goto(`${s.baseUrl}/dept/indicators?catalogue=kalininsky&period=2026/27`);
    const cell = page.locator('tr[data-indicator="TAL-8"] td.withheld');
    await cell.first().waitFor();
    expect(await cell.first().innerText()).toBe('n < 5');
    // six parents of the gymnasium answer a second survey: the total is theirs alone, and says so
    const gym = await orgId('kalininsky-gym');
    const second = await launch(s.app, analyst, { kind: 'parent_survey', catalogue: 'kalininsky', indicators: ['TAL-8'], audience: 'supplementary' }, 'parents', [gym], { expected: { [gym]: 10 } });
    for (const rating of [5, 5, 4, 2, 5, 1]) {
      const res = await s.app.inject({ method: 'POST', url: `/api/public/s/${second.assignments[0].publicCode}/responses`, payload: { id: randomUUID(), data: { [name]: rating } } });
      expect(res.statusCode).toBe(201);
    }
    await page.reload();
    const row = page.locator('tr[data-indicator="TAL-8"]');
    await expect.poll(() => row.getByTestId('left-out').first().innerText()).toBe('без 1 ОО с n < 5');
    expect(await row.locator('td').first().innerText()).toContain('66,7');
    expect(await row.getByTestId('sources').innerText()).toBe('Источник: опрос');
    await page.locator('tr[data-indicator="TAL-8"]').getByRole('button', { name: 'график' }).click();
    await page.getByRole('img', { name: /График показателя TAL-8/ }).waitFor();
    await shot(page, 'dept-05-indicators-withheld');
    await context.close();
  });

  it('reminds the lagging schools now and sees the mails in the outbox', async () => {
    const gym = await orgId('kalininsky-gym');
    await injectJson(s.app, 'POST', '/api/users', analyst, { email: 'gym@kalininsky.demo', name: 'Завуч гимназии', password: 'long-enough-1', role: 'coordinator', organisationId: gym });
    // a month ahead: no scheduled reminder is due yet, only the manual one
    const campaign = await launch(s.app, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-5'] }, 'institution', [kalininsky], { deadline: localIn(30) });
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'analyst@kalininsky.demo');
    await page.goto(`${s.baseUrl}/dept/campaigns/${campaign.id}`);
    await page.getByRole('button', { name: 'Напомнить отстающим сейчас' }).click();
    await page.getByText(/Запланировано писем: [1-9]/).waitFor();
    await page.getByRole('link', { name: 'письма', exact: true }).click();
    await page.getByText('gym@kalininsky.demo').first().waitFor();
    expect(await page.getByText(/Напоминание: /).count()).toBeGreaterThan(0);
    await shot(page, 'dept-07-outbox');
    await context.close();
  });

  it('pages, sorts and filters 1,000 institutions, and the URL keeps the filters', async () => {
    const csv = ['code;name;kind;settlement', ...Array.from({ length: 1000 }, (_, i) => `bulk-${i + 1};МОУ «Школа № ${i + 1}»;ОО;${i % 3 ? 'городская' : 'сельская'}`)].join('\n');
    await injectJson(s.app, 'POST', '/api/organisations/import', analyst, { municipalityId: kalininsky, csv });
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'analyst@kalininsky.demo');
    await page.goto(`${s.baseUrl}/dept/organisations`);
    await page.getByText('строк: 1006').waitFor();
    expect(await page.getByTestId('orgs').locator('tbody tr').count()).toBe(50);
    await page.getByText(/страница 1 из 21/).waitFor();
    await page.getByRole('button', { name: 'Наименование' }).click();
    await page.getByRole('button', { name: /Наименование ▲/ }).click();
    await page.getByLabel('Фильтр').fill('Школа № 99');
    await page.getByText('строк: 11 из 1006').waitFor();
    const url = page.url();
    expect(url).toContain('orgs.sort=name%3Adesc');
    expect(url).toContain('orgs.q=');
    await page.reload();
    await page.getByText('строк: 11 из 1006').waitFor();
    expect(await page.getByTestId('orgs').locator('tbody tr').first().innerText()).toContain('Школа № 999');
    await shot(page, 'dept-08-organisations-1000');
    await context.close();
  });

  it('an analyst of another municipality cannot open the campaign by URL', async () => {
    const campaigns = await injectJson(s.app, 'GET', '/api/campaigns', analyst);
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'analyst@kalarsky.demo');
    await page.goto(`${s.baseUrl}/dept/campaigns/${campaigns[0].id}`);
    await page.getByRole('alert').getByText('Не найдено').waitFor();
    await shot(page, 'dept-06-foreign-campaign');
    await context.close();
  });
});

describe('pages per role', () => {
  it('offers each role only its pages, and a page opened by address says «Нет доступа»', async () => {
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'viewer@saratov.demo');
    const nav = page.locator('header nav');
    await nav.getByRole('link', { name: 'Показатели' }).waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Сбор и отклик', 'Показатели', 'Каталог', 'Организации']);
    await page.goto(`${s.baseUrl}/dept/builder`);
    await page.getByTestId('no-access').getByText('Нет доступа').waitFor();
    expect(await page.locator('textarea, .builder').count()).toBe(0);
    await shot(page, 'viewer-01-no-access-builder');
    await context.close();

    const school = await desktopPage(s.browser);
    await loginAs(school.page, s.baseUrl, 'school@kalininsky.demo');
    expect(await school.page.locator('header nav').getByRole('link').allInnerTexts()).toEqual(['Мои задания']);
    await school.page.goto(`${s.baseUrl}/dept/users`);
    await school.page.getByTestId('no-access').waitFor();
    await school.context.close();
  });
});
