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
 * The rules a password someone chooses must meet, as field issues on `field` (none: it is fine).
 * The one check every way of setting a password calls (invitation, reset, change, the command line).
 */
export function newPasswordIssues(password: string, field = 'password'): FieldIssue[] {
  return password.length < PASSWORD_MIN_LENGTH ? [{ field, code: 'too_short', params: { min: PASSWORD_MIN_LENGTH } }] : [];
}
