import { index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { Catalogue, Variable } from '../../forms/catalogue/catalogue.schemas.ts';
import { createdAt, id } from './columns.ts';
import { organisationsTable } from './organisations.ts';

// A catalogue version is immutable: a changed catalogue file becomes a new version, and forms
// and campaigns keep pointing at the version they were made from. Each version carries a
// snapshot of the dictionary variables it uses, so an old version reads the same forever.
export const catalogueVersionsTable = pgTable(
  'catalogue_versions',
  {
    id: id(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => organisationsTable.id),
    title: text('title').notNull(),
    contentHash: text('content_hash').notNull(),
    content: jsonb('content').$type<Catalogue>().notNull(),
    variables: jsonb('variables').$type<Variable[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('catalogue_versions_code_version').on(t.code, t.version), index('catalogue_versions_owner_idx').on(t.ownerId)],
);

// One row per indicator of a version, for browsing and search without unpacking the content.
export const catalogueIndicatorsTable = pgTable(
  'catalogue_indicators',
  {
    id: id(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => catalogueVersionsTable.id, { onDelete: 'cascade' }),
    indicatorId: text('indicator_id').notNull(),
    directionId: text('direction_id').notNull(),
    trackId: text('track_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    instrument: text('instrument').notNull(),
  },
  (t) => [unique('catalogue_indicators_version_indicator').on(t.versionId, t.indicatorId), index('catalogue_indicators_version_idx').on(t.versionId)],
);

export type CatalogueVersion = typeof catalogueVersionsTable.$inferSelect;
