// The sessions table's one writer. A session row is what a signed token points at: the token
// is good only while its row is neither ended nor expired and its user is active.
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { organisationsTable, sessionsTable, usersTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';

export type SessionKind = 'browser' | 'api';

export async function insertSession(db: Db, userId: string, kind: SessionKind, expiresAt: Date) {
  const [row] = await db.insert(sessionsTable).values({ userId, kind, expiresAt }).returning({ id: sessionsTable.id });
  return row!.id;
}

export async function endSession(db: Db, sessionId: string, now: Date) {
  await db.update(sessionsTable).set({ endedAt: now }).where(and(eq(sessionsTable.id, sessionId), isNull(sessionsTable.endedAt)));
}

/** Ends every open session of a user (deactivation, password change, reset), but `except`. */
export async function endSessionsOf(db: Db, userId: string, now: Date, except?: string) {
  const where = [eq(sessionsTable.userId, userId), isNull(sessionsTable.endedAt)];
  if (except) where.push(ne(sessionsTable.id, except));
  await db.update(sessionsTable).set({ endedAt: now }).where(and(...where));
}

/** The caller behind a live session of the given kind, with their organisation; undefined if none. */
export async function findLiveSession(db: Db, sessionId: string, kind: SessionKind, now: Date) {
  const [row] = await db
    .select({
      sessionId: sessionsTable.id,
      id: usersTable.id,
      email: usersTable.email,
      name: usersTable.name,
      role: usersTable.role,
      organisation: { id: organisationsTable.id, name: organisationsTable.name, level: organisationsTable.level, path: organisationsTable.path },
    })
    .from(sessionsTable)
    .innerJoin(usersTable, eq(usersTable.id, sessionsTable.userId))
    .innerJoin(organisationsTable, eq(organisationsTable.id, usersTable.organisationId))
    .where(and(eq(sessionsTable.id, sessionId), eq(sessionsTable.kind, kind), isNull(sessionsTable.endedAt), gt(sessionsTable.expiresAt, now), isNull(usersTable.deactivatedAt)))
    .limit(1);
  return row;
}
