import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oidcConfig } from './config.ts';

const ORG = '00000000-0000-4000-8000-000000000001';

test('the deployment\'s single sign-on from OIDC_*: off without them, all or nothing, checked at start', () => {
  assert.equal(oidcConfig({}), null);
  const p = oidcConfig({
    OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0/', OIDC_CLIENT_ID: 'client', OIDC_CLIENT_SECRET: 's3cret',
    OIDC_LABEL: 'Alingsås kommun', OIDC_CREATE_USERS: 'true', OIDC_GROUP_MAP: JSON.stringify([{ group: 'g', organisationId: ORG, roles: ['reporter'] }]),
  })!;
  assert.equal(p.id, 'default');
  assert.equal(p.municipalityId, null);
  assert.equal(p.issuer, 'https://login.microsoftonline.com/tenant-id/v2.0', 'a trailing slash dropped');
  assert.equal(p.userClaim, 'email', 'email by default');
  assert.equal(p.createUsers, true);
  assert.deepEqual(p.groupMapping, [{ group: 'g', organisationId: ORG, roles: ['reporter'] }]);
  assert.throws(() => oidcConfig({ OIDC_ISSUER: 'https://idp.example' }), /OIDC_ISSUER and OIDC_CLIENT_ID go together/);
  assert.throws(() => oidcConfig({ OIDC_ISSUER: 'http://idp.example', OIDC_CLIENT_ID: 'c' }), /must be an https address/);
  assert.ok(oidcConfig({ OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'c' }), 'plain http on this machine (tests)');
  assert.throws(() => oidcConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_USER_CLAIM: 'upn' }), /OIDC_USER_CLAIM must be one of/);
  assert.throws(() => oidcConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_CREATE_USERS: 'ja' }), /OIDC_CREATE_USERS must be true or false/);
  assert.throws(() => oidcConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_GROUP_MAP: '[{"group":"g","organisationId":"x","roles":["reporter"]}]' }), /entry 1 has no organisationId/);
  assert.throws(() => oidcConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_GROUP_MAP: `[{"group":"g","organisationId":"${ORG}","roles":["boss"]}]` }), /roles must be some of/);
});
