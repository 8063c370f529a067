import { Type, type Static } from 'typebox';

const Answers = Type.Record(Type.String({ maxLength: 120 }), Type.Unknown(), { maxProperties: 1000 });

export const AnswersBody = Type.Object({ data: Answers }, { additionalProperties: false });
export type AnswersBody = Static<typeof AnswersBody>;

export const PublicSubmitBody = Type.Object(
  { id: Type.String({ format: 'uuid' }), data: Answers, token: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' })) },
  { additionalProperties: false },
);
export type PublicSubmitBody = Static<typeof PublicSubmitBody>;

export const TokenQuery = Type.Object({ t: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9]{4,16}$' }) }, { additionalProperties: false });

export const PublicForm = Type.Object({
  code: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('not_open')]),
  campaign: Type.String(),
  institution: Type.String(),
  kind: Type.String(),
  formVersionId: Type.String(),
  opensAt: Type.String(),
  deadlineLocal: Type.String(),
  invitation: Type.Union([Type.Literal('valid'), Type.Literal('used'), Type.Literal('invalid'), Type.Null()]),
  json: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export const SubmitResult = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('stored'), Type.Literal('already_stored')]),
  receivedAt: Type.String(),
  result: Type.Optional(Type.Unknown()),
});

export const SelfReportState = Type.Object({
  assignment: Type.Unknown(),
  campaign: Type.Object({ id: Type.String(), title: Type.String(), periodLabel: Type.String(), deadline: Type.String() }),
  form: Type.Object({ versionId: Type.String(), json: Type.Record(Type.String(), Type.Unknown()) }),
  data: Type.Record(Type.String(), Type.Unknown()),
  status: Type.String(),
  editable: Type.Boolean(),
  previous: Type.Record(Type.String(), Type.Object({ value: Type.Number(), period: Type.String() })),
  audit: Type.Array(Type.Object({ at: Type.String(), user: Type.Union([Type.String(), Type.Null()]), action: Type.Unknown(), changes: Type.Array(Type.Unknown()) })),
});
