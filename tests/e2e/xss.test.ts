// Stored XSS through a form's JSON, in real Chromium. An analyst's form carries
// <img src=x onerror="…create an admin through /api/users…"> in an html question, in
// completedHtml and in a typed answer substituted into completedHtml; the administrator opens
// the survey link, the coordinator opens the self-report, a student finishes a diagnostic on a
// phone and reloads. The forms are stored both through the API (cleaned on save) and straight
// into the database (as a form saved before the cleaning existed), so the page's own cleaning is
// proven too. Nothing may run, and the sanitiser — not the CSP — must be what stopped it: no
// CSP violation may be reported on any page. The pages also render under the CSP cleanly.
import { eq, like } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { formVersionsTable, organisationsTable, usersTable } from '../../drizzle/schema/index.ts';
import { desktopPage, loginAs, phonePage, shot, startServer } from '../helpers/browser.ts';
import { injectJson, localIn, tokenFor } from '../helpers/e2e-scenario.ts';
import { customSurvey } from '../helpers/forms.ts';

const s = await startServer();
const analyst = await tokenFor(s.app, 'analyst@kalininsky.demo');
const orgId = async (code: string) => (await s.db.select().from(organisationsTable).where(eq(organisationsTable.code, code)))[0].id;
const kalininsky = await orgId('kalininsky');
const sosh1 = await orgId('kalininsky-sosh1');
const root = (await s.db.select().from(organisationsTable).where(eq(organisationsTable.level, 'root')))[0].id;

// what the attacker's markup would do with a staff session: make an administrator
const createAdmin = (tag: string) => ({ email: `${tag}@evil.example`, name: 'Взломщик', role: 'admin', organisationId: root });
const attack = (tag: string) =>
  `window.__pwned=1;fetch('/api/users',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(${JSON.stringify(createAdmin(tag)).replace(/"/g, "'")})})`;
const hostile = (tag: string) => `<img src=x onerror="${attack(tag)}">`;
const evilUsers = async () => (await s.db.select({ email: usersTable.email }).from(usersTable).where(like(usersTable.email, '%@evil.example'))).map((u) => u.email).sort();

const parentJson = (tag: string) => ({
  locale: 'ru',
  completedHtml: `<p>Спасибо!</p>${hostile(`${tag}-completed`)}`,
  pages: [{
    name: 'p1',
    elements: [
      { type: 'html', name: 'intro', html: `<h3>Добрый день, родители!</h3><p><img src="/favicon.svg" alt="герб" width="24" height="24"> Опрос займёт минуту.</p>${hostile(tag)}` },
      // a title is text to survey-react-ui (no onTextMarkdown handler): shown as typed, never parsed
      { type: 'rating', name: 'q_sat', title: `Удовлетворены ли вы программой? ${hostile(`${tag}-title`)}`, rateMin: 1, rateMax: 5, isRequired: true },
    ],
  }],
});

const publish = async (body: Record<string, unknown>) => injectJson(s.app, 'POST', '/api/forms', analyst, body);
/** Puts a form JSON into the database as stored, past the API's cleaning (a form saved by an older version). */
const storeRaw = (versionId: string, json: Record<string, unknown>) => s.db.update(formVersionsTable).set({ json }).where(eq(formVersionsTable.id, versionId));
const launch = (formVersionId: string, audience: string, units: string[]) =>
  injectJson(s.app, 'POST', '/api/campaigns', analyst, {
    formVersionId, title: `Проверка ${audience}`, audience, units,
    period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' },
    opensAt: new Date(Date.now() - 3600_000).toISOString(), deadline: localIn(7),
  });

// the parent survey twice: through the API, and raw in the database
const viaApi = await publish({ ...customSurvey, title: 'Опрос (API)', json: parentJson('api') });
const apiSurvey = await launch(viaApi.latestVersionId, 'parents', [sosh1]);
const raw = await publish({ ...customSurvey, title: 'Опрос (raw)' });
await storeRaw(raw.latestVersionId, parentJson('raw'));
const rawSurvey = await launch(raw.latestVersionId, 'parents', [sosh1]);

// a self-report whose stored form has the hostile html question on top
const generated = await injectJson(s.app, 'POST', '/api/forms/generate', analyst, { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1'] });
const report = await publish({ title: 'Самообследование', kind: 'self_report', json: generated.json, mapping: generated.mapping, indicators: generated.indicators, catalogueVersionId: generated.catalogueVersionId });
const reportJson = structuredClone(generated.json);
reportJson.pages[0].elements.unshift({ type: 'html', name: 'notice', html: `<p><b>Срок сдачи отчёта — пятница.</b></p>${hostile('report')}` });
await storeRaw(report.latestVersionId, reportJson);
const reportCampaign = await launch(report.latestVersionId, 'institution', [kalininsky]);
const ownReport = reportCampaign.assignments.find((a: { institution: { code: string } }) => a.institution.code === 'kalininsky-sosh1');

// a diagnostic whose result page substitutes the student's typed name: the page keeps that HTML on the phone
const ddo = await injectJson(s.app, 'POST', '/api/forms/generate', analyst, { kind: 'student_diagnostic', indicators: [] });
const diagnostic = await publish({ title: 'Диагностика', kind: 'student_diagnostic', json: ddo.json, mapping: ddo.mapping, indicators: [] });
await storeRaw(diagnostic.latestVersionId, {
  locale: 'ru',
  pages: [{ name: 'p1', elements: [{ type: 'text', name: 'nick', title: 'Как к вам обращаться?' }] }],
  completedHtml: `<h3>Спасибо, {nick}!</h3><p>Ваш результат готов.</p>${hostile('ddo-completed')}`,
});
const diagnosticCampaign = await launch(diagnostic.latestVersionId, 'students', [sosh1]);

type Watch = { page: Page; context: BrowserContext; violations: () => Promise<string[]>; console: string[] };
type Open = (browser: Browser) => Promise<{ page: Page; context: BrowserContext }>;

/**
 * A page that records CSP violations (in the page) and console errors (here). With `csp: false`
 * the server's CSP header is taken off every answer on the way in (and the service worker,
 * whose fetches the interception would not see, is blocked): what then stops a payload is the
 * sanitiser alone.
 */
async function watched(open: Open, { csp }: { csp: boolean }): Promise<Watch> {
  const { page, context } = await open(s.browser);
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    // an element target means the blocked markup was in the live page; the document, that it was
    // parsed elsewhere (Chrome also reports handlers in the sanitiser's own inert DOMParser document)
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} on ${e.target instanceof Element ? `element ${e.target.outerHTML.slice(0, 160)}` : 'document'} from ${e.sourceFile}:${e.lineNumber}`));
  });
  if (!csp) {
    await context.route(`${s.baseUrl}/**`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
  }
  const console: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) console.push(`${page.url()}: ${m.text().slice(0, 160)}`); });
  page.on('pageerror', (e) => console.push(`${page.url()}: ${e.message}`));
  return { page, context, console, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
}

const noWorkers = (viewport: Record<string, unknown>): Open => async (browser) => {
  const context = await browser.newContext({ ...viewport, locale: 'ru-RU', serviceWorkers: 'block' });
  return { context, page: await context.newPage() };
};
const desktop = (csp: boolean): Open => (csp ? desktopPage : noWorkers({ viewport: { width: 1360, height: 900 } }));
const phone = (csp: boolean): Open => (csp ? phonePage : noWorkers({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }));

const observed: Record<string, { violations: string[]; console: string[] }> = {};

async function expectNothingRan(w: Watch, label: string) {
  // the attack's fetch would have had time to land
  await w.page.waitForTimeout(800);
  expect(await w.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `${label}: window.__pwned`).toBeUndefined();
  expect(await w.page.locator('img[src="x"], [onerror], [onload], [onfocus]').count(), `${label}: hostile markup in the page`).toBe(0);
  const violations = await w.violations();
  observed[label] = { violations, console: [...w.console] };
  // nothing hostile reached the live page for the CSP to refuse
  expect(violations.filter((v) => v.includes(' on element ')), `${label}: CSP violations in the live page`).toEqual([]);
}

describe('stored XSS in a form JSON', () => {
  it('the payload is live with a staff session: the same request from the admin\'s page creates a user (control)', async () => {
    const w = await watched(desktopPage, { csp: true });
    await loginAs(w.page, s.baseUrl, 'admin@demo.local');
    const status = await w.page.evaluate(async (body) => (await fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status, JSON.stringify(createAdmin('control')));
    expect(status).toBe(201);
    expect(await evilUsers()).toEqual(['control@evil.example']);
    await w.context.close();
  });

  describe.each([['with the CSP switched off, the sanitiser alone', false], ['under the CSP as served', true]] as const)('%s', (mode, csp) => {
    const tag = csp ? 'csp' : 'nocsp';

    it('the administrator opens both survey links while logged in: the text shows, nothing runs', async () => {
      const w = await watched(desktop(csp), { csp });
      await loginAs(w.page, s.baseUrl, 'admin@demo.local');
      for (const [name, survey] of [['api', apiSurvey], ['raw', rawSurvey]] as const) {
        await w.page.goto(`${s.baseUrl}/s/${survey.assignments[0].publicCode}`);
        await w.page.getByText('Добрый день, родители!').waitFor();
        await w.page.getByText('Опрос займёт минуту.').waitFor();
        expect(await w.page.locator('.sd-html img[src="/favicon.svg"]').count(), 'the own picture stays').toBe(1);
        // the hostile title is shown as the characters typed
        await w.page.getByText('Удовлетворены ли вы программой? <img src=x onerror=', { exact: false }).waitFor();
        await shot(w.page, `xss-01-admin-survey-${name}-${tag}`);
        await expectNothingRan(w, `admin, survey stored ${name === 'api' ? 'through the API' : 'raw'}, ${mode}`);
      }
      expect(await evilUsers()).toEqual(['control@evil.example']);
      await w.context.close();
    });

    it('the coordinator opens a self-report whose stored form has the hostile html: the notice shows, nothing runs', async () => {
      const w = await watched(desktop(csp), { csp });
      await loginAs(w.page, s.baseUrl, 'school@kalininsky.demo');
      await w.page.goto(`${s.baseUrl}/school/report/${ownReport.id}`);
      await w.page.getByText('Срок сдачи отчёта — пятница.').waitFor();
      await w.page.getByLabel(/Численность обучающихся/).first().waitFor();
      await shot(w.page, `xss-02-coordinator-report-${tag}`);
      await expectNothingRan(w, `coordinator, self-report stored raw, ${mode}`);
      expect(await evilUsers()).toEqual(['control@evil.example']);
      await w.context.close();
    });

    it('a student types markup as their name; the result page and its copy kept on the phone stay inert across reloads', async () => {
      const w = await watched(phone(csp), { csp });
      const code = diagnosticCampaign.assignments[0].publicCode;
      await w.page.goto(`${s.baseUrl}/s/${code}`);
      await w.page.evaluate((key) => localStorage.removeItem(key), `done:${code}`);
      await w.page.getByLabel('Как к вам обращаться?').fill(`Катя<img src=x onerror="${attack(`ddo-typed-${tag}`)}">`);
      await w.page.getByRole('button', { name: 'Готово' }).click();
      await w.page.getByText('Ваш результат готов.').waitFor();
      await w.page.getByText('Спасибо, Катя!').waitFor();
      await shot(w.page, `xss-03-student-result-${tag}`);
      await expectNothingRan(w, `student, result with a typed name, ${mode}`);
      expect(await w.page.evaluate((key) => localStorage.getItem(key), `done:${code}`), 'the result kept on the phone').not.toMatch(/onerror|<img/);
      await w.page.reload();
      await w.page.getByText('Ваш результат готов.').waitFor();
      await expectNothingRan(w, `student, result after reload, ${mode}`);
      // a result kept by an older version of the page, before the cleaning existed
      await w.page.evaluate(([key, html]) => localStorage.setItem(key, JSON.stringify({ id: 'old', html })), [`done:${code}`, `<p>Результат прошлой версии</p>${hostile(`ddo-stored-${tag}`)}`]);
      await w.page.reload();
      await w.page.getByText('Результат прошлой версии').waitFor();
      await shot(w.page, `xss-04-student-old-result-${tag}`);
      await expectNothingRan(w, `student, result kept by an older version, ${mode}`);
      expect(await evilUsers()).toEqual(['control@evil.example']);
      await w.context.close();
    });
  });

});

afterAll(() => console.log('[xss] what Chromium reported, page by page:', JSON.stringify(observed, null, 1)));

async function expectNoViolation(w: Watch, label: string) {
  await w.page.waitForTimeout(300);
  const violations = await w.violations();
  observed[label] = { violations, console: [...w.console] };
  expect(violations, `${label}: CSP violations`).toEqual([]);
  expect(w.console.filter((m) => /Content Security Policy/i.test(m)), `${label}: CSP messages in the console`).toEqual([]);
}

describe('pages under the CSP', () => {
  it('a survey on a phone renders with no CSP violation', async () => {
    const w = await watched(phonePage, { csp: true });
    await w.page.goto(`${s.baseUrl}/s/${apiSurvey.assignments[0].publicCode}`);
    await w.page.getByText('Добрый день, родители!').waitFor();
    await w.page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    await shot(w.page, 'xss-05-respondent-under-csp');
    await expectNoViolation(w, 'respondent page');
    await w.context.close();
  });

  it('the staff app and /api/docs render with no CSP violation', async () => {
    const w = await watched(desktopPage, { csp: true });
    await loginAs(w.page, s.baseUrl, 'analyst@kalininsky.demo');
    for (const [path, text] of [['/dept/campaigns', 'Проверка parents'], [`/dept/campaigns/${apiSurvey.id}`, 'Проверка parents'], ['/dept/indicators', 'Показатели'], ['/dept/builder', 'Конструктор форм']]) {
      await w.page.goto(`${s.baseUrl}${path}`);
      await w.page.getByText(text).first().waitFor();
      await expectNoViolation(w, path);
    }
    await shot(w.page, 'xss-06-staff-builder');
    await w.page.goto(`${s.baseUrl}/api/docs`);
    await w.page.locator('.swagger-ui .info .title').waitFor();
    await w.page.getByText('/api/forms').first().waitFor();
    await shot(w.page, 'xss-07-api-docs');
    await expectNoViolation(w, '/api/docs');
    await w.context.close();
  });

  it('style-src needs \'unsafe-inline\' for SurveyJS: with a strict style-src its <style> elements are refused', async () => {
    const w = await watched(phonePage, { csp: true });
    // the same page, its CSP tightened on the way in
    await w.page.route(`${s.baseUrl}/**`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      if (headers['content-security-policy']) headers['content-security-policy'] = headers['content-security-policy'].replace("style-src 'self' 'unsafe-inline'", "style-src 'self'");
      await route.fulfill({ response, headers });
    });
    await w.page.goto(`${s.baseUrl}/s/${apiSurvey.assignments[0].publicCode}`);
    await w.page.getByText('Добрый день, родители!').waitFor();
    await w.page.waitForTimeout(500);
    const violations = await w.violations();
    console.log('[strict style-src] violations:', violations);
    expect(violations.some((v) => v.startsWith('style-src'))).toBe(true);
    await w.context.close();
  });
});
