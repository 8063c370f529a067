// Steps of the collection cycle through the real API, for tests that need a form and a campaign.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { createTestApp } from './test-app.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
type Who = { headers: Record<string, string> };

export async function publishGeneratedForm(t: T, who: Who, body: Record<string, unknown>, title = 'Тестовая форма') {
  const generated = await t.app.inject({ method: 'POST', url: '/api/forms/generate', headers: who.headers, payload: body });
  expect(generated.statusCode, generated.body).toBe(200);
  const g = generated.json();
  expect(g.problems).toEqual([]);
  return publishForm(t, who, { title, kind: body.kind, json: g.json, mapping: g.mapping, indicators: g.indicators, catalogueVersionId: g.catalogueVersionId });
}

export async function publishForm(t: T, who: Who, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/forms', headers: who.headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().latestVersionId as string;
}

export async function launchCampaign(t: T, who: Who, payload: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/campaigns', headers: who.headers,
    payload: {
      title: 'Сбор', period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' },
      opensAt: '2026-11-01T00:00:00Z', deadline: '2026-12-01T23:59', ...payload,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; assignments: { id: string; institution: { code: string; id: string }; publicCode: string | null; expected: number; deadlineAt: string }[] };
}

export const assignmentOf = (campaign: Awaited<ReturnType<typeof launchCampaign>>, code: string) => {
  const a = campaign.assignments.find((x) => x.institution.code === code);
  if (!a) throw new Error(`no assignment for ${code}`);
  return a;
};

export const submitPublic = (t: T, code: string, data: Record<string, unknown>, id = randomUUID()) =>
  t.app.inject({ method: 'POST', url: `/api/public/s/${code}/responses`, payload: { id, data } });
