// The indicator table at the boundary: its query, and its answer (the web app's types too).
import { Type, type Static } from 'typebox';
import { Nullable } from '../shared/nullable.ts';
import { SOURCE_KINDS } from './sources.ts';


export const TableQuery = Type.Object(
  {
    catalogue: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 80 }),
    period: Type.String({ minLength: 1, maxLength: 40 }),
    unitId: Type.Optional(Type.String({ format: 'uuid' })),
    kind: Type.Optional(Type.Union([Type.Literal('school'), Type.Literal('kindergarten'), Type.Literal('supplementary')])),
    settlement: Type.Optional(Type.Union([Type.Literal('urban'), Type.Literal('rural')])),
    indicators: Type.Optional(Type.String({ maxLength: 4000, description: 'comma-separated indicator ids' })),
  },
  { additionalProperties: false },
);

export const SourceKind = Type.Enum(SOURCE_KINDS);

export const TableCell = Type.Object({
  unitId: Type.String(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('not_applicable'), Type.Literal('missing'), Type.Literal('withheld')]),
  reason: Nullable(Type.String()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  value: Nullable(Type.Number()),
  target: Nullable(Type.Number()),
  zone: Nullable(Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')])),
  change: Nullable(Type.Number()),
  leftOut: Type.Integer({ description: 'institutions left out of this total because their own value is withheld (n < 5)' }),
  sources: Type.Array(SourceKind, { description: 'kinds of source the shown value comes from, by precedence' }),
});

export const IndicatorTable = Type.Object({
  catalogue: Type.Object({ code: Type.String(), version: Type.Integer(), title: Type.String() }),
  period: Type.String(),
  previousPeriod: Nullable(Type.String()),
  unit: Type.Object({ id: Type.String(), name: Type.String(), level: Type.String() }),
  units: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), level: Type.String(), institutions: Type.Integer() })),
  indicators: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      unit: Type.String(),
      kind: Type.String(),
      surveyBased: Type.Boolean(),
      draft: Type.Boolean(),
      target: Nullable(Type.Object({ op: Type.String(), value: Type.Number(), text: Nullable(Type.String()) })),
      cells: Type.Array(TableCell),
    }),
  ),
});
export type IndicatorTable = Static<typeof IndicatorTable>;
export type TableCell = Static<typeof TableCell>;
