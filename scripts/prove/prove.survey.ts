// The proofs' campaign: a small parent survey over several kindergartens, created through the
// HTTP API as an analyst would, and the answers a parent may (or must not) send to it.
import { DEMO_PASSWORD } from '../demo-data.ts';
import { api as call } from '../bench/bench.helpers.ts';

// one rule feeds the respondents/satisfied counters the recount checks (satisfied = 4 or 5)
export const PROVE_SURVEY = {
  title: 'Опрос родителей (проверка надёжности)',
  kind: 'parent_survey',
  json: {
    locale: 'ru',
    pages: [{
      name: 'p1',
      elements: [
        { type: 'rating', name: 'q_sat', title: 'Удовлетворены ли вы программой?', rateMin: 1, rateMax: 5, isRequired: true },
        { type: 'radiogroup', name: 'age_group', title: 'Возраст ребёнка', choices: ['3-4', '5-7'] },
        { type: 'comment', name: 'wish', title: 'Чего не хватает?' },
      ],
    }],
  },
  mapping: {
    kind: 'parent_survey',
    rules: [{ question: 'q_sat', respondents: 'parents_sat_dou_programmes_respondents', satisfied: 'parents_sat_dou_programmes_satisfied', satisfiedValues: [4, 5] }],
  },
};

export const KINDERGARTENS = ['kalininsky-dou1', 'novouzensky-dou1', 'serovsky-dou1'];

export type Link = { code: string; assignmentId: string; institutionId: string };
export type ProveCampaign = { campaignId: string; links: Link[] };

/** Publishes PROVE_SURVEY and opens it (an hour ago, for a week) to parents of the kindergartens. */
export async function launchProveCampaign(baseUrl: string, now = Date.now()): Promise<ProveCampaign> {
  const { token } = await call(baseUrl, 'POST', '/api/auth/token', null, { email: 'admin@demo.local', password: DEMO_PASSWORD });
  const orgs = await call<{ id: string; code: string }[]>(baseUrl, 'GET', '/api/organisations', token);
  const units = KINDERGARTENS.map((code) => {
    const org = orgs.find((o) => o.code === code);
    if (!org) throw new Error(`demo organisation ${code} not found`);
    return org.id;
  });
  const form = await call(baseUrl, 'POST', '/api/forms', token, PROVE_SURVEY);
  const campaign = await call<{ id: string; assignments: { id: string; publicCode: string; institution: { id: string } }[] }>(baseUrl, 'POST', '/api/campaigns', token, {
    formVersionId: form.latestVersionId, title: PROVE_SURVEY.title, audience: 'parents', units,
    period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' },
    opensAt: new Date(now - 3600_000).toISOString(), deadline: new Date(now + 7 * 86400_000).toISOString().slice(0, 16),
    expected: Object.fromEntries(units.map((id) => [id, 100_000])),
  });
  return { campaignId: campaign.id, links: campaign.assignments.map((a) => ({ code: a.publicCode, assignmentId: a.id, institutionId: a.institution.id })) };
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

/** A valid answer set; q_sat spans 1–5 so both "satisfied" and "not satisfied" are counted. */
export function validAnswers(): Record<string, unknown> {
  const data: Record<string, unknown> = { q_sat: 1 + Math.floor(Math.random() * 5) };
  if (Math.random() < 0.7) data.age_group = pick(['3-4', '5-7']);
  if (Math.random() < 0.3) data.wish = 'Больше прогулок';
  return data;
}

/** Answers the server must refuse with 422: a rating off the scale or the required one missing. */
export function invalidAnswers(): Record<string, unknown> {
  return Math.random() < 0.5 ? { q_sat: 7, age_group: '3-4' } : { age_group: '5-7' };
}
