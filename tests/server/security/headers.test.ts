// Every kind of answer the server gives — web pages, the survey link, hashed assets, the service
// worker, API JSON (200, 401, 404) and the API docs — carries the same Content-Security-Policy,
// directive for directive, and the other security headers. Over https the policy also upgrades
// insecure requests and HSTS is sent; over http neither is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../../server/web/web.routes.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { launchCampaign, publishForm } from '../../helpers/scenario.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const CSP = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

const directives = (header: unknown) =>
  Object.fromEntries(
    String(header).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

const t = await createTestApp();
const analyst = await t.login('analyst@kalininsky.demo');
const school = await t.org('kalininsky-sosh1');
const campaign = await launchCampaign(t, analyst, { formVersionId: await publishForm(t, analyst, customSurvey), audience: 'parents', units: [school.id] });
const code = campaign.assignments[0].publicCode!;
const asset = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'))![1];

const PAGES: [string, string, number, RegExp][] = [
  ['the staff app', '/', 200, /text\/html/],
  ['the login page', '/login', 200, /text\/html/],
  ['a department page', '/dept/campaigns', 200, /text\/html/],
  ['the school portal', '/school', 200, /text\/html/],
  ['a survey link', `/s/${code}`, 200, /text\/html/],
  ['a hashed asset', asset, 200, /javascript/],
  ['the service worker', '/sw.js', 200, /javascript/],
  ['the health check', '/api/health', 200, /json/],
  ['an API answer without a session (401)', '/api/forms', 401, /json/],
  ['an unknown API address (404)', '/api/no-such-thing', 404, /json/],
  ['the API docs', '/api/docs', 200, /text\/html/],
  ['the API docs script', '/api/docs/static/swagger-initializer.js', 200, /javascript/],
  ['the OpenAPI document', '/api/docs/json', 200, /json/],
];

describe('security headers over http', () => {
  it.each(PAGES)('%s (%s) carries the CSP and the other headers', async (_, url, status, type) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(status);
    expect(res.headers['content-type']).toMatch(type);
    expect(directives(res.headers['content-security-policy'])).toEqual(CSP);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers).not.toHaveProperty('strict-transport-security');
    expect(res.headers).not.toHaveProperty('x-powered-by');
  });

  it('a staff API answer with a session carries them too', async () => {
    const res = await t.app.inject({ url: '/api/forms', headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    expect(directives(res.headers['content-security-policy'])).toEqual(CSP);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

const secure = await createTestApp({ publicUrl: 'https://monitoring.example.ru', surveyUrl: 'https://monitoring.example.ru' });

describe('security headers over https', () => {
  it.each([['/login'], [`/api/health`], ['/api/docs']])('%s also upgrades insecure requests and sends HSTS', async (url) => {
    const res = await secure.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(directives(res.headers['content-security-policy'])).toEqual({ ...CSP, 'upgrade-insecure-requests': '' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('the printable QR sheet', () => {
  it('may run its own print script, allowed by its hash on that page alone; every other directive is the same', async () => {
    const { createHash } = await import('node:crypto');
    const { PRINT_SCRIPT } = await import('../../../server/campaigns/qr.service.ts');
    const res = await t.app.inject({ url: `/api/assignments/${campaign.assignments[0].id}/qr-sheet`, headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<script>${PRINT_SCRIPT}</script>`);
    const hash = `'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'`;
    expect(directives(res.headers['content-security-policy'])).toEqual({ ...CSP, 'script-src': `'self' ${hash}` });
    // the hash is that script's: any other inline script on the sheet would be refused
    expect(res.body.match(/<script>/g)).toHaveLength(1);
  });
});
