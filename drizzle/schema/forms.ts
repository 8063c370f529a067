import { index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { FormMapping } from '../../forms/generator/mapping.schemas.ts';
import { createdAt, id } from './columns.ts';
import { catalogueVersionsTable } from './catalogues.ts';
import { organisationsTable } from './organisations.ts';
import { usersTable } from './users.ts';

export const formKindEnum = pgEnum('form_kind', ['self_report', 'parent_survey', 'student_diagnostic']);

export const formsTable = pgTable(
  'forms',
  {
    id: id(),
    ownerId: uuid('owner_id').notNull().references(() => organisationsTable.id),
    title: text('title').notNull(),
    kind: formKindEnum('kind').notNull(),
    createdBy: uuid('created_by').references(() => usersTable.id),
    createdAt: createdAt(),
  },
  (t) => [index('forms_owner_idx').on(t.ownerId), index('forms_created_by_idx').on(t.createdBy)],
);

// A published form version never changes: editing makes a new version, campaigns pin one.
export const formVersionsTable = pgTable(
  'form_versions',
  {
    id: id(),
    formId: uuid('form_id').notNull().references(() => formsTable.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    json: jsonb('json').$type<Record<string, unknown>>().notNull(),
    mapping: jsonb('mapping').$type<FormMapping>().notNull(),
    indicators: jsonb('indicators').$type<string[]>().notNull(),
    catalogueVersionId: uuid('catalogue_version_id').references(() => catalogueVersionsTable.id),
    createdBy: uuid('created_by').references(() => usersTable.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('form_versions_form_version').on(t.formId, t.version),
    index('form_versions_catalogue_idx').on(t.catalogueVersionId),
    index('form_versions_created_by_idx').on(t.createdBy),
  ],
);

export type Form = typeof formsTable.$inferSelect;
export type FormVersion = typeof formVersionsTable.$inferSelect;
