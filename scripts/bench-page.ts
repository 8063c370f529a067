// `npm run bench:page`: what a parent's phone downloads and waits for when opening a survey
// link — a mid-range phone (CPU 4× slower than this machine) on slow 4G — on the first visit
// (cold: empty cache) and the second (warm: same browser). Measured up to the moment the first
// answer of the first question can be pressed. The last line is JSON.
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type BrowserContext, type CDPSession } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { syncCatalogues } from '../server/catalogues/catalogues.sync.ts';
import { postgresDatabase } from '../server/db/db.client.ts';
import { WEB_DIST } from '../server/web/web.routes.ts';
import { loadDemoData } from './demo-data.ts';
import { launchParentSurvey, printTable, withBenchDb } from './bench/bench.helpers.ts';
import { followServiceWorkers } from './bench/bench.workers.ts';

// slow 4G as Lighthouse's mobile preset has it: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const GOAL = { coldMs: 3000, coldKb: 450, warmMs: 1000 };

type Visit = { ms: number; bytes: number; files: Map<string, number>; elsewhere: Map<string, { sent: number; failed: number }> };

/** The real app over a migrated database with the demo tree and catalogues, on a loopback port. */
async function startApp(url: string) {
  const database = postgresDatabase(url);
  await database.migrate();
  await loadDemoData(database.db);
  await syncCatalogues(database.db);
  const config = {
    port: 0, host: '127.0.0.1', dataDir: tmpdir(), database: { kind: 'postgres' as const, url }, mail: { kind: 'outbox' as const },
    jwtSecret: randomBytes(32).toString('hex'), publicUrl: 'http://127.0.0.1', surveyUrl: 'http://127.0.0.1', logLevel: 'warn', demo: false, publicRateLimit: 0, trustProxy: false as const,
  };
  const app = await buildApp({ config, database, webDir: WEB_DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, close: async () => { await app.close(); await database.close(); } };
}

// Runs in the page before its own scripts and notes when the first rating option can be
// pressed, checked every frame (styles arriving change nothing in the DOM). A string, because
// tsx names functions with a helper that does not exist inside the page.
const WATCH_FIRST_OPTION = `(() => {
  const check = () => {
    const option = document.querySelector('.sd-rating__item');
    const box = option && option.getBoundingClientRect();
    const input = option && option.querySelector('input');
    if (box && box.width > 0 && box.height > 0 && !(input && input.disabled) && getComputedStyle(option).visibility === 'visible') window.firstOptionAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/** Bytes that came over the network, per URL; cache hits and what a service worker answered count nothing here. */
function countBytes(cdp: CDPSession, files: Map<string, number>) {
  const urls = new Map<string, string>();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (!response.fromDiskCache && !response.fromServiceWorker && !response.fromPrefetchCache) urls.set(requestId, response.url);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const url = urls.get(requestId);
    if (url) files.set(url, (files.get(url) ?? 0) + encodedDataLength);
  });
}

/** Requests to other sites: this machine has no internet, so they fail here and their cost is missing from the figures. */
function watchElsewhere(cdp: CDPSession, appOrigin: string) {
  const elsewhere = new Map<string, { sent: number; failed: number }>();
  const origins = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
    const origin = new URL(request.url).origin;
    if (origin === appOrigin || !origin.startsWith('http')) return;
    origins.set(requestId, origin);
    const seen = elsewhere.get(origin) ?? { sent: 0, failed: 0 };
    elsewhere.set(origin, { ...seen, sent: seen.sent + 1 });
  });
  cdp.on('Network.loadingFailed', ({ requestId }) => {
    const seen = elsewhere.get(origins.get(requestId) ?? '');
    if (seen) seen.failed++;
  });
  return elsewhere;
}

async function visit(context: BrowserContext, url: string, { warm }: { warm: boolean }): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const files = new Map<string, number>();
  countBytes(cdp, files);
  const elsewhere = watchElsewhere(cdp, new URL(url).origin);
  const workers = await followServiceWorkers(cdp, SLOW_4G, files);
  if (warm) {
    // the service worker the first visit installed is running; a page it controls attaches it
    // before the measured load, so that the worker's fetches are throttled and counted too
    await page.goto(new URL('/api/health', url).href);
    await workers.attached;
    await page.waitForLoadState('networkidle');
    files.clear();
  }
  await page.addInitScript(WATCH_FIRST_OPTION);
  await page.goto(url);
  const ms = await page.waitForFunction(() => (window as unknown as { firstOptionAt?: number }).firstOptionAt, null, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<number>);
  // what the visit fetches after the first question (the service worker filling its cache) counts too
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 10_000))]));
  // the worker's byte counts arrive as messages relayed through the page's session
  await page.waitForTimeout(300);
  await page.close();
  const bytes = [...files.values()].reduce((a, b) => a + b, 0);
  return { ms: Math.round(ms), bytes, files, elsewhere };
}

async function measure(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ru-RU' });
  try {
    const cold = await visit(context, url, { warm: false });
    const warm = await visit(context, url, { warm: true });
    return { cold, warm };
  } finally {
    await context.close();
  }
}

async function main() {
  execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
  await withBenchDb('bench_page', async (dbUrl) => {
    const server = await startApp(dbUrl);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const survey = await launchParentSurvey(server.baseUrl, 40);
      const { cold, warm } = await measure(browser, `${server.baseUrl}/s/${survey.code}`);
      report(cold, warm);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}

function report(cold: Visit, warm: Visit) {
  const kb = (b: number) => Math.round(b / 1024);
  const path = (u: string) => u.replace(/^https?:\/\/[^/]+/, '');
  console.log('Transferred on the cold visit (compressed, KB):');
  printTable([...cold.files].sort((a, b) => b[1] - a[1]).map(([u, b]) => [`  ${path(u)}`, kb(b)]));
  console.log(`Transferred on the warm visit: ${[...warm.files].map(([u, b]) => `${path(u)} ${b} B`).join(', ') || 'nothing'}`);
  for (const [origin, { sent, failed }] of cold.elsewhere) {
    console.log(`Also contacted: ${origin}, ${sent} requests (${failed} failed here, without internet; not in the figures)`);
  }
  console.log('');
  printTable([
    ['', 'first question ms', 'transferred KB'],
    ['cold', cold.ms, kb(cold.bytes)],
    ['warm', warm.ms, kb(warm.bytes)],
  ]);
  const met = cold.ms <= GOAL.coldMs && kb(cold.bytes) <= GOAL.coldKb && warm.ms <= GOAL.warmMs;
  console.log(`goal (cold ≤ ${GOAL.coldMs} ms and ≤ ${GOAL.coldKb} KB, warm ≤ ${GOAL.warmMs} ms): ${met ? 'met' : 'missed'}`);
  console.log(JSON.stringify({ cold_ms: cold.ms, cold_kb: kb(cold.bytes), warm_ms: warm.ms, warm_kb: kb(warm.bytes) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
