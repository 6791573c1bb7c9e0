/**
 * The rules of the second factor that need no I/O: who must have one, and what a code looks like.
 * The TOTP itself (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app reads)
 * is otplib's, in src/services/mfa.ts.
 */
import type { Role } from '../access/roles.ts';

/** The roles that must sign in with a second factor unless the deployment says otherwise (MFA_REQUIRED_ROLES). */
export const DEFAULT_MFA_REQUIRED_ROLES: readonly Role[] = ['coordinator', 'admin'];

/** Whether a user with these roles must have a second factor: any one of them required is enough. */
export function mfaRequired(roles: readonly Role[], required: readonly Role[]): boolean {
  return roles.some((r) => required.includes(r));
}

/** Letters and digits of a recovery code: no 0/O or 1/I/L to misread from paper. */
export const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;
/** Twelve characters of 31: 59 random bits each, stored as a SHA-256 no dictionary reaches. */
export const RECOVERY_CODE_LENGTH = 12;

/** A recovery code as shown: three groups of four, "ABCD-EFGH-JKMN". */
export const formatRecoveryCode = (raw: string): string => raw.match(/.{1,4}/g)!.join('-');

/** A code as typed, for comparing: spaces and dashes gone, upper case. */
export const normaliseCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

/** A TOTP code (six digits, spaces allowed as apps group them "123 456"), or a recovery code. */
export const isTotpCode = (normalised: string): boolean => /^\d{6}$/.test(normalised);
