// The password_resets table's one writer.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { passwordResetsTable, usersTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';

export async function insertReset(db: Db, userId: string, expiresAt: Date) {
  const [row] = await db.insert(passwordResetsTable).values({ userId, expiresAt }).returning({ id: passwordResetsTable.id });
  return row!.id;
}

export async function findReset(db: Db, id: string) {
  const [row] = await db
    .select({ id: passwordResetsTable.id, expiresAt: passwordResetsTable.expiresAt, usedAt: passwordResetsTable.usedAt, createdAt: passwordResetsTable.createdAt, user: { id: usersTable.id, email: usersTable.email, organisationId: usersTable.organisationId, deactivatedAt: usersTable.deactivatedAt } })
    .from(passwordResetsTable)
    .innerJoin(usersTable, eq(usersTable.id, passwordResetsTable.userId))
    .where(eq(passwordResetsTable.id, id));
  return row;
}

/** The newest link of a user that is still open, if any (to refuse a flood of reset mails). */
export async function latestOpenReset(db: Db, userId: string) {
  const [row] = await db
    .select()
    .from(passwordResetsTable)
    .where(and(eq(passwordResetsTable.userId, userId), isNull(passwordResetsTable.usedAt)))
    .orderBy(desc(passwordResetsTable.createdAt))
    .limit(1);
  return row;
}

/** Uses every open link of the user at once; true when `id` itself was still open. */
export async function useResets(db: Db, userId: string, id: string, now: Date) {
  const used = await db
    .update(passwordResetsTable)
    .set({ usedAt: now })
    .where(and(eq(passwordResetsTable.userId, userId), isNull(passwordResetsTable.usedAt)))
    .returning({ id: passwordResetsTable.id });
  return used.some((r) => r.id === id);
}
