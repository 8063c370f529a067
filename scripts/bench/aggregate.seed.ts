// The data of `npm run bench:aggregate`: a region of 1,000 institutions, a kindergarten
// parent survey over it, and responses added in bulk together with the aggregates the
// submission path keeps (assignments.completed, the variable_values counters).
import type postgres from 'postgres';
import type { Db } from '../../server/db/db.client.ts';
import type { Scope } from '../../server/auth/auth.schemas.ts';
import type { SurveyRule } from '../../forms/generator/mapping.schemas.ts';
import * as campaigns from '../../server/campaigns/campaigns.service.ts';
import * as forms from '../../server/forms/forms.service.ts';
import { systemClock } from '../../server/shared/clock.ts';

export const MUNICIPALITIES = 50;
export const PER_MUNICIPALITY = 20;
// each municipality alike: 16 kindergartens (the survey's audience), 3 schools, 1 centre of supplementary education
const SLOTS = Array.from({ length: PER_MUNICIPALITY }, (_, k) => {
  if (k < 16) return { kind: 'kindergarten', type: 'dou', name: `МДОУ «Детский сад № ${k + 1}»` };
  if (k < 19) return { kind: 'school', type: 'sosh', name: `МОУ «Средняя школа № ${k - 15}»` };
  return { kind: 'supplementary', type: 'udo', name: 'МУ ДО «Дом детского творчества»' };
});
export const PERIOD = { kind: 'school_year' as const, label: '2025/26', start: '2025-09-01', end: '2026-08-31' };
// a region spanning time zones, as Yakutia does: deadlines differ per municipality
const ZONES = ['Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Srednekolymsk'];

/** The region and its tree in three set-based inserts; each path is its parent's plus the new id. */
export async function buildRegion(sql: postgres.Sql) {
  const [region] = await sql<{ id: string; path: string }[]>`
    insert into organisations (id, parent_id, path, level, code, name, time_zone)
    select x.id, root.id, root.path || x.id || '/', 'region', 'bench-region', 'Условная область (бенчмарк)', ${ZONES[0]}
    from organisations root, (select gen_random_uuid() as id) x
    where root.code = 'ru'
    returning id, path`;
  await sql`
    insert into organisations (id, parent_id, path, level, code, name, time_zone)
    select x.id, ${region.id}, ${region.path} || x.id || '/', 'municipality', 'bench-m' || x.n,
           'Муниципальный район № ' || x.n, (${ZONES}::text[])[1 + x.n % ${ZONES.length}]
    from (select n, gen_random_uuid() as id from generate_series(1, ${MUNICIPALITIES}) n) x`;
  await sql`
    insert into organisations (id, parent_id, path, level, code, name, kind, type, settlement)
    select x.id, m.id, m.path || x.id || '/', 'institution', m.code || '-' || x.i, x.name || ' (район № ' || substr(m.code, 8) || ')',
           x.kind::institution_kind, x.type::institution_type, (case when x.i % 3 = 0 then 'rural' else 'urban' end)::settlement
    from organisations m
    -- mentions m, so that it runs (and draws new ids) once per municipality
    cross join lateral (
      select gen_random_uuid() as id, s.* from unnest(${SLOTS.map((s) => s.kind)}::text[], ${SLOTS.map((s) => s.type)}::text[], ${SLOTS.map((s) => s.name)}::text[])
        with ordinality as s(kind, type, name, i)
      where m.id is not null
    ) x
    where m.parent_id = ${region.id}`;
  const [first] = await sql<{ id: string }[]>`select id from organisations where code = 'bench-m1'`;
  return { regionId: region.id, regionPath: region.path, municipalityId: first.id };
}

/** The survey the way an analyst makes it: generated form, published, a campaign over the region's kindergartens. */
export async function launchSurvey(db: Db, scope: Scope, regionId: string) {
  const ctx = { db, scope };
  const generated = await forms.generate(ctx, { kind: 'parent_survey', catalogue: 'serovsky', indicators: ['S11-01', 'S11-02', 'S11-03'], audience: 'kindergarten' });
  if (generated.mapping.kind !== 'parent_survey') throw new Error('the generator made no parent-survey mapping');
  const title = String(generated.json.title);
  const form = await forms.create(ctx, { title, kind: 'parent_survey', ownerId: regionId, json: generated.json, mapping: generated.mapping, indicators: generated.indicators, catalogueVersionId: generated.catalogueVersionId });
  const now = Date.now();
  const campaignId = await campaigns.create({ ...ctx, clock: systemClock }, {
    formVersionId: form.latestVersionId, title, audience: 'parents', period: PERIOD, units: [regionId], institutionKinds: ['kindergarten'],
    opensAt: new Date(now - 30 * 86400_000).toISOString(), deadline: new Date(now + 7 * 86400_000).toISOString().slice(0, 16),
  });
  return { campaignId, rules: generated.mapping.rules };
}

// cumulative shares of the answers 1…4 (the rest answer 5): about three in four satisfied
const THRESHOLDS = [0.05, 0.12, 0.27, 0.55];
const SUGGESTIONS = ['Больше прогулок на свежем воздухе', 'Обновить игровую площадку', 'Чаще рассказывать родителям о занятиях', 'Кружки по вечерам'];

/**
 * Adds `count` submitted responses spread over the campaign's assignments and, in the same
 * statement, what `submit` adds per response: +1 completed (and on time) on the assignment,
 * and per mapping rule +1 respondent and +1/+0 satisfied on the institution's counters.
 */
export async function addResponses(sql: postgres.Sql, campaignId: string, rules: SurveyRule[], count: number) {
  for (const r of rules) if (!/^[a-z][a-z0-9_]*$/.test(r.question)) throw new Error(`unexpected question name ${r.question}`);
  const randoms = rules.map((_, n) => `random() as r${n}`).join(', ');
  // each institution leans a little better or worse than the region
  const answers = rules.map((r, n) => `'${r.question}', 1 + width_bucket(g.r${n} + a.lean, $3::float8[])`).join(', ');
  await sql.unsafe(
    `with a as (
       select id, deadline_at, row_number() over (order by id) - 1 as slot, ((row_number() over (order by id)) % 9 - 4) * 0.03 as lean
       from assignments where campaign_id = $1
     ),
     -- the random numbers are drawn here, once per response: a random() inside CASE would be redrawn per branch
     g as (
       select i % (select count(*) from a) as slot, ${randoms}, random() as note, random() as at
       from generate_series(1, $2::int) i
     ),
     ins as (
       insert into responses (id, assignment_id, campaign_id, form_version_id, status, data, submitted_at, created_at, updated_at)
       select gen_random_uuid(), a.id, c.id, c.form_version_id, 'submitted',
              jsonb_build_object(${answers})
                -- one parent in ten leaves a suggestion
                || case when g.note < 0.1 then jsonb_build_object('suggestions', ($4::text[])[1 + floor(g.note * 40)::int]) else '{}' end,
              t.at, t.at, t.at
       from g join a using (slot)
       cross join campaigns c
       cross join lateral (select c.opens_at + g.at * (now() - c.opens_at) as at) t
       where c.id = $1
       returning assignment_id, data, submitted_at
     ),
     per_rule as (
       select ins.assignment_id, r.respondents, r.satisfied,
              count(*) filter (where coalesce(ins.data->>r.question, '') <> '') as answered,
              count(*) filter (where r."satisfiedValues" @> (ins.data->r.question)) as yes
       from ins cross join jsonb_to_recordset($5::text::jsonb) as r(question text, respondents text, satisfied text, "satisfiedValues" jsonb)
       group by 1, 2, 3
       having count(*) filter (where coalesce(ins.data->>r.question, '') <> '') > 0
     ),
     counters as (
       insert into variable_values (variable_id, institution_id, period_label, period_start, source, campaign_id, value)
       select v.variable_id, asg.institution_id, c.period_label, c.period_start, 'campaign:' || c.id, c.id, sum(v.value)
       from per_rule p
       join assignments asg on asg.id = p.assignment_id
       cross join campaigns c
       cross join lateral (values (p.respondents, p.answered), (p.satisfied, p.yes)) v(variable_id, value)
       where c.id = $1
       group by 1, 2, 3, 4, 5, 6
       on conflict (variable_id, institution_id, period_label, source)
         do update set value = variable_values.value + excluded.value, updated_at = now()
     )
     update assignments asg
     set completed = asg.completed + x.n, completed_on_time = asg.completed_on_time + x.on_time
     from (select ins.assignment_id, count(*) as n, count(*) filter (where ins.submitted_at <= a.deadline_at) as on_time
           from ins join a on a.id = ins.assignment_id group by 1) x
     where asg.id = x.assignment_id`,
    [campaignId, count, THRESHOLDS, SUGGESTIONS, JSON.stringify(rules)],
  );
}

/**
 * The baseline: the same respondent and satisfied counts per institution of the region,
 * aggregated straight from the responses of the period.
 */
export async function aggregateResponses(sql: postgres.Sql, regionPath: string, rules: SurveyRule[]) {
  const columns = rules.flatMap((r, n) => [
    `count(*) filter (where coalesce(r.data->>'${r.question}', '') <> '') as respondents_${n}`,
    `count(*) filter (where (r.data->>'${r.question}')::int >= 4) as satisfied_${n}`,
  ]);
  return sql.unsafe<Record<string, string>[]>(
    `select a.institution_id, ${columns.join(', ')}
     from responses r
     join assignments a on a.id = r.assignment_id
     join campaigns c on c.id = r.campaign_id
     join organisations o on o.id = a.institution_id
     where r.status = 'submitted' and c.period_label = $1 and o.path like $2
     group by a.institution_id`,
    [PERIOD.label, `${regionPath}%`],
  );
}
