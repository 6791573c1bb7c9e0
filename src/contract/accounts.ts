/**
 * Accounts people manage themselves (issue 16 item 5): invitations and reset links by e-mail, the
 * page that sets a password from such a link, and a password change for every user.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, StringEnum } from './common.ts';

const AccountToken = Type.String({ minLength: 20, maxLength: 200, description: 'The token of the link from the e-mail.' });
const NewPassword = Type.String({ minLength: 1, maxLength: 200 });

export const PasswordResetRequest = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
}, { additionalProperties: false });
export type PasswordResetRequest = Static<typeof PasswordResetRequest>;

export const AccountLinkQuery = Type.Object({ accountToken: AccountToken }, { additionalProperties: false });
export type AccountLinkQuery = Static<typeof AccountLinkQuery>;

/** What the page a link opens shows before the password is chosen. */
export const AccountLinkInfo = Type.Object({
  purpose: StringEnum(['invitation', 'reset'] as const, { description: 'invitation: a new account; reset: a new password for an existing one.' }),
  email: Type.String(), name: Type.String(), expiresAt: DateTime,
}, { additionalProperties: false });
export type AccountLinkInfo = Static<typeof AccountLinkInfo>;

export const SetPasswordBody = Type.Object({ accountToken: AccountToken, password: NewPassword }, { additionalProperties: false });
export type SetPasswordBody = Static<typeof SetPasswordBody>;
/** The address to log in with: the page logs the user in with it (a second factor, where set, is still asked for). */
export const SetPasswordDone = Type.Object({ email: Type.String() }, { additionalProperties: false });
export type SetPasswordDone = Static<typeof SetPasswordDone>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: NewPassword,
}, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** An invitation or reset link sent: until when it works. */
export const LinkSent = Type.Object({ expiresAt: DateTime }, { additionalProperties: false });
export type LinkSent = Static<typeof LinkSent>;
