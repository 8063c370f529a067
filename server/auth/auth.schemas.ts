import { Type, type Static } from 'typebox';
import { PASSWORD_MAX } from './password.policy.ts';

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

// The browser's login: the session goes only into the httpOnly cookie, never to JavaScript.
export const LoginResponse = Type.Object({
  expiresAt: Type.String(),
  user: CallerResponse,
});

// An API client's token, for the Authorization header; it is not accepted from a cookie.
export const TokenResponse = Type.Object({
  token: Type.String(),
  expiresAt: Type.String(),
  user: CallerResponse,
});

// the upper bound is the policy's (in code points); the byte-ish bound here only stops abuse
const NewPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: NewPassword },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const ResetRequestBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) }, { additionalProperties: false });

export const ResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_.-]+$' }), newPassword: NewPassword },
  { additionalProperties: false },
);
export type ResetConfirmBody = Static<typeof ResetConfirmBody>;

/** What every service receives about the caller: who, and which subtree they may touch. */
export type Scope = { userId: string; role: Role; organisationId: string; path: string; sessionId?: string };

/** Per-route access rule, required on every /api route (checked when routes register). */
export type Access = 'public' | readonly Role[];

export const TOKEN_TTL_SECONDS = 12 * 60 * 60;
export const COOKIE_NAME = 'session';
