// Where the migrated template lives: PGlite tests load a dumped data folder, PostgreSQL tests
// clone a template database. DATABASE_URL picks the driver, as it does for the server.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PGLITE_TEMPLATE = join(tmpdir(), `edu-test-template-${process.pid}.tar.gz`);

export function postgresNames(url: string) {
  const u = new URL(url);
  const base = u.pathname.replace(/^\//, '') || 'test';
  const at = (db: string) => Object.assign(new URL(url), { pathname: '/' + db }).toString();
  return { base, template: `${base}_tpl`, admin: at('postgres'), at };
}

declare module 'vitest' {
  export interface ProvidedContext {
    // the PGlite template dump's path, or the PostgreSQL template database's name
    templatePath: string;
  }
}
