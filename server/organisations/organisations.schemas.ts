import { Type, type Static } from 'typebox';
import { Nullable } from '../shared/nullable.ts';
import { InstitutionType } from '../../forms/catalogue/catalogue.schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const Name = Type.String({ minLength: 1, maxLength: 300 });

export const Level = Type.Union([Type.Literal('root'), Type.Literal('region'), Type.Literal('municipality'), Type.Literal('institution')]);
export const Kind = Type.Union([Type.Literal('school'), Type.Literal('kindergarten'), Type.Literal('supplementary')]);
// one list of institution types, shared with the catalogue's per-type targets
export { InstitutionType };
export const Settlement = Type.Union([Type.Literal('urban'), Type.Literal('rural')]);
export const TimeZone = Type.String({ minLength: 3, maxLength: 60, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)+$' });

export const OrganisationResponse = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  level: Level,
  code: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  timeZone: Nullable(Type.String()),
  kind: Nullable(Kind),
  type: Nullable(Type.String()),
  settlement: Nullable(Settlement),
});

export const OrganisationListQuery = Type.Object(
  {
    level: Type.Optional(Level),
    kind: Type.Optional(Kind),
    settlement: Type.Optional(Settlement),
    parentId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;

export const CreateOrganisationBody = Type.Object(
  {
    parentId: Uuid,
    code: Code,
    name: Name,
    shortName: Type.Optional(Name),
    timeZone: Type.Optional(TimeZone),
    kind: Type.Optional(Kind),
    type: Type.Optional(InstitutionType),
    settlement: Type.Optional(Settlement),
  },
  { additionalProperties: false },
);
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = Type.Object(
  {
    name: Type.Optional(Name),
    shortName: Type.Optional(Nullable(Name)),
    timeZone: Type.Optional(TimeZone),
    type: Type.Optional(Nullable(InstitutionType)),
    settlement: Type.Optional(Nullable(Settlement)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganisationBody = Static<typeof UpdateOrganisationBody>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ImportBody = Type.Object(
  { municipalityId: Uuid, csv: Type.String({ minLength: 1, maxLength: 900_000 }) },
  { additionalProperties: false },
);
export type ImportBody = Static<typeof ImportBody>;

export const ImportResponse = Type.Object({ imported: Type.Integer(), organisations: Type.Array(OrganisationResponse) });
