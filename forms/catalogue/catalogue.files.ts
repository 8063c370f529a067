// Reads the catalogue JSON files from disk (Node only; the web gets catalogues from the API).
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCatalogueSet, type SourceFile, type CatalogueSet } from './catalogue.validate.ts';

export const CATALOGUE_DIR = dirname(fileURLToPath(import.meta.url));

function readJsonFiles(dir: string): SourceFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = join(dir, f);
      try {
        return { name: f, data: JSON.parse(readFileSync(name, 'utf8')) as unknown };
      } catch (error) {
        return { name: f, data: { __parseError: (error as Error).message } };
      }
    });
}

/** Loads and validates every catalogue under `root` (default: the bundled catalogues). */
export function loadCatalogueSet(root = CATALOGUE_DIR): CatalogueSet {
  return validateCatalogueSet(readJsonFiles(join(root, 'variables')), readJsonFiles(join(root, 'catalogues')));
}
