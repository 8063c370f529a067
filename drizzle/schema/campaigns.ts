import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgEnum, primaryKey, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { formVersionsTable } from './forms.ts';
import { organisationsTable } from './organisations.ts';
import { usersTable } from './users.ts';

export type ReminderPolicy = { offsetsHours: number[]; maxPerRecipient: number; minGapHours: number; quietFrom: number; quietTo: number };

export const audienceEnum = pgEnum('campaign_audience', ['institution', 'parents', 'students']);
export const periodKindEnum = pgEnum('period_kind', ['school_year', 'year', 'half_year', 'term', 'quarter', 'month', 'season', 'date']);
export const assignmentStatusEnum = pgEnum('assignment_status', ['not_started', 'draft', 'submitted', 'returned', 'accepted']);

// What a collection is, for a single campaign and for a schedule that opens one per period.
const collectionColumns = () => ({
  id: id(),
  ownerId: uuid('owner_id').notNull().references(() => organisationsTable.id),
  formVersionId: uuid('form_version_id').notNull().references(() => formVersionsTable.id),
  title: text('title').notNull(),
  audience: audienceEnum('audience').notNull(),
  periodKind: periodKindEnum('period_kind').notNull(),
});

// A recurring collection: the analyst sets it up once a year; each period's campaign opens by
// itself with the right period and deadline (server/campaigns/schedules.service.ts).
export const schedulesTable = pgTable(
  'schedules',
  {
    ...collectionColumns(),
    // opens `opensDaysBeforeEnd` days before the period ends; due `dueDaysAfterEnd` days after it, at `dueTime` local
    opensDaysBeforeEnd: integer('opens_days_before_end').notNull(),
    dueDaysAfterEnd: integer('due_days_after_end').notNull(),
    dueTime: text('due_time').notNull().default('23:59'),
    units: jsonb('units').$type<string[]>().notNull(),
    institutionKinds: jsonb('institution_kinds').$type<('school' | 'kindergarten' | 'supplementary')[]>(),
    targetRate: integer('target_rate').notNull().default(70),
    activeUntil: date('active_until'),
    createdBy: uuid('created_by').notNull().references(() => usersTable.id),
    createdAt: createdAt(),
  },
  (t) => [index('schedules_owner_idx').on(t.ownerId), index('schedules_form_version_idx').on(t.formVersionId), index('schedules_created_by_idx').on(t.createdBy)],
);

export const campaignsTable = pgTable(
  'campaigns',
  {
    ...collectionColumns(),
    periodLabel: text('period_label').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    // wall-clock time "YYYY-MM-DDTHH:mm", applied in each municipality's own time zone
    deadlineLocal: text('deadline_local').notNull(),
    targetRate: integer('target_rate').notNull().default(70),
    anonymous: boolean('anonymous').notNull().default(true),
    // null: the default policy (server/reminders/reminders.policy.ts)
    reminderPolicy: jsonb('reminder_policy').$type<ReminderPolicy>(),
    createdBy: uuid('created_by').references(() => usersTable.id),
    // set when a schedule opened it: one campaign per schedule and period
    scheduleId: uuid('schedule_id').references(() => schedulesTable.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('campaigns_schedule_period').on(t.scheduleId, t.periodLabel),
    // the target of responses' (campaign, version) key
    unique('campaigns_id_form_version').on(t.id, t.formVersionId),
    index('campaigns_owner_idx').on(t.ownerId),
    index('campaigns_form_version_idx').on(t.formVersionId),
    index('campaigns_created_by_idx').on(t.createdBy),
    check('campaigns_period_order', sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);

// One per covered institution. The response counters are kept here, updated in the same
// transaction as each submission, so a dashboard reads them without scanning responses.
export const assignmentsTable = pgTable(
  'assignments',
  {
    id: id(),
    campaignId: uuid('campaign_id').notNull().references(() => campaignsTable.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id').notNull().references(() => organisationsTable.id),
    status: assignmentStatusEnum('status').notNull().default('not_started'),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    reopenedUntil: timestamp('reopened_until', { withTimezone: true }),
    expected: integer('expected').notNull(),
    started: integer('started').notNull().default(0),
    completed: integer('completed').notNull().default(0),
    completedOnTime: integer('completed_on_time').notNull().default(0),
    publicCode: text('public_code').unique(),
    returnComment: text('return_comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('assignments_campaign_institution').on(t.campaignId, t.institutionId),
    // the target of responses' (assignment, campaign) key
    unique('assignments_id_campaign').on(t.id, t.campaignId),
    index('assignments_institution_idx').on(t.institutionId),
    check('assignments_counts', sql`${t.expected} >= 0 and ${t.completed} >= 0 and ${t.completedOnTime} <= ${t.completed}`),
  ],
);

export type Campaign = typeof campaignsTable.$inferSelect;
export type Assignment = typeof assignmentsTable.$inferSelect;

// Completions per campaign and day (UTC), counted in the submission's transaction, for the
// "completions over time" chart without scanning responses.
export const completionsDailyTable = pgTable(
  'completions_daily',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaignsTable.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    completed: integer('completed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day] })],
);
