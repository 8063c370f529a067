import { date, doublePrecision, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';
import { campaignsTable } from './campaigns.ts';
import { organisationsTable } from './organisations.ts';

// One fact shape for every source: variable × institution × period × source → value,
// written only by server/aggregation/values.write.ts and read through aggregation/sources.ts.
// Self-reports write their values; surveys and diagnostics add counts in the submission's
// transaction; imports write theirs. `source` is "campaign:<id>" or "import:<id>".
export const variableValuesTable = pgTable(
  'variable_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    variableId: text('variable_id').notNull(),
    institutionId: uuid('institution_id').notNull().references(() => organisationsTable.id),
    periodLabel: text('period_label').notNull(),
    periodStart: date('period_start').notNull(),
    source: text('source').notNull(),
    campaignId: uuid('campaign_id').references(() => campaignsTable.id, { onDelete: 'cascade' }),
    value: doublePrecision('value').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('variable_values_fact').on(t.variableId, t.institutionId, t.periodLabel, t.source),
    index('variable_values_institution_idx').on(t.institutionId),
    index('variable_values_campaign_idx').on(t.campaignId),
    index('variable_values_period_idx').on(t.periodLabel, t.variableId),
  ],
);
