import { Type, type Static } from 'typebox';
import { RoleSchema } from '../auth/auth.schemas.ts';
import { PASSWORD_MAX } from '../auth/password.policy.ts';

const Uuid = Type.String({ format: 'uuid' });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const UserResponse = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  organisationId: Type.String(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  deactivatedAt: Type.Union([Type.String(), Type.Null()]),
});

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Name,
    // without one the user gets a mail with a link to set it; the policy's bound is in code points
    password: Type.Optional(Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 })),
    role: RoleSchema,
    organisationId: Uuid,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  { name: Type.Optional(Name), role: Type.Optional(RoleSchema), organisationId: Type.Optional(Uuid) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserParams = Type.Object({ id: Uuid }, { additionalProperties: false });
