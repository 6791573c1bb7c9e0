/**
 * Single sign-on with OpenID Connect (issue 16 item 3): the authorization code flow with PKCE, state
 * and nonce, through openid-client. A provider is the deployment's (OIDC_ISSUER …, src/cli/config.ts)
 * or a municipality's own (Administration → Inloggning (SSO), the oidc_providers table).
 *
 * The login: `startSsoLogin` keeps the PKCE verifier and the nonce in the database under the hash of
 * a random state, which goes to the browser in the URL and in a cookie; `finishSsoLogin` takes that
 * row (once), exchanges the code, lets openid-client check the ID token (issuer, audience, expiry,
 * signature, nonce), finds or creates the account and opens the same session a password login does
 * (services/auth.ts `openSession`). No app-side second factor is asked for: the provider does MFA.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, forbidden, IssueCollector } from '../core/errors/index.ts';
import { displayNameOf, emailOf, groupsOf, identifyingValue, mappedAccess, matchesByEmail, type Claims } from '../core/sso/identity.ts';
import { DEPLOYMENT_PROVIDER, SSO_GRANTABLE_ROLES, type GroupMapping, type OidcProvider, type SsoRefusal, type UserClaim } from '../core/sso/types.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import {
  deleteOidcProvider, findUserByEmailForSso, findUserByOidcSubject, getOidcProvider, insertPendingLogin, linkOidcIdentity,
  listOidcProviders, organisationHome, putOidcProvider, takePendingLogin, type LinkedUser,
} from '../db/repositories/sso.ts';
import { emailTaken, getUser, insertUser } from '../db/repositories/users.ts';
import { DEFAULT_SIGN_IN, openSession, type SessionInfo, type SignInPolicy } from './auth.ts';

/** What the server was started with: the deployment's provider, and where users reach the app. */
export interface SsoSettings {
  /** The deployment's provider from the environment (id `default`), or null. */
  deployment: OidcProvider | null;
  /** PUBLIC_URL when it is set: the base of the redirect URI; else the address the request came to. */
  publicUrl: string | null;
  /** The session lifetimes (the second factor is the provider's business). Absent: DEFAULT_SIGN_IN. */
  signIn?: SignInPolicy;
}

/** How long a login may stay at the provider. */
export const PENDING_LOGIN_MS = 10 * 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A refused single sign-on, with the reason the login page explains. */
export class SsoLoginRefused extends Error {
  constructor(readonly reason: SsoRefusal) {
    super(`single sign-on refused: ${reason}`);
    this.name = 'SsoLoginRefused';
  }
}

/** The redirect URI of a provider, to register at the provider and to send with every login. */
export function callbackUrl(s: SsoSettings, origin: string, providerId: string): string {
  return `${(s.publicUrl ?? origin).replace(/\/+$/, '')}/api/auth/oidc/${providerId}/callback`;
}

/** A provider that may be used to log in now, by its name in the URL. */
async function usableProvider(db: Database, s: SsoSettings, id: string): Promise<OidcProvider | null> {
  if (id === DEPLOYMENT_PROVIDER) return s.deployment;
  if (!/^[0-9]{4}$/.test(id)) return null;
  const p = await getOidcProvider(db, id);
  return p?.enabled ? p : null;
}

/** The sign-in buttons of the login page: the deployment's provider first, then the municipalities' that are on. */
export async function listSsoButtons(db: Database, s: SsoSettings): Promise<Array<{ id: string; label: string }>> {
  const own = (await listOidcProviders(db)).filter((p) => p.enabled);
  return [...(s.deployment ? [s.deployment] : []), ...own].map((p) => ({ id: p.id, label: p.label }));
}

/**
 * A loopback issuer over plain HTTP is a test's or a developer's; anything else must be HTTPS, which
 * openid-client insists on unless told otherwise.
 */
const isLoopback = (issuer: string) => /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(issuer);

/** Discovered configurations, per provider settings, for an hour (a failed discovery is not kept). */
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

function configurationOf(p: OidcProvider): Promise<oidc.Configuration> {
  const key = sha256(JSON.stringify([p.issuer, p.clientId, p.clientSecret]));
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const config = oidc.discovery(new URL(p.issuer), p.clientId, p.clientSecret ? { client_secret: p.clientSecret } : undefined,
    // Without a secret the client is public and PKCE alone proves it is the one that started the login.
    p.clientSecret ? undefined : oidc.None(),
    { timeout: 10, ...(isLoopback(p.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}) });
  discovered.set(key, { at: Date.now(), config });
  config.catch(() => discovered.delete(key));
  return config;
}

/**
 * Begins a login at a provider: where to send the browser, and the state for the cookie that ties
 * the answer to this browser. Null when there is no such provider (or it is switched off).
 */
export async function startSsoLogin(db: Database, s: SsoSettings, providerId: string, origin: string): Promise<{ url: string; state: string } | null> {
  const p = await usableProvider(db, s, providerId);
  if (!p) return null;
  const config = await configurationOf(p);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const redirectUri = callbackUrl(s, origin, p.id);
  await insertPendingLogin(db, sha256(state), { provider: p.id, codeVerifier, nonce, redirectUri }, PENDING_LOGIN_MS);
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where a failed attempt is audited: the provider's municipality, else the account's, else the deployment's log. */
async function refuse(db: Database, p: OidcProvider | null, providerId: string, reason: SsoRefusal, extra: Record<string, unknown> & { user?: LinkedUser | null; ip?: string }): Promise<never> {
  const { user, ...details } = extra;
  await recordAudit(db, {
    municipalityId: p?.municipalityId ?? user?.municipalityId ?? null, userId: user?.id ?? null, action: 'login.failed',
    details: { method: 'oidc', provider: providerId, reason, ...details },
  });
  throw new SsoLoginRefused(reason);
}

/**
 * Finishes a login with the provider's answer (the callback URL as the browser requested it) and the
 * state from the cookie. Opens a session, or throws SsoLoginRefused after auditing why. The audit
 * never holds a code or a token.
 */
export async function finishSsoLogin(db: Database, s: SsoSettings, providerId: string, input: { query: URLSearchParams; cookieState: string | undefined; ip?: string }): Promise<{ token: string; session: SessionInfo }> {
  const { query, ip } = input;
  const p = await usableProvider(db, s, providerId);
  if (!p) return refuse(db, null, providerId, 'unknown_provider', { ip });
  const state = query.get('state');
  // The state must be the one this browser was sent off with (the cookie) and a login under way.
  if (!state || !input.cookieState || !sameString(state, input.cookieState)) return refuse(db, p, providerId, 'expired', { ip, why: 'state' });
  const pending = await takePendingLogin(db, sha256(state));
  if (!pending || pending.provider !== p.id) return refuse(db, p, providerId, 'expired', { ip, why: 'unknown state' });
  const idpError = query.get('error');
  if (idpError) return refuse(db, p, providerId, 'idp_error', { ip, error: idpError.slice(0, 100) });

  let claims: Claims;
  try {
    const config = await configurationOf(p);
    const current = new URL(pending.redirectUri);
    current.search = query.toString();
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier, expectedNonce: pending.nonce, expectedState: state, idTokenExpected: true,
    });
    claims = { ...tokens.claims() } as Claims;
    // Entra ID puts e-mail and groups in the ID token only when asked to (optional claims); a
    // provider that keeps them for the userinfo endpoint is asked there.
    if (identifyingValue(claims, p.userClaim) === null && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (e) {
    return refuse(db, p, providerId, 'failed', { ip, error: (e as Error).message.slice(0, 300) });
  }

  const subject = String(claims.sub);
  const issuer = String(claims.iss);
  const value = identifyingValue(claims, p.userClaim);
  if (value === null) return refuse(db, p, providerId, 'claim_missing', { ip, claim: p.userClaim, subject });
  const user = await accountFor(db, p, providerId, { issuer, subject, claims, value, ip });
  if (!user.active) return refuse(db, p, providerId, 'disabled', { ip, subject, user });
  const { oidcIssuer: _i, oidcSubject: _s, ...plain } = user;
  return openSession(db, plain, s.signIn ?? DEFAULT_SIGN_IN, { ip, method: 'oidc', provider: providerId });
}

/**
 * The account of the identity: the one linked to it, else (when the claim is an e-mail address) the
 * one with that address, which is then linked; else a new one when the provider may create users
 * and one of the user's groups is mapped. A municipality's provider reaches only that
 * municipality's accounts: its IdP cannot speak for the users of another.
 */
async function accountFor(db: Database, p: OidcProvider, providerId: string, id: { issuer: string; subject: string; claims: Claims; value: string; ip?: string }): Promise<LinkedUser> {
  const { issuer, subject, claims, ip } = id;
  const ours = (u: LinkedUser | null) => (u && (p.municipalityId === null || u.municipalityId === p.municipalityId) ? u : null);
  const linked = ours(await findUserByOidcSubject(db, issuer, subject));
  if (linked) return linked;
  const email = emailOf(claims, p.userClaim);
  if (email && matchesByEmail(p.userClaim)) {
    const byEmail = ours(await findUserByEmailForSso(db, email));
    if (byEmail) {
      // Another identity at the same provider already owns this account: the address was moved.
      if (byEmail.oidcIssuer === issuer && byEmail.oidcSubject !== subject) return refuse(db, p, providerId, 'conflict', { ip, subject, user: byEmail });
      if (byEmail.active) await linkOidcIdentity(db, byEmail.id, issuer, subject);
      return { ...byEmail, oidcIssuer: issuer, oidcSubject: subject };
    }
  }
  if (!p.createUsers) return refuse(db, p, providerId, 'unknown_user', { ip, subject, [p.userClaim]: id.value });
  const access = mappedAccess(p.groupMapping, groupsOf(claims));
  if (!access || !email) return refuse(db, p, providerId, 'no_group', { ip, subject, [p.userClaim]: id.value, groups: groupsOf(claims).slice(0, 50) });
  const org = await organisationHome(db, access.organisationId);
  if (!org || !org.active || (p.municipalityId !== null && org.municipalityId !== p.municipalityId)) return refuse(db, p, providerId, 'no_group', { ip, subject, organisation: access.organisationId });
  if (await emailTaken(db, email)) return refuse(db, p, providerId, 'conflict', { ip, subject, [p.userClaim]: id.value });
  const userId = await db.transaction(async (tx) => {
    const created = await insertUser(tx, { municipalityId: org.municipalityId, organisationId: access.organisationId, email, name: displayNameOf(claims, email), roles: access.roles, passwordHash: null });
    await linkOidcIdentity(tx, created, issuer, subject);
    await recordAudit(tx, { municipalityId: org.municipalityId, userId: null, action: 'user.create', subjectType: 'user', subjectId: created, details: { method: 'oidc', provider: providerId, roles: access.roles, organisationId: access.organisationId } });
    return created;
  });
  const user = await getUser(db, userId, [org.municipalityId]);
  return { ...user!, oidcIssuer: issuer, oidcSubject: subject };
}

// ---------------------------------------------------------------------------------------------
// The municipality's provider, as its administrators set it (Administration → Inloggning (SSO)).

export interface SsoSettingView {
  provider: (Omit<OidcProvider, 'id' | 'municipalityId' | 'clientSecret'> & { hasSecret: boolean }) | null;
  callbackUrl: string;
  deploymentProvider: string | null;
}

/** The actor's home municipality's provider, without its secret. */
export async function getSsoSetting(db: Database, s: SsoSettings, a: Actor, origin: string): Promise<SsoSettingView> {
  if (!can(a, 'sso.manage')) throw forbidden();
  const p = await getOidcProvider(db, a.municipalityId);
  const view = p ? (({ id: _id, municipalityId: _m, clientSecret, ...rest }) => ({ ...rest, hasSecret: clientSecret !== null }))(p) : null;
  return { provider: view, callbackUrl: callbackUrl(s, origin, a.municipalityId), deploymentProvider: s.deployment?.label ?? null };
}

export interface SsoSettingInput {
  label: string; issuer: string; clientId: string; clientSecret?: string | null; userClaim: UserClaim;
  groupMapping: GroupMapping[]; createUsers: boolean; enabled: boolean;
}

/** Sets the actor's home municipality's provider. The secret is kept when none is sent, removed when null is. */
export async function putSsoSetting(db: Database, s: SsoSettings, a: Actor, input: SsoSettingInput, origin: string): Promise<SsoSettingView> {
  if (!can(a, 'sso.manage')) throw forbidden();
  const issues = new IssueCollector();
  const issuer = input.issuer.trim().replace(/\/+$/, '');
  let url: URL | null = null;
  try { url = new URL(issuer); } catch { /* named below */ }
  if (!url || (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(issuer)))) issues.add('issuer', 'format');
  for (const [i, m] of input.groupMapping.entries()) {
    // The coordinator's role is not the administrator's to hand out (core/sso/types.ts).
    for (const r of m.roles) if (!SSO_GRANTABLE_ROLES.includes(r) || (r === 'admin' && !can(a, 'users.manageAdmins'))) issues.add(`groupMapping[${i}].roles`, 'not_permitted');
    const org = await organisationHome(db, m.organisationId);
    if (!org || org.municipalityId !== a.municipalityId) issues.add(`groupMapping[${i}].organisationId`, 'unknown_reference');
  }
  issues.throwIfAny();
  const row = {
    municipalityId: a.municipalityId, label: input.label.trim(), issuer, clientId: input.clientId.trim(),
    clientSecret: input.clientSecret ?? null, userClaim: input.userClaim,
    groupMapping: input.groupMapping.map((m) => ({ group: m.group.trim(), organisationId: m.organisationId, roles: m.roles })),
    createUsers: input.createUsers, enabled: input.enabled,
  };
  await db.transaction(async (tx) => {
    await putOidcProvider(tx, { ...row, removeSecret: input.clientSecret === null });
    // What changed, never the secret itself.
    const { clientSecret: _, ...logged } = row;
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: a.userId, action: 'settings.sso', details: { ...logged, secret: input.clientSecret === undefined ? 'kept' : input.clientSecret === null ? 'removed' : 'set' } });
  });
  return getSsoSetting(db, s, a, origin);
}

export async function deleteSsoSetting(db: Database, a: Actor): Promise<void> {
  if (!can(a, 'sso.manage')) throw forbidden();
  await db.transaction(async (tx) => {
    if (!(await deleteOidcProvider(tx, a.municipalityId))) throw new DomainError('not_found', [], { what: 'sso' });
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: a.userId, action: 'settings.sso', details: { removed: true } });
  });
}
