import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    // a deactivated user cannot log in and every session of theirs is refused
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('users_organisation_idx').on(t.organisationId)],
);

export const sessionKindEnum = pgEnum('session_kind', ['browser', 'api']);

// Server-side sessions: the signed token names a row here, so logout, deactivation and a
// password change end a session at once instead of when its token expires.
export const sessionsTable = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
    // a browser session travels only in the httpOnly cookie, an API token only as Bearer
    kind: sessionKindEnum('kind').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// Password-reset links: the token is derived from the server secret and this row's id (so the
// mail can be rendered at send time); only the row is kept. A link works once and expires.
export const passwordResetsTable = pgTable(
  'password_resets',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => usersTable.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

// Who did what to accounts and access: one row per administrative action, never updated.
export const auditLogTable = pgTable(
  'audit_log',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // null: the system or the person themselves without a session (a reset link)
    actorId: uuid('actor_id').references(() => usersTable.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetUserId: uuid('target_user_id').references(() => usersTable.id, { onDelete: 'set null' }),
    // the organisation the action concerns, so the log is scoped like everything else
    organisationId: uuid('organisation_id').references(() => organisationsTable.id, { onDelete: 'set null' }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_target_idx').on(t.targetUserId),
    index('audit_log_organisation_idx').on(t.organisationId),
  ],
);

export type User = typeof usersTable.$inferSelect;
export type Session = typeof sessionsTable.$inferSelect;
export type Role = User['role'];
