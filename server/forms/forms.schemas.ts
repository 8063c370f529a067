import { Type, type Static } from 'typebox';
import { FormMapping } from '../../forms/generator/mapping.schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const Kind = Type.Union([Type.Literal('self_report'), Type.Literal('parent_survey'), Type.Literal('student_diagnostic')]);
const Title = Type.String({ minLength: 1, maxLength: 300 });

export const GenerateBody = Type.Object(
  {
    kind: Kind,
    catalogue: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 80 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    indicators: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 400 }),
    audience: Type.Optional(Type.Union([Type.Literal('school'), Type.Literal('kindergarten'), Type.Literal('supplementary')])),
    title: Type.Optional(Title),
  },
  { additionalProperties: false },
);
export type GenerateBody = Static<typeof GenerateBody>;

const Problem = Type.Object({ code: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) });
const Warning = Type.Object({ rule: Type.String(), message: Type.String(), path: Type.Optional(Type.String()) });

export const GeneratedResponse = Type.Object({
  json: Type.Record(Type.String(), Type.Unknown()),
  mapping: FormMapping,
  indicators: Type.Array(Type.String()),
  skipped: Type.Array(Type.Object({ indicator: Type.String(), reason: Type.String() })),
  catalogueVersionId: Type.Union([Uuid, Type.Null()]),
  problems: Type.Array(Problem),
  warnings: Type.Array(Warning),
});

export const VersionBody = Type.Object(
  {
    json: Type.Record(Type.String(), Type.Unknown()),
    mapping: FormMapping,
    indicators: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 400 })),
    catalogueVersionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type VersionBody = Static<typeof VersionBody>;

export const CreateFormBody = Type.Object(
  { title: Title, kind: Kind, ownerId: Type.Optional(Uuid), ...VersionBody.properties },
  { additionalProperties: false },
);
export type CreateFormBody = Static<typeof CreateFormBody>;

export const FormVersionResponse = Type.Object({
  id: Uuid,
  formId: Uuid,
  version: Type.Integer(),
  json: Type.Record(Type.String(), Type.Unknown()),
  mapping: FormMapping,
  indicators: Type.Array(Type.String()),
  catalogueVersionId: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String(),
});

export const FormSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  kind: Kind,
  ownerId: Uuid,
  createdAt: Type.String(),
  latestVersion: Type.Integer(),
  latestVersionId: Uuid,
});

export const FormDetail = Type.Object({ ...FormSummary.properties, versions: Type.Array(FormVersionResponse) });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

// a publish answers with what was stored and, when markup was cleaned on the way, what went
export const PublishedForm = Type.Object({ ...FormDetail.properties, warnings: Type.Array(Warning) });
export const PublishedVersion = Type.Object({ ...FormVersionResponse.properties, warnings: Type.Array(Warning) });
