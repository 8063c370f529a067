// The users table's one writer: accounts are created, changed and locked only through here.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNotNull, isNull, like } from 'drizzle-orm';
import { organisationsTable, usersTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';

const columns = {
  id: usersTable.id,
  email: usersTable.email,
  name: usersTable.name,
  role: usersTable.role,
  organisationId: usersTable.organisationId,
  lastLoginAt: usersTable.lastLoginAt,
  deactivatedAt: usersTable.deactivatedAt,
};

export function listUsers(db: Db, scope: Scope) {
  return db
    .select(columns)
    .from(usersTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, usersTable.organisationId))
    .where(like(organisationsTable.path, `${scope.path}%`))
    .orderBy(asc(usersTable.email));
}

/** One user of the caller's subtree, with the organisation; undefined outside it. */
export async function findUserInScope(db: Db, scope: Pick<Scope, 'path'>, id: string) {
  const [row] = await db
    .select({ ...columns, organisation: { id: organisationsTable.id, name: organisationsTable.name, level: organisationsTable.level } })
    .from(usersTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, usersTable.organisationId))
    .where(and(eq(usersTable.id, id), like(organisationsTable.path, `${scope.path}%`)));
  return row;
}

export async function insertUser(db: Db, user: typeof usersTable.$inferInsert) {
  const [row] = await db.insert(usersTable).values(user).onConflictDoNothing({ target: usersTable.email }).returning(columns);
  return row;
}

export type UserChange = Partial<Pick<typeof usersTable.$inferInsert, 'name' | 'role' | 'organisationId'>>;

export async function updateUser(db: Db, id: string, change: UserChange) {
  const [row] = await db.update(usersTable).set({ ...change, updatedAt: new Date() }).where(eq(usersTable.id, id)).returning(columns);
  return row!;
}

/** Switches an account off (`at`) or on (null); undefined when it already was. */
export async function setDeactivated(db: Db, id: string, at: Date | null) {
  const [row] = await db
    .update(usersTable)
    .set({ deactivatedAt: at, updatedAt: new Date() })
    .where(and(eq(usersTable.id, id), at ? isNull(usersTable.deactivatedAt) : isNotNull(usersTable.deactivatedAt)))
    .returning(columns);
  return row;
}

/** A stored hash no password verifies against (argon2 refuses it): a new user before the welcome link, or after a forced reset. */
export const unusablePasswordHash = () => '!' + randomBytes(32).toString('base64url');

/** A new password hash (change, reset, forced reset); the sessions are ended by the caller. */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(usersTable).set({ passwordHash, updatedAt: new Date() }).where(eq(usersTable.id, userId));
}

export async function touchLastLogin(db: Db, userId: string) {
  await db.update(usersTable).set({ lastLoginAt: new Date() }).where(eq(usersTable.id, userId));
}
