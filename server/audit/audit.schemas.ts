import { Type, type Static } from 'typebox';

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'how many of the newest entries (default 100)' })),
    userId: Type.Optional(Type.String({ format: 'uuid', description: 'only entries where this user acted or was acted on' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

const Person = Type.Union([Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }), Type.Null()]);

export const AuditEntryResponse = Type.Object({
  id: Type.String(),
  at: Type.String(),
  // user.create | user.update | user.deactivate | user.reactivate | user.reset_forced | user.password_change | user.password_reset
  action: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  actor: Person,
  target: Person,
  organisation: Type.String(),
});
