import { Type, type Static } from 'typebox';

export const CatalogueParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 80 }) }, { additionalProperties: false });
export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    catalogue: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 80 })),
    instrument: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const CatalogueSummary = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  owner: Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() }),
  createdAt: Type.String(),
  indicators: Type.Integer(),
});

// The full content is the validated catalogue file; its schema lives in forms/.
export const CatalogueDetail = Type.Object({
  ...CatalogueSummary.properties,
  content: Type.Unknown(),
  variables: Type.Array(Type.Unknown()),
});

export const IndicatorHit = Type.Object({
  catalogue: Type.String(),
  version: Type.Integer(),
  indicatorId: Type.String(),
  directionId: Type.String(),
  trackId: Type.String(),
  name: Type.String(),
  instrument: Type.String(),
});

export const VariableHit = Type.Object({ id: Type.String(), label: Type.String(), unit: Type.String(), instruments: Type.Array(Type.String()) });
