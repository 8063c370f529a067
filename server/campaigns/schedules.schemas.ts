import { Type, type Static } from 'typebox';
import { Audience, PeriodKind } from './campaigns.schemas.ts';

export const CreateScheduleBody = Type.Object(
  {
    formVersionId: Type.String({ format: 'uuid' }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    audience: Audience,
    periodKind: Type.Exclude(PeriodKind, Type.Literal('date')),
    opensDaysBeforeEnd: Type.Integer({ minimum: -60, maximum: 366, description: 'days before the period ends when the campaign opens (the period length to open at its start)' }),
    dueDaysAfterEnd: Type.Integer({ minimum: -366, maximum: 90, description: 'days after the period ends when it is due: 5 = "by the 5th of the next month"' }),
    dueTime: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    units: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 2000 }),
    institutionKinds: Type.Optional(Type.Array(Type.Union([Type.Literal('school'), Type.Literal('kindergarten'), Type.Literal('supplementary')]), { maxItems: 3 })),
    targetRate: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    activeUntil: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);
export type CreateScheduleBody = Static<typeof CreateScheduleBody>;
