/** Logging in and out and who is logged in: the session part of the HTTP contract. */
import { Type, type Static } from '@sinclair/typebox';
import { UserRef } from './configuration.ts';

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

/** The answer of login and of GET /api/me. */
export const Me = Type.Object({
  user: UserRef,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every POST/PATCH/PUT/DELETE.' }),
  municipalities: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  mfaEnrolmentRequired: Type.Optional(Type.Boolean({ description: 'The user\'s role requires a second factor and they have none: until one is confirmed (POST /api/me/mfa/totp/confirm) the session reaches only GET /api/me, /api/me/mfa… and logout.' })),
});
export type Me = Static<typeof Me>;
