import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { assignmentsTable, campaignsTable } from './campaigns.ts';

export const mailStateEnum = pgEnum('mail_state', ['planned', 'sending', 'sent', 'failed', 'cancelled']);

// Every mail is a row, planned by the scheduler and claimed by a worker with SKIP LOCKED, so
// two server instances on one database never send the same mail. `dedupeKey` is unique: the
// same reminder can be planned by any number of scheduler runs and exists once.
export const mailsTable = pgTable(
  'mails',
  {
    id: id(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    template: text('template').notNull(),
    recipient: text('recipient').notNull(),
    campaignId: uuid('campaign_id').references(() => campaignsTable.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').references(() => assignmentsTable.id, { onDelete: 'cascade' }),
    invitationId: uuid('invitation_id'),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
    state: mailStateEnum('state').notNull().default('planned'),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    transport: text('transport'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('mails_due_idx').on(t.state, t.plannedAt),
    index('mails_campaign_idx').on(t.campaignId),
    index('mails_assignment_idx').on(t.assignmentId),
    index('mails_recipient_idx').on(t.recipient, t.campaignId),
  ],
);

// Personal invitations to a survey: the token is mailed, only its hash is kept; it works once
// and until it expires. No response refers to an invitation, and a used invitation keeps only
// that it was used, never when (a time equal to the answer's would join the address to it), so
// answers stay anonymous (as LimeSurvey's anonymised surveys keep only "completed = Y").
export const invitationsTable = pgTable(
  'invitations',
  {
    id: id(),
    assignmentId: uuid('assignment_id').notNull().references(() => assignmentsTable.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    used: boolean('used').notNull().default(false),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_assignment_idx').on(t.assignmentId)],
);

export type Mail = typeof mailsTable.$inferSelect;
