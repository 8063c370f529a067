// The audit log's one writer and its reader. Rows are only ever inserted.
import { and, desc, eq, like, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditLogTable, organisationsTable, usersTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetUserId?: string | null;
  organisationId?: string | null;
  details?: Record<string, unknown>;
};

/** Records one action; call it inside the transaction of the change it describes. */
export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.insert(auditLogTable).values({ ...entry, details: entry.details ?? {} });
}

const actor = alias(usersTable, 'actor');
const target = alias(usersTable, 'target');

/** Entries about organisations in the caller's subtree (or actions of people in it), newest first. */
export async function listAudit(db: Db, scope: Scope, { limit, userId }: { limit: number; userId?: string }) {
  const where: SQL[] = [like(organisationsTable.path, `${scope.path}%`)];
  if (userId) where.push(or(eq(auditLogTable.targetUserId, userId), eq(auditLogTable.actorId, userId))!);
  return db
    .select({
      id: auditLogTable.id,
      at: auditLogTable.at,
      action: auditLogTable.action,
      details: auditLogTable.details,
      actor: { id: actor.id, email: actor.email, name: actor.name },
      target: { id: target.id, email: target.email, name: target.name },
      organisation: organisationsTable.name,
    })
    .from(auditLogTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, auditLogTable.organisationId))
    .leftJoin(actor, eq(actor.id, auditLogTable.actorId))
    .leftJoin(target, eq(target.id, auditLogTable.targetUserId))
    .where(and(...where))
    .orderBy(desc(auditLogTable.at))
    .limit(limit);
}
