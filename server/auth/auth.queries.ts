import { eq } from 'drizzle-orm';
import { organisationsTable, usersTable } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/db.client.ts';

const callerColumns = {
  id: usersTable.id,
  email: usersTable.email,
  name: usersTable.name,
  role: usersTable.role,
  passwordHash: usersTable.passwordHash,
  deactivatedAt: usersTable.deactivatedAt,
  organisation: { id: organisationsTable.id, name: organisationsTable.name, level: organisationsTable.level, path: organisationsTable.path },
};

export async function findUserWithOrganisation(db: Db, by: { email: string } | { id: string }) {
  const where = 'email' in by ? eq(usersTable.email, by.email.toLowerCase()) : eq(usersTable.id, by.id);
  const [row] = await db
    .select(callerColumns)
    .from(usersTable)
    .innerJoin(organisationsTable, eq(organisationsTable.id, usersTable.organisationId))
    .where(where)
    .limit(1);
  return row;
}
