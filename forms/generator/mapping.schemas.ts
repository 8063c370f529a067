// The mapping stored beside every form: which answer feeds which catalogue variable.
import { Type, type Static } from 'typebox';

const Name = Type.String({ minLength: 1, maxLength: 120 });

export const SelfReportMapping = Type.Object(
  {
    kind: Type.Literal('self_report'),
    fields: Type.Array(Type.Object({ question: Name, variable: Name }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

// A survey answer counts towards `respondents` when given, and towards `satisfied` when it is
// one of `satisfiedValues` (e.g. 4 and 5 on a 1–5 scale).
export const SurveyRule = Type.Object(
  {
    question: Name,
    indicator: Type.Optional(Name),
    respondents: Name,
    satisfied: Name,
    satisfiedValues: Type.Array(Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 100 })]), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type SurveyRule = Static<typeof SurveyRule>;

export const SurveyMapping = Type.Object(
  { kind: Type.Literal('parent_survey'), rules: Type.Array(SurveyRule) },
  { additionalProperties: false },
);

export const DiagnosticMapping = Type.Object(
  {
    kind: Type.Literal('student_diagnostic'),
    instrument: Type.Literal('ddo_klimov'),
    took: Name,
    preference: Name,
    // a preference is identified when the dominant type scores at least this much
    minScore: Type.Integer({ minimum: 1, maximum: 8 }),
  },
  { additionalProperties: false },
);

export const FormMapping = Type.Union([SelfReportMapping, SurveyMapping, DiagnosticMapping]);
export type FormMapping = Static<typeof FormMapping>;
export type FormKind = FormMapping['kind'];

/** A generated form: the SurveyJS JSON and its mapping. */
export type GeneratedForm = { json: Record<string, unknown>; mapping: FormMapping; indicators: string[]; skipped: { indicator: string; reason: string }[] };
