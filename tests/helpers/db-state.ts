// What "the database did not change" means in a test: every table of the schema (read from
// information_schema, so a new table is covered without touching this file) with its row count
// and a digest of its rows, so that an UPDATE is noticed as well as an INSERT or a DELETE.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../server/db/db.client.ts';

type Row = Record<string, unknown>;

async function query(db: Db, statement: ReturnType<typeof sql>): Promise<Row[]> {
  return rowsOf<Row>(await db.execute(statement));
}

export async function userTables(db: Db): Promise<string[]> {
  const rows = await query(db, sql`
    select table_schema, table_name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by table_schema, table_name`);
  return rows.map((r) => `"${r.table_schema}"."${r.table_name}"`);
}

export type TableState = Record<string, { rows: number; digest: string }>;

/** Row count and an md5 over the rows' text of every table. */
export async function databaseState(db: Db): Promise<TableState> {
  const state: TableState = {};
  for (const table of await userTables(db)) {
    const [row] = await query(db, sql.raw(`select count(*)::int as rows, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${table} t`));
    state[table] = { rows: Number(row.rows), digest: String(row.digest) };
  }
  return state;
}

/** Row counts only, for a readable diff when the digests differ. */
export const rowCounts = (state: TableState) => Object.fromEntries(Object.entries(state).map(([table, s]) => [table, s.rows]));
