import argon2 from 'argon2';
import type { FieldIssue } from '../core/errors/index.ts';

/** OWASP's argon2id baseline (m = 19 MiB, t = 2, p = 1): fast enough for a login, slow for an attacker. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN_LENGTH = 10;

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

/** A hash to verify against when the user does not exist, so both cases take the same time. */
let dummy: Promise<string> | null = null;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummy ??= hashPassword('not-a-real-password-' + Math.random());
    await argon2.verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * The 49,000 passwords most often found in breaches (zxcvbn-ts's common list, bundled with the
 * app: no lookup leaves the server), in lower case. Loaded the first time a password is set.
 */
let common: Promise<Set<string>> | null = null;
const commonPasswords = () => (common ??= import('@zxcvbn-ts/language-common').then((m) => new Set(m.dictionary['passwords-common'].map((p) => p.toLowerCase()))));

/**
 * Why a new password is refused, or null when it may be used: shorter than PASSWORD_MIN_LENGTH, or
 * on the list of common and breached passwords (in any mix of upper and lower case).
 */
export async function passwordProblem(password: string): Promise<{ code: 'too_short'; params: { min: number } } | { code: 'common_password' } | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return { code: 'too_short', params: { min: PASSWORD_MIN_LENGTH } };
  if ((await commonPasswords()).has(password.toLowerCase())) return { code: 'common_password' };
  return null;
}

/**
 * The rules a password someone chooses must meet, as field issues on `field` (none: it is fine).
 * The one check every way of setting a password calls (invitation, reset, change, the command line).
 */
export async function newPasswordIssues(password: string, field = 'password'): Promise<FieldIssue[]> {
  const problem = await passwordProblem(password);
  return problem ? [{ field, ...problem }] : [];
}
