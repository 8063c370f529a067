// Response rates of a campaign per municipality and institution. Expected and completed are
// counted on the same assignments and completed is capped at expected per school, so a school
// with more answers than families never lifts a rate above 100 %.
import { asc, eq } from 'drizzle-orm';
import { completionsDailyTable } from '../../drizzle/schema/index.ts';
import * as campaigns from '../campaigns/campaigns.service.ts';
import { municipalityOf } from './aggregation.queries.ts';

type Totals = { expected: number; started: number; completed: number; completedOnTime: number; institutions: number; submitted: number };
const empty = (): Totals => ({ expected: 0, started: 0, completed: 0, completedOnTime: 0, institutions: 0, submitted: 0 });
const rateOf = (t: Totals) => (t.expected > 0 ? Math.round((t.completed / t.expected) * 1000) / 10 : null);

export async function rates(ctx: campaigns.Ctx, campaignId: string) {
  const campaign = await campaigns.get(ctx, campaignId);
  // by id: Russia has several «Калининский» districts, and a name is not a municipality
  const parentOf = await municipalityOf(ctx.db, campaign.assignments.map((a) => a.institution.id));
  const byMunicipality = new Map<string, Totals & { name: string }>();
  const total = empty();
  for (const a of campaign.assignments) {
    const id = parentOf.get(a.institution.id)!;
    const m = byMunicipality.get(id) ?? { name: a.institution.municipality, ...empty() };
    for (const t of [m, total]) {
      t.expected += a.expected;
      // whoever completed has started, also when the "started" ping was lost on the way
      t.started += Math.min(Math.max(a.started, a.completed), a.expected);
      t.completed += Math.min(a.completed, a.expected);
      t.completedOnTime += Math.min(a.completedOnTime, a.expected);
      t.institutions += 1;
      t.submitted += ['submitted', 'accepted'].includes(a.status) ? 1 : 0;
    }
    byMunicipality.set(id, m);
  }
  const lagging = campaign.assignments.filter((a) =>
    campaign.audience === 'institution' ? !['submitted', 'accepted'].includes(a.status) : (a.rate ?? 0) < campaign.targetRate,
  );
  const timeline = await ctx.db
    .select({ day: completionsDailyTable.day, completed: completionsDailyTable.completed })
    .from(completionsDailyTable)
    .where(eq(completionsDailyTable.campaignId, campaignId))
    .orderBy(asc(completionsDailyTable.day));
  return {
    timeline,
    opensAt: campaign.opensAt,
    campaign: { id: campaign.id, title: campaign.title, audience: campaign.audience, targetRate: campaign.targetRate, deadline: campaign.deadline, state: campaign.state },
    total: { ...total, rate: rateOf(total) },
    municipalities: [...byMunicipality.entries()].map(([id, t]) => ({ id, ...t, rate: rateOf(t) })),
    institutions: campaign.assignments,
    lagging: lagging.map((a) => ({ id: a.id, institution: a.institution.name, status: a.status, rate: a.rate, completed: a.completed, expected: a.expected })),
  };
}
