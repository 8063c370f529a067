import { Type, type Static } from 'typebox';

export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('analyst'),
  Type.Literal('coordinator'),
  Type.Literal('viewer'),
]);
export type Role = Static<typeof RoleSchema>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const CallerResponse = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  organisation: Type.Object({ id: Type.String(), name: Type.String(), level: Type.String() }),
});

export const LoginResponse = Type.Object({
  token: Type.String(),
  expiresAt: Type.String(),
  user: CallerResponse,
});

/** What every service receives about the caller: who, and which subtree they may touch. */
export type Scope = { userId: string; role: Role; organisationId: string; path: string };

/** Per-route access rule, required on every /api route (checked when routes register). */
export type Access = 'public' | readonly Role[];

export const TOKEN_TTL_SECONDS = 12 * 60 * 60;
export const COOKIE_NAME = 'session';
