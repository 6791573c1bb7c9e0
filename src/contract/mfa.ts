/** Two-factor authentication (TOTP) and the second step of a login: the MFA part of the HTTP contract. */
import { Type, type Static } from '@sinclair/typebox';

/** A TOTP code from the app ("123456", "123 456") or a recovery code ("ABCD-EFGH-JKMN"). */
export const MfaCodeBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 40 }),
}, { additionalProperties: false });
export type MfaCodeBody = Static<typeof MfaCodeBody>;

/** The answer of a login with the right password for a user with a second factor: no session yet. */
export const MfaRequired = Type.Object({
  mfaRequired: Type.Literal(true, { description: 'Complete the login with POST /api/auth/mfa {code}; the pending login lives 5 minutes in an httpOnly cookie.' }),
});
export type MfaRequired = Static<typeof MfaRequired>;

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'Base32, for typing into an authenticator app by hand.' }),
  otpauthUrl: Type.String({ description: 'otpauth://totp/… (Key URI Format) for the app to read.' }),
  qrDataUrl: Type.String({ description: 'The otpauth URL as a QR code, a PNG data: URL.' }),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Single-use codes, shown this once; each completes one login in place of a TOTP code.' }),
});
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const MfaStatus = Type.Object({
  enabled: Type.Boolean(),
  required: Type.Boolean({ description: 'The user\'s role requires a second factor (MFA_REQUIRED_ROLES): it cannot be turned off.' }),
  recoveryCodesLeft: Type.Integer({ minimum: 0 }),
});
export type MfaStatus = Static<typeof MfaStatus>;
