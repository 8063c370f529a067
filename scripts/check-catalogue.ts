// `npm run catalogue:check [dir]`: validates the catalogue files and prints counts; the last
// line is JSON for scripts. Exits 1 when there are errors.
import { loadCatalogueSet } from '../forms/catalogue/catalogue.files.ts';
import { CATALOGUE_RULES, formatIssue } from '../forms/catalogue/catalogue.validate.ts';
import { catalogueMarks, catalogueStats } from '../forms/catalogue/catalogue.stats.ts';

function main() {
  const set = loadCatalogueSet(process.argv[2]);
  for (const issue of set.issues) console.error('ошибка: ' + formatIssue(issue));
  const stats = catalogueStats(set);
  for (const c of stats.perCatalogue) {
    console.log(
      `${c.id} (seed ${c.seed ?? '—'}): directions ${c.directions}, tracks ${c.tracks}, indicators ${c.indicators}, variables ${c.variables}; ` +
        `collected by (as the catalogue says): ${Object.entries(c.expected).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
        `fully collectable by: ${Object.entries(c.collectable).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
  }
  const marks = catalogueMarks(set);
  console.log(`rules enforced beyond the schema: ${Object.values(CATALOGUE_RULES).join(', ')}`);
  console.log(`drafts, no value (методика не утверждена): ${marks.drafts.join(', ') || '—'}`);
  console.log(`shares whose source divides by a whole the numerator is not part of: ${marks.outsideWhole.join(', ') || '—'}`);
  console.log(`breakdowns of what is counted, over the whole denominator: ${marks.wholeDenominator.join(', ') || '—'}`);
  console.log(JSON.stringify({ ...stats.totals, drafts: marks.drafts.length, errors: set.issues.length }));
  process.exitCode = set.issues.length ? 1 : 0;
}

main();
