import { Type, type Static } from 'typebox';
import { RoleSchema } from '../auth/auth.schemas.ts';

export const UserResponse = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  organisationId: Type.String(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
});

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    role: RoleSchema,
    organisationId: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;
