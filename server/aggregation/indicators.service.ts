// The indicator table: for a unit and its children (a municipality and its institutions, a
// region and its municipalities), each indicator's numerator, denominator, value, target, zone
// and change against the previous period. Values roll up as Σ numerators ÷ Σ denominators,
// over the institutions whose own value may be shown (suppression.ts).
import type { Indicator, InstitutionType, Variable } from '../../forms/catalogue/catalogue.schemas.ts';
import { catalogueIndicators } from '../../forms/catalogue/catalogue.stats.ts';
import { formulaVariables } from '../../forms/catalogue/catalogue.validate.ts';
import { indexValue, institutionParts, sumParts, targetFor, valueOf, zoneOf, type IndicatorValue, type Parts } from '../../forms/catalogue/formula.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import * as catalogues from '../catalogues/catalogues.service.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { institutionsUnder, previousPeriod, unitNames, valuesPerInstitution, type InstitutionFilter } from './aggregation.queries.ts';
import { isSmall, publishable, respondentsOf, SMALL_CELL_REASON } from './suppression.ts';
import { SOURCE_KINDS, type Resolved, type SourceKind } from './sources.ts';

type Ctx = { db: Db; scope: Scope };
export type TableQuery = { catalogue: string; period: string; unitId?: string; indicators?: string[] } & InstitutionFilter;

type Unit = { id: string; name: string; level: string; type: InstitutionType | null; institutionIds: string[] };

function surveyBased(indicator: Indicator, variables: Map<string, Variable>) {
  return formulaVariables(indicator.formula).some((v) => variables.get(v)?.unit === 'respondents');
}

// what one institution contributes to an indicator: its parts and the kinds of source they came from
type Contribution = { institutionId: string; parts: Parts; kinds: Set<SourceKind> };
type ContributionsByIndicator = Map<string, Map<string, Contribution>>;
type Computed = IndicatorValue & { n: number | null; withheld: boolean; leftOut: number; sources: SourceKind[] };

const ordered = (kinds: Iterable<SourceKind>) => {
  const present = new Set(kinds);
  return SOURCE_KINDS.filter((k) => present.has(k));
};

function computeUnit(indicators: Indicator[], unit: Unit, contributions: ContributionsByIndicator, survey: Map<string, boolean>) {
  const out = new Map<string, Computed>();
  for (const indicator of indicators) {
    if (indicator.formula.kind === 'index') continue;
    const byInstitution = contributions.get(indicator.id);
    // most indicators of a catalogue have no data in a period: nothing to add up
    const present = byInstitution?.size ? unit.institutionIds.flatMap((id) => byInstitution.get(id) ?? []) : [];
    const surveyBased = survey.get(indicator.id)!;
    const { included, leftOut } = publishable(present, surveyBased);
    const summed = sumParts(included.map((c) => c.parts));
    const n = surveyBased && summed ? respondentsOf(summed) : null;
    const withheld = (leftOut > 0 && !summed) || isSmall(n);
    out.set(indicator.id, { ...valueOf(indicator.formula, summed), n, withheld, leftOut, sources: ordered(included.flatMap((c) => [...c.kinds])) });
  }
  for (const indicator of indicators) {
    if (indicator.formula.kind !== 'index') continue;
    const none = { n: null, withheld: false, leftOut: 0, sources: [] };
    // a draft (методика не утверждена) publishes no value under the seed's name, whatever it holds
    if (indicator.status === 'draft') {
      out.set(indicator.id, { status: 'missing', value: null, ...none });
      continue;
    }
    // a withheld component is left out like a missing one: the index never reads a hidden value
    const shown = (id: string) => (out.get(id)?.withheld ? undefined : out.get(id)?.value);
    const components = indicator.formula.components.map((c) => out.get(c.indicator)).filter((c) => c && !c.withheld && c.value !== null);
    out.set(indicator.id, { ...indexValue(indicator.formula, shown), ...none, sources: ordered(components.flatMap((c) => c!.sources)) });
  }
  return out;
}

async function computeAll(db: Db, period: string, units: Unit[], institutions: string[], indicators: Indicator[], survey: Map<string, boolean>) {
  const needed = [...new Set(indicators.flatMap((i) => formulaVariables(i.formula)))];
  const rows = await valuesPerInstitution(db, { periodLabel: period, variableIds: needed, institutionIds: institutions });
  const byInstitution = new Map<string, Map<string, Resolved>>();
  for (const r of rows) {
    if (!byInstitution.has(r.institutionId)) byInstitution.set(r.institutionId, new Map());
    byInstitution.get(r.institutionId)!.set(r.variableId, r);
  }
  const present = new Set(rows.map((r) => r.variableId));
  // contributions only where there is something to compute: indicators with data, institutions that reported
  const contributions: ContributionsByIndicator = new Map();
  for (const indicator of indicators) {
    const variables = formulaVariables(indicator.formula);
    if (!variables.some((v) => present.has(v))) continue;
    const byId = new Map<string, Contribution>();
    for (const [institutionId, values] of byInstitution) {
      const parts = institutionParts(indicator.formula, (v) => values.get(v)?.value);
      if (parts) byId.set(institutionId, { institutionId, parts, kinds: new Set(variables.flatMap((v) => values.get(v)?.kind ?? [])) });
    }
    contributions.set(indicator.id, byId);
  }
  return new Map(units.map((u) => [u.id, computeUnit(indicators, u, contributions, survey)]));
}

export async function table(ctx: Ctx, query: TableQuery) {
  const catalogue = await catalogues.get(ctx, { code: query.catalogue });
  const unit = await organisations.get(ctx, query.unitId ?? ctx.scope.organisationId);
  const all = await institutionsUnder(ctx.db, unit.path, query);
  const wanted = query.indicators?.length ? new Set(query.indicators) : null;
  const indicators = catalogueIndicators(catalogue.content).filter((i) => !wanted || wanted.has(i.id));

  // the unit itself, then its children: institutions of a municipality, municipalities of a region
  const children = new Map<string, Unit>();
  for (const inst of all) {
    const childId = inst.path.slice(unit.path.length).split('/')[0];
    if (!childId) continue;
    if (!children.has(childId)) {
      const isInstitution = childId === inst.id;
      children.set(childId, { id: childId, name: isInstitution ? inst.name : '', level: isInstitution ? 'institution' : '', type: isInstitution ? (inst.type as InstitutionType | null) : null, institutionIds: [] });
    }
    children.get(childId)!.institutionIds.push(inst.id);
  }
  const unnamed = [...children.values()].filter((c) => !c.name);
  for (const org of await unitNames(ctx.db, unnamed.map((c) => c.id))) Object.assign(children.get(org.id)!, { name: org.name, level: org.level });
  const self: Unit = { id: unit.id, name: unit.name, level: unit.level, type: unit.level === 'institution' ? (unit.type as InstitutionType | null) : null, institutionIds: all.map((i) => i.id) };
  const units = [self, ...[...children.values()].filter((c) => c.id !== unit.id).sort((a, b) => a.name.localeCompare(b.name, 'ru'))];

  const dictionary = new Map(catalogue.variables.map((v) => [v.id, v]));
  const survey = new Map(indicators.map((i) => [i.id, surveyBased(i, dictionary)]));
  const current = await computeAll(ctx.db, query.period, units, self.institutionIds, indicators, survey);
  const prevLabel = await previousPeriod(ctx.db, { periodLabel: query.period, variableIds: [...new Set(indicators.flatMap((i) => formulaVariables(i.formula)))], institutionIds: self.institutionIds });
  const previous = prevLabel ? await computeAll(ctx.db, prevLabel, units, self.institutionIds, indicators, survey) : undefined;

  return {
    catalogue: { code: catalogue.code, version: catalogue.version, title: catalogue.title },
    period: query.period,
    previousPeriod: prevLabel ?? null,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    units: units.map((u) => ({ id: u.id, name: u.name, level: u.level, institutions: u.institutionIds.length })),
    indicators: indicators.map((indicator) => {
      const target = indicator.target;
      return {
        id: indicator.id,
        name: indicator.name,
        unit: 'unit' in indicator.formula ? indicator.formula.unit : '%',
        kind: indicator.formula.kind,
        surveyBased: survey.get(indicator.id)!,
        draft: indicator.status === 'draft',
        target: target ? { op: target.op, value: target.value, text: target.text ?? null } : null,
        cells: units.map((u) => {
          const value = current.get(u.id)!.get(indicator.id)!;
          const prev = previous?.get(u.id)?.get(indicator.id);
          const partial = { leftOut: value.leftOut, sources: value.sources };
          if (value.withheld) return { unitId: u.id, status: 'withheld' as const, reason: SMALL_CELL_REASON, numerator: null, denominator: null, value: null, target: null, zone: null, change: null, ...partial };
          const shown = value.status === 'missing' ? null : value;
          const v = shown?.value ?? null;
          return {
            unitId: u.id,
            status: value.status,
            reason: null,
            numerator: shown?.numerator ?? null,
            denominator: shown && 'denominator' in shown ? shown.denominator : null,
            value: v,
            target: targetFor(indicator.target, u.type)?.value ?? null,
            zone: zoneOf(indicator, v, u.type),
            // a change needs the cell shown in both periods (suppression.ts, rule 4)
            change: v !== null && prev?.value != null && !prev.withheld ? Math.round((v - prev.value) * 1e4) / 1e4 : null,
            ...partial,
          };
        }),
      };
    }),
  };
}
