import { foreignKey, index, jsonb, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.ts';
import { assignmentsTable, campaignsTable } from './campaigns.ts';
import { usersTable } from './users.ts';

export const responseStatusEnum = pgEnum('response_status', ['draft', 'submitted']);

// A response's id is made by the client, so a retried submission finds the first one. An
// anonymous response holds the answers and times only: no IP, user agent, email or token.
export const responsesTable = pgTable(
  'responses',
  {
    id: uuid('id').primaryKey(),
    assignmentId: uuid('assignment_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    formVersionId: uuid('form_version_id').notNull(),
    status: responseStatusEnum('status').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The campaign and version are copies of what the assignment decides, kept on the row for
    // reports. Two keys hold them to it: the assignment of this campaign, the version this
    // campaign pins (which also keeps that version from being deleted). Two checks per stored
    // answer instead of one per column, on the busiest insert there is.
    foreignKey({ name: 'responses_assignment_campaign_fk', columns: [t.assignmentId, t.campaignId], foreignColumns: [assignmentsTable.id, assignmentsTable.campaignId] }).onDelete('cascade'),
    foreignKey({ name: 'responses_campaign_version_fk', columns: [t.campaignId, t.formVersionId], foreignColumns: [campaignsTable.id, campaignsTable.formVersionId] }).onDelete('cascade'),
    index('responses_assignment_idx').on(t.assignmentId),
    index('responses_campaign_idx').on(t.campaignId),
  ],
);

// Every change to a submitted self-report: who, when, old → new per field.
export const responseAuditTable = pgTable(
  'response_audit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    responseId: uuid('response_id').notNull().references(() => responsesTable.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => usersTable.id),
    action: jsonb('action').$type<{ kind: 'submit' | 'return' | 'accept' | 'reopen'; comment?: string }>().notNull(),
    changes: jsonb('changes').$type<{ field: string; old: unknown; new: unknown }[]>().notNull(),
    at: createdAt(),
  },
  (t) => [index('response_audit_response_idx').on(t.responseId), index('response_audit_user_idx').on(t.userId)],
);

export type Response = typeof responsesTable.$inferSelect;
