// Account administration and one's own password, in the browser: the administrator edits,
// switches off and on, and force-resets a user and reads it all back in the activity log; a
// user changes their password; "forgot password" and the mailed link work end to end.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mailsTable, passwordResetsTable, usersTable } from '../../drizzle/schema/index.ts';
import { resetToken } from '../../server/auth/password-reset.service.ts';
import { desktopPage, loginAs, shot, startServer } from '../helpers/browser.ts';
import { injectJson, launch, tokenFor } from '../helpers/e2e-scenario.ts';
import { testConfig } from '../helpers/test-app.ts';

const s = await startServer();
const admin = await tokenFor(s.app, 'admin@demo.local');
const orgId = async (code: string) => (await s.db.query.organisationsTable.findFirst({ where: (o, { eq }) => eq(o.code, code) }))!.id;
const mailsTo = (email: string) => s.db.select().from(mailsTable).where(eq(mailsTable.recipient, email));

/** Nothing a person should not read: no ISO timestamps, no machine codes of actions. */
async function expectWordsOnly(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  expect(text).not.toMatch(/\buser\.[a-z_]+\b/);
}

/** A fresh account without a password (the welcome mail's link sets it): the reset token. */
async function invitedUser(email: string, name: string) {
  const user = await injectJson(s.app, 'POST', '/api/users', admin, { email, name, role: 'coordinator', organisationId: await orgId('kalininsky-gym') });
  const [reset] = await s.db.select().from(passwordResetsTable).where(eq(passwordResetsTable.userId, user.id));
  return { user, token: resetToken(testConfig().jwtSecret, reset!.id) };
}

describe('the administrator manages an account', () => {
  it('renames, switches off (the open session goes to login on its next step), switches on, force-resets; the log tells it in words', async () => {
    const analyst = await tokenFor(s.app, 'analyst@kalininsky.demo');
    await launch(s.app, analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1'] }, 'institution', [await orgId('kalininsky')]);
    const school = await desktopPage(s.browser);
    await loginAs(school.page, s.baseUrl, 'school@kalininsky.demo');
    await school.page.getByRole('link', { name: 'Заполнить' }).first().waitFor();

    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'admin@demo.local');
    await page.getByRole('link', { name: 'Пользователи' }).click();
    const row = page.getByTestId('user-school@kalininsky.demo');
    await row.getByText('активен').waitFor();
    await shot(page, 'accounts-01-users');

    // the edit dialog: Esc closes it and the focus goes back to the button that opened it
    await row.getByRole('button', { name: 'Изменить' }).click();
    const edit = page.getByTestId('edit-dialog');
    await edit.getByLabel('Имя').waitFor();
    await page.keyboard.press('Escape');
    await edit.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Изменить');

    await row.getByRole('button', { name: 'Изменить' }).click();
    await edit.getByLabel('Имя').fill('Мария Ивановна Петрова');
    await shot(page, 'accounts-02-edit-dialog');
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('Мария Ивановна Петрова').waitFor();

    await row.getByRole('button', { name: 'Отключить' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByText('Мария Ивановна Петрова (school@kalininsky.demo) не сможет войти').waitFor();
    await shot(page, 'accounts-03-confirm-deactivate');
    await confirm.getByRole('button', { name: 'Отключить' }).click();
    await row.getByText(/^отключён с \d\d\.\d\d\.\d{4}$/).waitFor();
    await shot(page, 'accounts-04-deactivated');

    // the coordinator's open tab: the next step finds the session gone and shows the login
    await school.page.getByRole('link', { name: 'Заполнить' }).first().click();
    await school.page.getByRole('button', { name: 'Войти' }).waitFor();
    await school.page.getByLabel('Электронная почта').fill('school@kalininsky.demo');
    await school.page.getByLabel('Пароль').fill('demo-2026!');
    await school.page.getByRole('button', { name: 'Войти' }).click();
    await school.page.getByRole('alert').getByText('Учётная запись отключена').waitFor();
    await shot(school.page, 'accounts-05-coordinator-switched-off');

    await row.getByRole('button', { name: 'Включить' }).click();
    await confirm.getByRole('button', { name: 'Включить' }).click();
    await row.getByText('активен').waitFor();

    await row.getByRole('button', { name: 'Сбросить пароль' }).click();
    await confirm.getByText('пароль перестанет действовать, все сеансы завершатся, на адрес school@kalininsky.demo придёт письмо со ссылкой').waitFor();
    await shot(page, 'accounts-06-confirm-reset');
    await confirm.getByRole('button', { name: 'Сбросить пароль' }).click();
    await page.getByRole('status').getByText('Пароль сброшен').waitFor();
    expect((await mailsTo('school@kalininsky.demo')).map((m) => m.subject)).toContain('Сброс пароля');
    // the old password no longer opens the account
    await school.page.getByLabel('Пароль').fill('demo-2026!');
    await school.page.getByRole('button', { name: 'Войти' }).click();
    await school.page.getByRole('alert').getByText('Неверный адрес почты или пароль').waitFor();
    await school.context.close();

    // one's own row offers no switch-off and no reset
    const own = page.getByTestId('user-admin@demo.local');
    await own.getByRole('button', { name: 'Изменить' }).waitFor();
    expect(await own.getByRole('button', { name: 'Отключить' }).count()).toBe(0);
    expect(await own.getByRole('button', { name: 'Сбросить пароль' }).count()).toBe(0);

    // organisation changes are in the same log
    const renamed = await s.app.inject({ method: 'PATCH', url: `/api/organisations/${await orgId('kalininsky-sosh1')}`, headers: admin, payload: { shortName: 'СОШ № 1 Калининска', settlement: 'rural' } });
    expect(renamed.statusCode, renamed.body).toBe(200);

    await page.getByRole('link', { name: 'Журнал действий' }).click();
    const log = page.getByTestId('audit');
    await log.getByText('изменил организацию', { exact: true }).waitFor();
    await log.getByText('краткое название: — → СОШ № 1 Калининска; местность: город → село').waitFor();
    for (const words of ['изменил данные пользователя', 'отключил пользователя', 'включил пользователя', 'сбросил пароль пользователя']) {
      await log.getByText(words, { exact: true }).first().waitFor();
    }
    await log.getByText(/^имя: .+ → Мария Ивановна Петрова$/).first().waitFor();
    await expectWordsOnly(page);
    await shot(page, 'accounts-07-audit');
    await context.close();
  });
});

describe('a user and their own password', () => {
  it('changes it on the account page (a wrong current password and a mismatch are said in place) and logs in with the new one', async () => {
    const { page, context } = await desktopPage(s.browser);
    await loginAs(page, s.baseUrl, 'viewer@saratov.demo');
    await page.getByTestId('who').getByRole('link').click();
    await page.getByRole('heading', { name: 'Моя учётная запись' }).waitFor();
    await page.getByText('Не короче 12 символов').waitFor();
    await page.getByLabel('Текущий пароль').fill('not-my-password');
    await page.getByLabel('Новый пароль', { exact: true }).fill('летний вечер у реки');
    await page.getByLabel('Новый пароль ещё раз').fill('летний вечер у реки!');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByRole('alert').getByText('Пароли не совпадают').waitFor();
    await page.getByLabel('Новый пароль ещё раз').fill('летний вечер у реки');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByRole('alert').getByText('Текущий пароль указан неверно').waitFor();
    await page.getByLabel('Текущий пароль').fill('demo-2026!');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByRole('status').getByText('Пароль изменён. Другие сеансы завершены.').waitFor();
    await shot(page, 'accounts-08-password-changed');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await loginAs(page, s.baseUrl, 'viewer@saratov.demo', 'летний вечер у реки');
    await context.close();
  });

  it('asks for a link on "forgot password" and gets the same neutral answer for a known and an unknown address', async () => {
    const { page, context } = await desktopPage(s.browser);
    for (const email of ['analyst@kalarsky.demo', 'nobody@nowhere.demo']) {
      await page.goto(`${s.baseUrl}/login`);
      await page.getByRole('link', { name: 'Забыли пароль?' }).click();
      await page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByRole('button', { name: 'Отправить ссылку' }).click();
      await page.getByRole('status').getByText('Если этот адрес зарегистрирован, на него отправлено письмо со ссылкой. Ссылка действует 1 час.').waitFor();
      await shot(page, `accounts-09-forgot-${email.split('@')[0]}`);
    }
    expect(await mailsTo('analyst@kalarsky.demo')).toHaveLength(1);
    expect(await mailsTo('nobody@nowhere.demo')).toHaveLength(0);
    await context.close();
  });

  it('sets a password through the mailed link once; the second use of the link is refused with a way to ask for a new one', async () => {
    const { user, token } = await invitedUser('invited@kalininsky.demo', 'Новый координатор');
    const { page, context } = await desktopPage(s.browser);
    await page.goto(`${s.baseUrl}/reset-password?token=${token}`);
    await page.getByRole('heading', { name: 'Новый пароль' }).waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).fill('зимнее утро в поле');
    await page.getByLabel('Новый пароль ещё раз').fill('зимнее утро в поле');
    await shot(page, 'accounts-10-reset-form');
    await page.getByRole('button', { name: 'Установить пароль' }).click();
    await page.getByRole('heading', { name: 'Пароль установлен' }).waitFor();
    await shot(page, 'accounts-11-reset-done');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByLabel('Электронная почта').fill(user.email);
    await page.getByLabel('Пароль').fill('зимнее утро в поле');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('who').getByText('Новый координатор').waitFor();
    await context.close();

    const again = await desktopPage(s.browser);
    await again.page.goto(`${s.baseUrl}/reset-password?token=${token}`);
    await again.page.getByLabel('Новый пароль', { exact: true }).fill('другой пароль для входа');
    await again.page.getByLabel('Новый пароль ещё раз').fill('другой пароль для входа');
    await again.page.getByRole('button', { name: 'Установить пароль' }).click();
    await again.page.getByRole('alert').getByText('Ссылка недействительна или уже использована').waitFor();
    await shot(again.page, 'accounts-12-link-used');
    await again.page.getByRole('link', { name: 'Запросить новую ссылку' }).click();
    await again.page.getByRole('heading', { name: 'Восстановление пароля' }).waitFor();
    const [row] = await s.db.select().from(usersTable).where(eq(usersTable.email, user.email));
    expect(row!.passwordHash.startsWith('!')).toBe(false);
    await again.context.close();
  });
});

describe('the account screens in English', () => {
  /** Cyrillic in the page's own chrome (navigation, buttons, labels, headings, headers, messages). */
  const CHROME = 'nav a, button, label, h1, h2, thead th, [role=status], [role=alert]';
  const cyrillicChrome = (page: Page, selector = `${CHROME}, p`) =>
    page.evaluate((selector) => {
      const found: string[] = [];
      for (const el of document.querySelectorAll(selector)) {
        if (el.closest('[translate="no"]')) continue;
        const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
        if (/\p{Script=Cyrillic}/u.test(own)) found.push(`${el.tagName.toLowerCase()}: ${own}`);
      }
      return found;
    }, selector);

  it('forgot, reset, account, users with a dialog open and the activity log speak English', async () => {
    const { page, context } = await desktopPage(s.browser);
    await page.goto(`${s.baseUrl}/forgot-password?lang=en`);
    await page.getByRole('heading', { name: 'Password recovery' }).waitFor();
    expect(await cyrillicChrome(page)).toEqual([]);
    await page.goto(`${s.baseUrl}/reset-password?token=abc.def`);
    await page.getByRole('heading', { name: 'New password' }).waitFor();
    expect(await cyrillicChrome(page)).toEqual([]);

    await page.goto(`${s.baseUrl}/login`);
    await page.getByLabel('Email').fill('analyst@kalininsky.demo');
    await page.getByLabel('Password').fill('demo-2026!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
    await page.goto(`${s.baseUrl}/account`);
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    expect(await cyrillicChrome(page)).toEqual([]);
    await page.goto(`${s.baseUrl}/dept/users`);
    await page.getByTestId('users').waitFor();
    const coordinatorRow = page.getByTestId('user-invited@kalininsky.demo');
    await coordinatorRow.getByRole('button', { name: 'Switch off' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Switch off' }).waitFor();
    // the dialog's sentence names the person, which is data
    expect(await cyrillicChrome(page, CHROME)).toEqual([]);
    expect(await page.getByTestId('confirm-dialog').locator('p').innerText()).toMatch(/^Новый координатор \(invited@kalininsky\.demo\) will not be able to sign in/);
    await shot(page, 'accounts-13-en-confirm');
    await page.keyboard.press('Escape');
    await page.goto(`${s.baseUrl}/dept/audit`);
    await page.getByTestId('audit').waitFor();
    // names of people and organisations are data and stay as written
    const actions = await page.getByTestId('audit').locator('tbody td:nth-child(3)').allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a).not.toMatch(/\p{Script=Cyrillic}/u);
    expect(await cyrillicChrome(page)).toEqual([]);
    await expectWordsOnly(page);
    await shot(page, 'accounts-14-en-audit');
    await context.close();
  });
});
