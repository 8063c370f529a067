// Brings the catalogue files into the database at start: a catalogue whose content changed
// becomes a new version; an unchanged one is left alone. A bad catalogue stops the start with
// a message naming the entry.
import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { catalogueIndicatorsTable, catalogueVersionsTable, organisationsTable } from '../../drizzle/schema/index.ts';
import type { Catalogue, Variable } from '../../forms/catalogue/catalogue.schemas.ts';
import { loadCatalogueSet } from '../../forms/catalogue/catalogue.files.ts';
import { formatIssue, formulaVariables, type CatalogueSet } from '../../forms/catalogue/catalogue.validate.ts';
import type { Db } from '../db/db.client.ts';

export class CatalogueInvalidError extends Error {}

function usedVariables(catalogue: Catalogue, set: CatalogueSet): Variable[] {
  const ids = new Set<string>();
  const add = (id: string) => {
    if (ids.has(id)) return;
    ids.add(id);
    for (const whole of set.dictionary.variables.get(id)?.partOf ?? []) add(whole);
  };
  for (const d of catalogue.directions) for (const t of d.tracks) for (const i of t.indicators) formulaVariables(i.formula).forEach(add);
  return [...ids].sort().map((id) => set.dictionary.variables.get(id)!);
}

export async function syncCatalogue(db: Db, catalogue: Catalogue, variables: Variable[]) {
  const [owner] = await db.select().from(organisationsTable).where(eq(organisationsTable.code, catalogue.owner));
  if (!owner) return { code: catalogue.id, status: 'skipped' as const, reason: `no organisation with code ${catalogue.owner}` };
  const contentHash = createHash('sha256').update(JSON.stringify({ catalogue, variables })).digest('hex');
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ version: catalogueVersionsTable.version, contentHash: catalogueVersionsTable.contentHash })
      .from(catalogueVersionsTable)
      .where(eq(catalogueVersionsTable.code, catalogue.id))
      .orderBy(desc(catalogueVersionsTable.version))
      .limit(1)
      .for('update');
    if (latest?.contentHash === contentHash) return { code: catalogue.id, status: 'unchanged' as const, version: latest.version };
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(catalogueVersionsTable)
      .values({ code: catalogue.id, version, ownerId: owner.id, title: catalogue.title, contentHash, content: catalogue, variables })
      .returning({ id: catalogueVersionsTable.id });
    let position = 0;
    const rows = catalogue.directions.flatMap((d) =>
      d.tracks.flatMap((t) =>
        t.indicators.map((i) => ({ versionId: row.id, indicatorId: i.id, directionId: d.id, trackId: t.id, position: position++, name: i.name, instrument: i.instrument })),
      ),
    );
    if (rows.length) await tx.insert(catalogueIndicatorsTable).values(rows);
    return { code: catalogue.id, status: 'created' as const, version };
  });
}

export async function syncCatalogues(db: Db, set: CatalogueSet = loadCatalogueSet()) {
  if (set.issues.length) {
    throw new CatalogueInvalidError(`The indicator catalogue is invalid:\n${set.issues.map((i) => '  ' + formatIssue(i)).join('\n')}`);
  }
  const results = [];
  for (const catalogue of set.catalogues) results.push(await syncCatalogue(db, catalogue, usedVariables(catalogue, set)));
  return results;
}
