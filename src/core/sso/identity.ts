/**
 * What an ID token says about the user, read without I/O: the value of the identifying claim, the
 * e-mail address and name for a new account, and the organisation and roles its groups give.
 */
import type { Role } from '../access/roles.ts';
import type { GroupMapping, UserClaim } from './types.ts';

export type Claims = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The value of the claim that names the user, or null when the token lacks it. */
export function identifyingValue(claims: Claims, claim: UserClaim): string | null {
  return str(claims[claim]);
}

/**
 * The e-mail address an account is matched by (or created with): the identifying claim itself when
 * it is an address (email, preferred_username — Entra ID's user principal name), else the `email`
 * claim. Null when there is no address: an opaque id (oid, sub) matches no account by itself.
 */
export function emailOf(claims: Claims, claim: UserClaim): string | null {
  const candidates = claim === 'email' || claim === 'preferred_username' ? [claims[claim]] : [claims.email, claims.preferred_username];
  for (const c of candidates) {
    const v = str(c);
    if (v && EMAIL.test(v) && v.length <= 254) return v.toLowerCase();
  }
  return null;
}

/** Whether the identifying claim is an address that may match an existing account's. */
export const matchesByEmail = (claim: UserClaim) => claim === 'email' || claim === 'preferred_username';

/** The display name for a new account: `name`, else given and family name, else the address. */
export function displayNameOf(claims: Claims, email: string): string {
  const joined = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ');
  return (str(claims.name) ?? (joined || email)).slice(0, 200);
}

/** The `groups` claim as a list of strings (absent or malformed: none). */
export function groupsOf(claims: Claims): string[] {
  const g = claims.groups;
  return Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : [];
}

/** The first mapping (in the administrator's order) whose group the user is in, or null. */
export function mappedAccess(mapping: readonly GroupMapping[], groups: readonly string[]): { organisationId: string; roles: Role[] } | null {
  const set = new Set(groups);
  const hit = mapping.find((m) => set.has(m.group));
  return hit ? { organisationId: hit.organisationId, roles: [...hit.roles] } : null;
}
