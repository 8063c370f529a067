import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import { listAudit } from './audit.queries.ts';
import type { AuditQuery } from './audit.schemas.ts';

const DEFAULT_LIMIT = 100;

/** The newest entries about the caller's subtree. */
export async function list({ db, scope }: { db: Db; scope: Scope }, query: AuditQuery) {
  const rows = await listAudit(db, scope, { limit: query.limit ?? DEFAULT_LIMIT, userId: query.userId });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
