import { asc, eq, like } from 'drizzle-orm';
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
};

export function listUsers(db: Db, scope: Scope) {
  return db
    .select(columns)
    .from(usersTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, usersTable.organisationId))
    .where(like(organisationsTable.path, `${scope.path}%`))
    .orderBy(asc(usersTable.email));
}

export async function insertUser(db: Db, user: typeof usersTable.$inferInsert) {
  const [row] = await db.insert(usersTable).values(user).onConflictDoNothing({ target: usersTable.email }).returning(columns);
  return row;
}

