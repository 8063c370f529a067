// End-to-end harness: the real server (built web app, real database) on a loopback port and
// Debian's headless Chromium driven by playwright-core. Screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
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

export async function startServer() {
  const database = await createTestDb();
  await loadDemoData(database.db);
  await syncCatalogues(database.db);
  const app = await buildApp({ config: testConfig(), database, webDir: WEB_DIST, runJobs: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
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
  return { app, database, db: database.db, baseUrl, browser };
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
