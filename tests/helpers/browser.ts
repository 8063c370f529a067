// End-to-end harness: the real server (built web app, real database) on a loopback port and
// Debian's headless Chromium driven by playwright-core. Screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import { syncCatalogues } from '../../server/catalogues/catalogues.sync.ts';
import { WEB_DIST } from '../../server/web/web.routes.ts';
import { loadDemoData, DEMO_PASSWORD } from '../../scripts/demo-data.ts';
import { createTestDb } from './test-db.ts';
import { testConfig } from './test-app.ts';

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** A loopback port nobody listens on now (the split-origin server must know its port before it starts). */
async function freePort() {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The real app on loopback. With `surveyHost`, survey pages live on their own origin as
 * SURVEY_URL sets it in production: the staff app on http://127.0.0.1:<port>, the survey
 * pages on http://localhost:<port> (two hosts, so two origins and two sites to the browser).
 */
export async function startServer({ surveyHost = false } = {}) {
  const database = await createTestDb();
  await loadDemoData(database.db);
  await syncCatalogues(database.db);
  const port = surveyHost ? await freePort() : 0;
  const config = surveyHost ? testConfig({ publicUrl: `http://127.0.0.1:${port}`, surveyUrl: `http://localhost:${port}` }) : testConfig();
  const app = await buildApp({ config, database, webDir: WEB_DIST, runJobs: true });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  afterAll(async () => {
    await browser.close();
    await app.close();
    await database.close();
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { app, database, db: database.db, baseUrl, surveyUrl: surveyHost ? config.surveyUrl : baseUrl, browser };
}

export async function phonePage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ru-RU' });
  return { context, page: await context.newPage() };
}

export async function desktopPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'ru-RU' });
  return { context, page: await context.newPage() };
}

export async function loginAs(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('who').waitFor();
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
