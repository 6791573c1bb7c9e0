/**
 * Two-factor authentication with TOTP (RFC 6238; issue 16, item 4): enrolment by QR code, single-use
 * recovery codes, the second step of a login, and turning it off. A code is accepted one 30-second
 * step either side of the server's clock (phones drift), and only once: a code of a step already
 * used is refused, however many processes see it. Wrong codes count against the address's
 * throttle like wrong passwords (src/services/login-throttle.ts).
 */
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { can } from '../core/access/policy.ts';
import type { Actor } from '../core/access/roles.ts';
import { DomainError, forbidden, invalid, notFound } from '../core/errors/index.ts';
import { formatRecoveryCode, isTotpCode, mfaRequired, normaliseCode, RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from '../core/users/mfa.ts';
import type { User } from '../core/users/types.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { claimTimeStep, deleteMfa, deletePendingLogin, enableMfa, findMfa, findPendingLogin, replaceRecoveryCodes, spendRecoveryCode, startEnrolment, unusedRecoveryCodes } from '../db/repositories/mfa.ts';
import { endMfaEnrolment } from '../db/repositories/sessions.ts';
import { sessionsChanged } from './session-cache.ts';
import { findUserWithPassword, getUser } from '../db/repositories/users.ts';
import { hashToken, openSession, type SessionInfo, type SignInPolicy } from './auth.ts';
import { checkNotLocked, clearFailedAttempts, countFailedAttempt } from './login-throttle.ts';

/** The name an authenticator app lists the account under. */
const ISSUER = 'Lägesbild';
/** Seconds of clock difference accepted either way: one step. */
const TOLERANCE_S = 30;

const hashCode = (normalised: string) => createHash('sha256').update(normalised).digest('hex');

function requireOwnMfa(actor: Actor): void {
  if (!can(actor, 'account.mfa')) throw forbidden();
}

/** Whether the user has a confirmed second factor, an enrolment under way, and how many recovery codes are left. */
export async function mfaStatus(db: Database, actor: Actor, user: User, policy: SignInPolicy): Promise<{ enabled: boolean; required: boolean; recoveryCodesLeft: number }> {
  requireOwnMfa(actor);
  const mfa = await findMfa(db, user.id);
  const enabled = !!mfa?.enabledAt;
  return { enabled, required: mfaRequired(user.roles, policy.mfaRequiredRoles), recoveryCodesLeft: enabled ? await unusedRecoveryCodes(db, user.id) : 0 };
}

/**
 * Starts an enrolment: a new secret (160 bits, base32), its otpauth:// address and that address as
 * a QR code (a PNG data URL) for the app to scan. Starting again replaces an unconfirmed secret;
 * with a confirmed one on, it is refused (turn it off first).
 */
export async function startTotp(db: Database, actor: Actor, user: User): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  requireOwnMfa(actor);
  const secret = generateSecret();
  if (!(await startEnrolment(db, user.id, secret))) throw new DomainError('mfa_already_enabled');
  const otpauthUrl = generateURI({ issuer: ISSUER, label: user.email, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { secret, otpauthUrl, qrDataUrl };
}

/** Checks a TOTP code against the secret and takes its time step: false when wrong or already used. */
async function acceptTotp(db: Database, userId: string, secret: string, code: string): Promise<boolean> {
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_S }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result && (await claimTimeStep(db, userId, result.timeStep));
}

/** A TOTP code or an unused recovery code of the user; 'totp', 'recovery_code', or null when neither. */
async function acceptCode(db: Database, user: User, secret: string, typed: string): Promise<'totp' | 'recovery_code' | null> {
  const code = normaliseCode(typed);
  if (isTotpCode(code)) return (await acceptTotp(db, user.id, secret, code)) ? 'totp' : null;
  if (!(await spendRecoveryCode(db, user.id, hashCode(code)))) return null;
  await recordAudit(db, { municipalityId: user.municipalityId, userId: user.id, action: 'mfa.recovery_code_used', subjectType: 'user', subjectId: user.id, details: { left: await unusedRecoveryCodes(db, user.id) } });
  return 'recovery_code';
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''));
}

/**
 * Confirms the enrolment with a code from the app: the second factor is on from now, the session
 * (if it was held to the enrolment) reaches the whole app, and the recovery codes are returned, the
 * only time they are shown. A wrong code is a field error and counts against the throttle.
 */
export async function confirmTotp(db: Database, actor: Actor, user: User, sessionToken: string, typed: string): Promise<{ recoveryCodes: string[] }> {
  requireOwnMfa(actor);
  const mfa = await findMfa(db, user.id);
  if (!mfa) throw notFound('enrolment');
  if (mfa.enabledAt) throw new DomainError('mfa_already_enabled');
  const locked = await checkNotLocked(db, user.email);
  if (locked) throw locked;
  const code = normaliseCode(typed);
  if (!isTotpCode(code) || !(await acceptTotp(db, user.id, mfa.secret, code))) {
    await countFailedAttempt(db, user.email);
    throw invalid('code', 'wrong_code');
  }
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await enableMfa(tx, user.id);
    await replaceRecoveryCodes(tx, user.id, codes.map(hashCode));
    await endMfaEnrolment(tx, hashToken(sessionToken));
    await recordAudit(tx, { municipalityId: user.municipalityId, userId: user.id, action: 'mfa.enabled', subjectType: 'user', subjectId: user.id });
  });
  // The session held to the enrolment reaches the whole app now, in every process.
  await sessionsChanged(db);
  return { recoveryCodes: codes.map(formatRecoveryCode) };
}

/**
 * Turns the second factor off, with a current code (or a recovery code) as proof that the person
 * at the keyboard holds it. Refused for a role that requires it.
 */
export async function disableTotp(db: Database, actor: Actor, user: User, typed: string, policy: SignInPolicy): Promise<void> {
  requireOwnMfa(actor);
  if (mfaRequired(user.roles, policy.mfaRequiredRoles)) throw new DomainError('mfa_mandatory');
  const mfa = await findMfa(db, user.id);
  if (!mfa?.enabledAt) throw notFound('enrolment');
  const locked = await checkNotLocked(db, user.email);
  if (locked) throw locked;
  if (!(await acceptCode(db, user, mfa.secret, typed))) {
    await countFailedAttempt(db, user.email);
    throw invalid('code', 'wrong_code');
  }
  await db.transaction(async (tx) => {
    await deleteMfa(tx, user.id);
    await recordAudit(tx, { municipalityId: user.municipalityId, userId: user.id, action: 'mfa.disabled', subjectType: 'user', subjectId: user.id });
  });
}

/**
 * The second step of a login: the pending login (its token from the cookie) and a TOTP code or a
 * recovery code. Right: the session is opened as by a password login. Wrong: 401, counted against
 * the address and audited; the pending login stays until it expires, so the user can try again.
 */
export async function completeMfaLogin(db: Database, pendingToken: string, typed: string, meta: { ip?: string }, policy: SignInPolicy): Promise<{ token: string; session: SessionInfo }> {
  const idHash = hashToken(pendingToken);
  const pending = await findPendingLogin(db, idHash);
  if (!pending) throw new DomainError('unauthenticated');
  const user = await getUser(db, pending.userId, [pending.municipalityId]);
  const mfa = user?.active ? await findMfa(db, user.id) : null;
  if (!user || !mfa?.enabledAt) {
    await deletePendingLogin(db, idHash);
    throw new DomainError('unauthenticated');
  }
  const locked = await checkNotLocked(db, user.email);
  if (locked) {
    await recordAudit(db, { municipalityId: user.municipalityId, userId: user.id, action: 'login.failed', details: { ip: meta.ip, reason: 'locked', step: 'mfa' } });
    throw locked;
  }
  const method = await acceptCode(db, user, mfa.secret, typed);
  if (!method) {
    await countFailedAttempt(db, user.email);
    await recordAudit(db, { municipalityId: user.municipalityId, userId: user.id, action: 'login.failed', details: { ip: meta.ip, reason: 'wrong_code', step: 'mfa' } });
    throw new DomainError('invalid_code');
  }
  await deletePendingLogin(db, idHash);
  await clearFailedAttempts(db, user.email);
  return openSession(db, user, policy, { ip: meta.ip, method });
}

/**
 * Removes a user's second factor and recovery codes, from the command line (`lagesbild user
 * reset-mfa`), which is trusted: it runs on the server with the database at hand. For a user who
 * has lost both the phone and the recovery codes; they log in with the password next (and enrol
 * again at once if their role requires it). Audited. False when no user has the address.
 */
export async function resetMfaFromCommandLine(db: Database, email: string): Promise<boolean> {
  const found = await findUserWithPassword(db, email.trim());
  if (!found) return false;
  await db.transaction(async (tx) => {
    await deleteMfa(tx, found.id);
    await recordAudit(tx, { municipalityId: found.municipalityId, userId: null, action: 'mfa.reset', subjectType: 'user', subjectId: found.id, details: { by: 'command line' } });
  });
  return true;
}
