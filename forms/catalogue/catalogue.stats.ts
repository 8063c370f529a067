// Counts of a catalogue set, as the checker and the closing notes report them.
import { INSTRUMENTS, type Catalogue, type Instrument } from './catalogue.schemas.ts';
import { exprVariables, formulaVariables, type CatalogueSet } from './catalogue.validate.ts';

export function catalogueIndicators(catalogue: Catalogue) {
  return catalogue.directions.flatMap((d) => d.tracks.flatMap((t) => t.indicators));
}

export function catalogueStats(set: CatalogueSet) {
  const perCatalogue = set.catalogues.map((c) => {
    const indicators = catalogueIndicators(c);
    const variables = new Set(indicators.flatMap((i) => formulaVariables(i.formula)));
    // an indicator is collectable by an instrument when every one of its variables can come from it
    const collectable = Object.fromEntries(
      INSTRUMENTS.map((instrument: Instrument) => [
        instrument,
        indicators.filter((i) => {
          const vars = formulaVariables(i.formula);
          return vars.length > 0 && vars.every((v) => set.dictionary.variables.get(v)?.instruments.includes(instrument));
        }).length,
      ]),
    );
    const expected = Object.fromEntries(INSTRUMENTS.map((instrument) => [instrument, indicators.filter((i) => i.instrument === instrument).length]));
    return {
      id: c.id,
      seed: c.seed,
      directions: c.directions.length,
      tracks: c.directions.reduce((n, d) => n + d.tracks.length, 0),
      indicators: indicators.length,
      variables: variables.size,
      collectable,
      expected,
    };
  });
  const totals = {
    catalogues: set.catalogues.length,
    directions: perCatalogue.reduce((n, c) => n + c.directions, 0),
    tracks: perCatalogue.reduce((n, c) => n + c.tracks, 0),
    indicators: perCatalogue.reduce((n, c) => n + c.indicators, 0),
    variables: set.dictionary.variables.size,
  };
  return { perCatalogue, totals };
}

/**
 * What the rules let through only because the catalogue says so explicitly: drafts (no value,
 * «методика не утверждена»), shares whose numerator the source puts outside the denominator,
 * and breakdowns by a dimension of what is counted, over the whole denominator.
 */
export function catalogueMarks(set: CatalogueSet) {
  const drafts: string[] = [];
  const outsideWhole: string[] = [];
  const wholeDenominator: string[] = [];
  for (const c of set.catalogues) {
    for (const i of catalogueIndicators(c)) {
      const id = `${c.id}/${i.id}`;
      if (i.status === 'draft') drafts.push(id);
      if (i.formula.kind === 'share' && i.formula.partOfDenominator === false) outsideWhole.push(id);
      if (i.formula.kind !== 'share') continue;
      const denominator = exprVariables(i.formula.denominator).map((v) => set.dictionary.variables.get(v));
      for (const dim of i.disaggregation ?? []) {
        const split = denominator.every((v) => v?.dimensions?.includes(dim));
        if (!split && set.dictionary.dimensions.get(dim)?.appliesTo === 'numerator') wholeDenominator.push(`${id} by ${dim}`);
      }
    }
  }
  return { drafts, outsideWhole, wholeDenominator };
}
