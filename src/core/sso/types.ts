/** Single sign-on with OpenID Connect: what a provider is configured with, and why a login is refused. */
import type { Role } from '../access/roles.ts';

/** The claim of the ID token that names the user. email and preferred_username match an account's e-mail address. */
export const USER_CLAIMS = ['email', 'preferred_username', 'oid', 'sub'] as const;
export type UserClaim = (typeof USER_CLAIMS)[number];

/** One group of the `groups` claim, and the organisation and roles an account created for its members gets. */
export interface GroupMapping {
  group: string;
  organisationId: string;
  roles: Role[];
}

/** An OpenID provider as the login uses it: the deployment's (environment) or a municipality's (table). */
export interface OidcProvider {
  /** Its name in the URLs: `default` for the deployment's, else the municipality's code. */
  id: string;
  /** The municipality whose provider it is; null: the deployment's, for users of every municipality. */
  municipalityId: string | null;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  userClaim: UserClaim;
  groupMapping: GroupMapping[];
  createUsers: boolean;
  enabled: boolean;
}

/** The name of the deployment's provider (OIDC_ISSUER …) in its URLs. */
export const DEPLOYMENT_PROVIDER = 'default';

/**
 * Why a single sign-on was refused, as the web app's login page explains it (?sso=<reason>):
 * - `idp_error`: the provider answered with an error (the user cancelled, no consent);
 * - `expired`: the login under way is unknown, used or older than ten minutes (or the state is wrong);
 * - `failed`: the answer did not hold up (code exchange, ID token, nonce) or the provider could not be reached;
 * - `unknown_provider`: no such provider is configured;
 * - `claim_missing`: the ID token lacks the claim that names the user;
 * - `unknown_user`: no account matches and the provider may not create one;
 * - `no_group`: an account may be created, but none of the user's groups is mapped;
 * - `disabled`: the account is disabled;
 * - `conflict`: the account is already linked to another identity at the same provider, or the e-mail address is another account's.
 */
export const SSO_REFUSALS = ['idp_error', 'expired', 'failed', 'unknown_provider', 'claim_missing', 'unknown_user', 'no_group', 'disabled', 'conflict'] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/**
 * The roles a group mapping may hand out. Not the coordinator's: it reads restricted reports and
 * only a coordinator may grant it (issue 16 item 5), while these settings are an administrator's. A
 * coordinator signs in through the provider with an account made by a coordinator.
 */
export const SSO_GRANTABLE_ROLES: readonly Role[] = ['reporter', 'areaGroup', 'viewer', 'admin'];
