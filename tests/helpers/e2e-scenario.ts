// Set-up steps for browser tests, through the same API (app.inject) the web app uses.
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../../scripts/demo-data.ts';
import { customSurvey } from './forms.ts';

export async function tokenFor(app: FastifyInstance, email: string, password = DEMO_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/token', payload: { email, password } });
  return { authorization: `Bearer ${res.json().token}` };
}

export async function injectJson<T = any>(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown): Promise<T> {
  const res = await app.inject({ method, url, headers, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export const localIn = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 16);

/** Generates, publishes and launches a form for the given institution codes; returns the campaign. */
export async function launch(app: FastifyInstance, headers: Record<string, string>, generate: Record<string, unknown>, audience: string, institutionIds: string[], opts: { opensAt?: string; deadline?: string; expected?: Record<string, number>; title?: string } = {}) {
  const g = await injectJson(app, 'POST', '/api/forms/generate', headers, generate);
  const form = await injectJson(app, 'POST', '/api/forms', headers, { title: String(g.json.title), kind: generate.kind, json: g.json, mapping: g.mapping, indicators: g.indicators, catalogueVersionId: g.catalogueVersionId });
  return injectJson(app, 'POST', '/api/campaigns', headers, {
    formVersionId: form.latestVersionId, title: opts.title ?? String(g.json.title), audience, units: institutionIds,
    period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' },
    opensAt: opts.opensAt ?? new Date(Date.now() - 3600_000).toISOString(), deadline: opts.deadline ?? localIn(7), ...(opts.expected ? { expected: opts.expected } : {}),
  });
}

/** The small hand-written parent survey (tests/helpers/forms.ts), open now for one institution; returns the campaign. */
export async function launchCustomSurvey(app: FastifyInstance, headers: Record<string, string>, institutionId: string, title: string) {
  const form = await injectJson(app, 'POST', '/api/forms', headers, customSurvey);
  return injectJson(app, 'POST', '/api/campaigns', headers, {
    formVersionId: form.latestVersionId, title, audience: 'parents', units: [institutionId], expected: { [institutionId]: 20 },
    period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' }, opensAt: new Date(Date.now() - 3600_000).toISOString(), deadline: localIn(7),
  });
}
