import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { organisationsTable } from './organisations.ts';
import { usersTable } from './users.ts';

// Provenance of imported variable values: their rows in variable_values carry source "import:<id>".
export const importsTable = pgTable(
  'imports',
  {
    id: id(),
    ownerId: uuid('owner_id').notNull().references(() => organisationsTable.id),
    userId: uuid('user_id').notNull().references(() => usersTable.id),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    rows: integer('rows').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('imports_owner_idx').on(t.ownerId), index('imports_user_idx').on(t.userId)],
);
