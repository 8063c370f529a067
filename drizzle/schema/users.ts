import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { organisationsTable } from './organisations.ts';

export const roleEnum = pgEnum('user_role', ['admin', 'analyst', 'coordinator', 'viewer']);

export const usersTable = pgTable(
  'users',
  {
    id: id(),
    // stored lower-cased: logins compare case-insensitively
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisationsTable.id),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('users_organisation_idx').on(t.organisationId)],
);

export type User = typeof usersTable.$inferSelect;
export type Role = User['role'];
