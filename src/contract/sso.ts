/** Single sign-on with OpenID Connect: the login page's buttons and a municipality's provider settings. */
import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../core/access/roles.ts';
import { USER_CLAIMS } from '../core/sso/types.ts';
import { Nullable, StringEnum, Uuid } from './common.ts';

/** A sign-in button of the login page: GET /api/auth/oidc/{id}/start begins the login. */
export const SsoButton = Type.Object({
  id: Type.String({ description: '`default` for the deployment\'s provider, else the municipality\'s code' }),
  label: Type.String({ description: 'Shown as "Logga in med <label>"' }),
});
export type SsoButton = Static<typeof SsoButton>;

export const SsoProviderParams = Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40, description: '`default` or a municipality\'s code' }) });

export const GroupMapping = Type.Object({
  group: Type.String({ minLength: 1, maxLength: 200, description: 'A value of the `groups` claim (in Entra ID the group\'s object id)' }),
  organisationId: Uuid,
  roles: Type.Array(StringEnum(ROLES), { minItems: 1, uniqueItems: true }),
}, { additionalProperties: false });

/** A municipality's provider as the administrators see it: never the secret, only whether one is stored. */
export const SsoSetting = Type.Object({
  provider: Nullable(Type.Object({
    label: Type.String(),
    issuer: Type.String(),
    clientId: Type.String(),
    hasSecret: Type.Boolean(),
    userClaim: StringEnum(USER_CLAIMS),
    groupMapping: Type.Array(GroupMapping),
    createUsers: Type.Boolean(),
    enabled: Type.Boolean(),
  })),
  /** The redirect URI to register at the provider. */
  callbackUrl: Type.String(),
  /** Whether the deployment has a provider of its own (OIDC_ISSUER), shown beside the municipality's. */
  deploymentProvider: Nullable(Type.String({ description: 'Its label' })),
});
export type SsoSetting = Static<typeof SsoSetting>;

export const SsoSettingInput = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 100 }),
  issuer: Type.String({ minLength: 8, maxLength: 500 }),
  clientId: Type.String({ minLength: 1, maxLength: 255 }),
  clientSecret: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1000 }), { description: 'Absent: keep the stored secret; null: remove it (PKCE alone)' })),
  userClaim: StringEnum(USER_CLAIMS),
  groupMapping: Type.Array(GroupMapping, { maxItems: 100 }),
  createUsers: Type.Boolean(),
  enabled: Type.Boolean(),
}, { additionalProperties: false });
export type SsoSettingInput = Static<typeof SsoSettingInput>;
