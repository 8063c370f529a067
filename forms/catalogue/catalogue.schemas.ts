// The catalogue file format. JSON files under forms/catalogue/ are validated against these
// schemas when they load (server start, `npm run catalogue:check`, tests); the TypeScript
// types used everywhere else are derived from them.
import { Type, type Static } from 'typebox';

const Id = Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 80 });
const LocalId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 40 });
const Text = (maxLength = 2000) => Type.String({ minLength: 1, maxLength });

export const Instrument = Type.Union([
  Type.Literal('self_report'),
  Type.Literal('parent_survey'),
  Type.Literal('student_diagnostic'),
  Type.Literal('import'),
]);
export type Instrument = Static<typeof Instrument>;
export const INSTRUMENTS: Instrument[] = ['self_report', 'parent_survey', 'student_diagnostic', 'import'];

// persons = people counted by a school; respondents = people counted by a survey or diagnostic
// (small-cell suppression applies to values resting on respondents).
export const VariableUnit = Type.Union([
  Type.Literal('persons'),
  Type.Literal('respondents'),
  Type.Literal('organisations'),
  Type.Literal('items'),
  Type.Literal('events'),
  Type.Literal('points'),
  Type.Literal('days'),
  Type.Literal('hours'),
  Type.Literal('flag'),
]);
export type VariableUnit = Static<typeof VariableUnit>;

// Institution types: targets and thresholds may differ by them (seed 004: pass rate ≥ 85 % for
// a primary school, ≥ 90 % for a gymnasium).
export const InstitutionType = Type.Union([
  Type.Literal('nosh'),
  Type.Literal('oosh'),
  Type.Literal('sosh'),
  Type.Literal('gymnasium'),
  Type.Literal('lyceum'),
  Type.Literal('dou'),
  Type.Literal('udo'),
]);
export type InstitutionType = Static<typeof InstitutionType>;

export const Variable = Type.Object(
  {
    id: Id,
    label: Text(400),
    unit: VariableUnit,
    population: Type.Optional(Text(600)),
    partOf: Type.Optional(Type.Array(Id, { maxItems: 10 })),
    instruments: Type.Array(Instrument, { minItems: 1, maxItems: 4 }),
    dimensions: Type.Optional(Type.Array(Id, { maxItems: 4 })),
    aliases: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
    note: Type.Optional(Text()),
  },
  { additionalProperties: false },
);
export type Variable = Static<typeof Variable>;


export const Dimension = Type.Object(
  {
    id: Id,
    label: Text(200),
    // "numerator": the dimension classifies what the numerator counts (a contest's level, an
    // olympiad's stage), not the population, so a breakdown by it keeps the whole denominator.
    // Unset: it classifies people (ОВЗ status, education level), and the denominator must carry it too.
    appliesTo: Type.Optional(Type.Literal('numerator')),
    members: Type.Array(Type.Object({ id: Id, label: Text(200) }, { additionalProperties: false }), {
      minItems: 2,
    }),
  },
  { additionalProperties: false },
);
export type Dimension = Static<typeof Dimension>;
// One file of the shared dictionary: variables, and the breakdown dimensions they may use.
export const VariableFile = Type.Object(
  { dimensions: Type.Optional(Type.Array(Dimension)), variables: Type.Array(Variable) },
  { additionalProperties: false },
);

// A formula operand: a variable id, or a sum/difference of variable ids (seed 000 PRO1-10
// divides by "grade-9 graduates minus grade-10 enrolment").
export const Expr = Type.Union([
  Id,
  Type.Object(
    { op: Type.Union([Type.Literal('add'), Type.Literal('sub')]), args: Type.Array(Id, { minItems: 2, maxItems: 10 }) },
    { additionalProperties: false },
  ),
]);
export type Expr = Static<typeof Expr>;

const Unit = Text(40);
export const Formula = Type.Union([
  // numerator ÷ denominator × factor; a zero denominator makes the value "not applicable"
  Type.Object(
    {
      kind: Type.Literal('share'),
      numerator: Expr,
      denominator: Expr,
      factor: Type.Union([Type.Literal(100), Type.Literal(1), Type.Literal(1000)]),
      unit: Unit,
      // false: the source divides by a whole the numerator is not part of (the value may pass
      // 100 %); allowed only with a [src-defect] note. Unset: the numerator must be partOf it.
      partOfDenominator: Type.Optional(Type.Literal(false)),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('count'), value: Expr, unit: Unit }, { additionalProperties: false }),
  // a count summed over every period since `since` (e.g. "нарастающим итогом с 2020 года")
  Type.Object(
    { kind: Type.Literal('cumulative'), value: Id, since: Type.Integer({ minimum: 1990, maximum: 2100 }), unit: Unit },
    { additionalProperties: false },
  ),
  // mean = Σ sum ÷ Σ count, so it rolls up correctly (an average mark on a 5-point scale)
  Type.Object(
    {
      kind: Type.Literal('mean'),
      sum: Id,
      count: Id,
      scale: Type.Optional(Type.Object({ min: Type.Number(), max: Type.Number() }, { additionalProperties: false })),
      unit: Unit,
    },
    { additionalProperties: false },
  ),
  // a yes/no fact of an institution; rolled up as the share of institutions with "yes"
  Type.Object({ kind: Type.Literal('flag'), value: Id }, { additionalProperties: false }),
  // a weighted mean of other indicators' values in the same catalogue; no components (a draft
  // whose method the source does not give) yields no value
  Type.Object(
    {
      kind: Type.Literal('index'),
      components: Type.Array(
        Type.Object({ indicator: LocalId, weight: Type.Number({ exclusiveMinimum: 0 }) }, { additionalProperties: false }),
        { maxItems: 40 },
      ),
      unit: Unit,
    },
    { additionalProperties: false },
  ),
]);
export type Formula = Static<typeof Formula>;

export const Periodicity = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('monthly'),
      Type.Literal('quarterly'),
      Type.Literal('term'),
      Type.Literal('half_year'),
      Type.Literal('yearly'),
      Type.Literal('season'),
      Type.Literal('once'),
    ]),
    text: Type.Optional(Text(300)),
    due: Type.Optional(Text(300)),
  },
  { additionalProperties: false },
);

export const Target = Type.Object(
  {
    op: Type.Union([Type.Literal('>='), Type.Literal('<='), Type.Literal('=')]),
    value: Type.Number(),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    byType: Type.Optional(Type.Partial(Type.Record(InstitutionType, Type.Number()))),
    text: Type.Optional(Text(300)),
  },
  { additionalProperties: false },
);
export type Target = Static<typeof Target>;

export const Indicator = Type.Object(
  {
    id: LocalId,
    number: Type.Optional(Text(20)),
    name: Text(),
    source: Text(600),
    method: Text(600),
    instrument: Instrument,
    population: Text(600),
    formula: Formula,
    // draft: the source names the indicator but gives no method («методика не утверждена»);
    // it has no value until a municipality defines one (an index with no components)
    status: Type.Optional(Type.Literal('draft')),
    periodicity: Periodicity,
    better: Type.Optional(Type.Union([Type.Literal('higher'), Type.Literal('lower')])),
    target: Type.Optional(Target),
    // zone thresholds in the indicator's own unit: green from `green`, yellow from `yellow`
    // (read downwards when better = lower)
    zones: Type.Optional(Type.Object({ green: Type.Number(), yellow: Type.Number() }, { additionalProperties: false })),
    codes: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
    disaggregation: Type.Optional(Type.Array(Id, { maxItems: 3 })),
    notes: Type.Optional(Type.Array(Text(), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type Indicator = Static<typeof Indicator>;

export const Task = Type.Object(
  {
    text: Text(),
    deadline: Type.Optional(Text(300)),
    target: Type.Optional(Text(300)),
  },
  { additionalProperties: false },
);

export const Track = Type.Object(
  {
    id: LocalId,
    name: Text(),
    goal: Type.Optional(Text()),
    tasks: Type.Optional(Type.Array(Task)),
    indicators: Type.Array(Indicator),
  },
  { additionalProperties: false },
);
export type Track = Static<typeof Track>;

export const Direction = Type.Object(
  {
    id: LocalId,
    code: Type.Optional(Text(20)),
    name: Text(),
    tracks: Type.Array(Track, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type Direction = Static<typeof Direction>;

export const Catalogue = Type.Object(
  {
    id: Id,
    owner: Id, // organisation code of the owning municipality or region
    title: Text(600),
    seed: Type.Optional(Type.String({ pattern: '^[0-9]{3}$' })),
    document: Type.Object(
      {
        kind: Text(200),
        date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        number: Type.Optional(Text(60)),
        title: Text(1000),
        issuer: Text(600),
      },
      { additionalProperties: false },
    ),
    directions: Type.Array(Direction, { minItems: 1 }),
    notes: Type.Optional(Type.Array(Text(4000))),
  },
  { additionalProperties: false },
);
export type Catalogue = Static<typeof Catalogue>;
