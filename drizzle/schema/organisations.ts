import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, text, type AnyPgColumn, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';

export const orgLevelEnum = pgEnum('org_level', ['root', 'region', 'municipality', 'institution']);
export const institutionKindEnum = pgEnum('institution_kind', ['school', 'kindergarten', 'supplementary']);
export const institutionTypeEnum = pgEnum('institution_type', ['nosh', 'oosh', 'sosh', 'gymnasium', 'lyceum', 'dou', 'udo']);
export const settlementEnum = pgEnum('settlement', ['urban', 'rural']);

// The organisation tree: root → region → municipality → institution. `path` is the chain of
// ids from the root ("<root>/<region>/<municipality>/<institution>") so that a caller's
// subtree is one indexed prefix match.
export const organisationsTable = pgTable(
  'organisations',
  {
    id: id(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisationsTable.id),
    path: text('path').notNull(),
    level: orgLevelEnum('level').notNull(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    // IANA zone; set on regions and municipalities, institutions use their municipality's
    timeZone: text('time_zone'),
    kind: institutionKindEnum('kind'),
    type: institutionTypeEnum('type'),
    settlement: settlementEnum('settlement'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_path_idx').using('btree', t.path.op('text_pattern_ops')),
    check('organisations_institution_kind', sql`(${t.level} = 'institution') = (${t.kind} is not null)`),
  ],
);

export type Organisation = typeof organisationsTable.$inferSelect;
