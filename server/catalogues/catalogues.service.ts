import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import { notFound } from '../shared/errors.ts';
import { findCatalogueVersion, listCatalogues, searchIndicators } from './catalogues.queries.ts';
import type { SearchQuery } from './catalogues.schemas.ts';

type Ctx = { db: Db; scope: Scope };
const iso = <T extends { createdAt: Date }>(row: T) => ({ ...row, createdAt: row.createdAt.toISOString() });

export const list = async ({ db, scope }: Ctx) => (await listCatalogues(db, scope)).map(iso);

export async function versions({ db, scope }: Ctx, code: string) {
  const rows = await listCatalogues(db, scope, code);
  if (rows.length === 0) throw notFound('catalogue');
  return rows.map(iso);
}

export async function get({ db, scope }: Ctx, by: { code: string; version?: number } | { id: string }) {
  const row = await findCatalogueVersion(db, scope, by);
  if (!row) throw notFound('catalogue');
  const indicators = row.content.directions.reduce((n, d) => n + d.tracks.reduce((m, t) => m + t.indicators.length, 0), 0);
  return { ...iso(row), indicators };
}

export const search = ({ db, scope }: Ctx, query: SearchQuery) => searchIndicators(db, scope, query);

export async function variables(ctx: Ctx, query: { q?: string }) {
  // the dictionary as the caller's catalogues use it (latest versions)
  const catalogues = await list(ctx);
  const seen = new Map<string, { id: string; label: string; unit: string; instruments: string[] }>();
  for (const c of catalogues) {
    const full = await get(ctx, { id: c.id });
    for (const v of full.variables) seen.set(v.id, { id: v.id, label: v.label, unit: v.unit, instruments: v.instruments });
  }
  const q = query.q?.toLowerCase();
  return [...seen.values()].filter((v) => !q || v.label.toLowerCase().includes(q) || v.id.includes(q)).sort((a, b) => a.id.localeCompare(b.id));
}
