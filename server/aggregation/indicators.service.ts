// The indicator table: for a unit and its children (a municipality and its institutions, a
// region and its municipalities), each indicator's numerator, denominator, value, target, zone
// and change against the previous period. Values roll up as Σ numerators ÷ Σ denominators.
import type { Indicator, InstitutionType, Variable } from '../../forms/catalogue/catalogue.schemas.ts';
import { catalogueIndicators } from '../../forms/catalogue/catalogue.stats.ts';
import { formulaVariables } from '../../forms/catalogue/catalogue.validate.ts';
import { indexValue, institutionParts, sumParts, targetFor, valueOf, zoneOf, type IndicatorValue, type Parts } from '../../forms/catalogue/formula.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import * as catalogues from '../catalogues/catalogues.service.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { institutionsUnder, previousPeriod, unitNames, valuesPerInstitution, type InstitutionFilter } from './aggregation.queries.ts';
import { complementarySuppression, primarySuppression, type Cell } from './suppression.ts';

type Ctx = { db: Db; scope: Scope };
export type TableQuery = { catalogue: string; period: string; unitId?: string; indicators?: string[] } & InstitutionFilter;

type Unit = { id: string; name: string; level: string; type: InstitutionType | null; institutionIds: string[] };
type Computed = IndicatorValue & { n: number | null };

function surveyBased(indicator: Indicator, variables: Map<string, Variable>) {
  return formulaVariables(indicator.formula).some((v) => variables.get(v)?.unit === 'respondents');
}

type PartsByIndicator = Map<string, Map<string, Parts | undefined>>;

function computeUnit(indicators: Indicator[], unit: Unit, parts: PartsByIndicator, survey: Map<string, boolean>) {
  const out = new Map<string, Computed>();
  for (const indicator of indicators) {
    if (indicator.formula.kind === 'index') continue;
    const byInstitution = parts.get(indicator.id);
    // most indicators of a catalogue have no data in a period: nothing to add up
    const summed = byInstitution?.size ? sumParts(unit.institutionIds.map((id) => byInstitution.get(id))) : undefined;
    const value = valueOf(indicator.formula, summed);
    const n = survey.get(indicator.id) && summed ? (summed.denominator ?? summed.numerator) : null;
    out.set(indicator.id, { ...value, n });
  }
  for (const indicator of indicators) {
    if (indicator.formula.kind !== 'index') continue;
    // a draft (методика не утверждена) publishes no value under the seed's name, whatever it holds
    if (indicator.status === 'draft') {
      out.set(indicator.id, { status: 'missing', value: null, n: null } as Computed);
      continue;
    }
    out.set(indicator.id, { ...indexValue(indicator.formula, (id) => out.get(id)?.value), n: null });
  }
  return out;
}

async function computeAll(db: Db, period: string, units: Unit[], institutions: string[], indicators: Indicator[], survey: Map<string, boolean>) {
  const needed = [...new Set(indicators.flatMap((i) => formulaVariables(i.formula)))];
  const rows = await valuesPerInstitution(db, { periodLabel: period, variableIds: needed, institutionIds: institutions });
  const byInstitution = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!byInstitution.has(r.institutionId)) byInstitution.set(r.institutionId, new Map());
    byInstitution.get(r.institutionId)!.set(r.variableId, r.value);
  }
  const present = new Set(rows.map((r) => r.variableId));
  // parts only where there is something to compute: indicators with data, institutions that reported
  const parts: PartsByIndicator = new Map(
    indicators
      .filter((i) => formulaVariables(i.formula).some((v) => present.has(v)))
      .map((i) => [i.id, new Map([...byInstitution].map(([id, values]) => [id, institutionParts(i.formula, (v) => values.get(v))]))]),
  );
  return new Map(units.map((u) => [u.id, computeUnit(indicators, u, parts, survey)]));
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

  // suppression per indicator: the parent total and its children together
  const cells = new Map<string, Map<string, Cell>>();
  for (const indicator of indicators) {
    const byUnit = new Map(units.map((u) => [u.id, primarySuppression({ n: current.get(u.id)!.get(indicator.id)?.n ?? null, withheld: false })]));
    complementarySuppression(units.slice(1).map((u) => byUnit.get(u.id)!));
    cells.set(indicator.id, byUnit);
  }

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
          const cell = cells.get(indicator.id)!.get(u.id)!;
          const prev = previous?.get(u.id)?.get(indicator.id);
          const prevCell = prev ? primarySuppression({ n: prev.n, withheld: false }) : undefined;
          if (cell.withheld) return { unitId: u.id, status: 'withheld' as const, reason: cell.reason!, numerator: null, denominator: null, value: null, target: null, zone: null, change: null };
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
            change: v !== null && prev?.value != null && !prevCell?.withheld ? Math.round((v - prev.value) * 1e4) / 1e4 : null,
          };
        }),
      };
    }),
  };
}
