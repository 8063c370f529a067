import { Type, type Static } from 'typebox';
import { Nullable } from '../shared/nullable.ts';

const Uuid = Type.String({ format: 'uuid' });
const LocalTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$', description: 'wall-clock time in each municipality, YYYY-MM-DDTHH:mm' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const Audience = Type.Union([Type.Literal('institution'), Type.Literal('parents'), Type.Literal('students')]);
export const PeriodKind = Type.Union([
  Type.Literal('school_year'), Type.Literal('year'), Type.Literal('half_year'), Type.Literal('term'),
  Type.Literal('quarter'), Type.Literal('month'), Type.Literal('season'), Type.Literal('date'),
]);

export const ReminderPolicy = Type.Object(
  {
    offsetsHours: Type.Array(Type.Integer({ minimum: -24 * 60, maximum: 24 * 14 }), { minItems: 1, maxItems: 10, description: 'hours relative to the deadline: -168 = a week before, 24 = a day after' }),
    maxPerRecipient: Type.Integer({ minimum: 1, maximum: 10 }),
    minGapHours: Type.Integer({ minimum: 0, maximum: 24 * 14 }),
    quietFrom: Type.Integer({ minimum: 0, maximum: 23 }),
    quietTo: Type.Integer({ minimum: 0, maximum: 23 }),
  },
  { additionalProperties: false },
);

export const CreateCampaignBody = Type.Object(
  {
    formVersionId: Uuid,
    title: Type.String({ minLength: 1, maxLength: 300 }),
    audience: Audience,
    period: Type.Object({ kind: PeriodKind, label: Type.String({ minLength: 1, maxLength: 40 }), start: Day, end: Day }, { additionalProperties: false }),
    opensAt: Type.String({ format: 'date-time' }),
    deadline: LocalTime,
    units: Type.Array(Uuid, { minItems: 1, maxItems: 2000 }),
    institutionKinds: Type.Optional(Type.Array(Type.Union([Type.Literal('school'), Type.Literal('kindergarten'), Type.Literal('supplementary')]), { maxItems: 3 })),
    expected: Type.Optional(Type.Record(Type.String({ format: 'uuid' }), Type.Integer({ minimum: 0, maximum: 100000 }))),
    targetRate: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    reminderPolicy: Type.Optional(ReminderPolicy),
  },
  { additionalProperties: false },
);
export type CreateCampaignBody = Static<typeof CreateCampaignBody>;

export const AssignmentResponse = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  institution: Type.Object({ id: Uuid, name: Type.String(), code: Type.String(), kind: Nullable(Type.String()), settlement: Nullable(Type.String()), municipality: Type.String(), timeZone: Type.String() }),
  status: Type.String(),
  deadlineAt: Type.String(),
  deadlineLocal: Type.String(),
  reopenedUntil: Nullable(Type.String()),
  expected: Type.Integer(),
  started: Type.Integer(),
  completed: Type.Integer(),
  completedOnTime: Type.Integer(),
  rate: Nullable(Type.Number()),
  publicCode: Nullable(Type.String()),
  returnComment: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
});

export const CampaignResponse = Type.Object({
  id: Uuid,
  title: Type.String(),
  ownerId: Uuid,
  formVersionId: Uuid,
  formKind: Type.String(),
  audience: Audience,
  period: Type.Object({ kind: Type.String(), label: Type.String(), start: Type.String(), end: Type.String() }),
  opensAt: Type.String(),
  deadline: Type.String(),
  targetRate: Type.Integer(),
  anonymous: Type.Boolean(),
  state: Type.Union([Type.Literal('scheduled'), Type.Literal('open'), Type.Literal('closed')]),
  totals: Type.Object({ assignments: Type.Integer(), expected: Type.Integer(), started: Type.Integer(), completed: Type.Integer(), completedOnTime: Type.Integer(), submitted: Type.Integer() }),
});

export const CampaignDetail = Type.Object({ ...CampaignResponse.properties, assignments: Type.Array(AssignmentResponse) });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ReturnBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const ReopenBody = Type.Object({ until: LocalTime }, { additionalProperties: false });
export const ExpectedBody = Type.Object({ expected: Type.Integer({ minimum: 0, maximum: 100000 }) }, { additionalProperties: false });
