import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayNameOf, emailOf, groupsOf, identifyingValue, mappedAccess, matchesByEmail } from './identity.ts';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';

test('the identifying claim, and the e-mail address an account is matched by or created with', () => {
  const entra = { sub: 'pairwise-sub', oid: 'object-id', email: ' Anna.Berg@Alingsas.se ', preferred_username: 'anna.berg@kommun.alingsas.se' };
  assert.equal(identifyingValue(entra, 'oid'), 'object-id');
  assert.equal(identifyingValue({ sub: 'x', email: '  ' }, 'email'), null, 'a blank claim is no claim');
  assert.equal(emailOf(entra, 'email'), 'anna.berg@alingsas.se');
  assert.equal(emailOf(entra, 'preferred_username'), 'anna.berg@kommun.alingsas.se', 'the UPN when that is the claim');
  assert.equal(emailOf(entra, 'oid'), 'anna.berg@alingsas.se', 'an opaque id: the email claim for a new account');
  assert.equal(emailOf({ preferred_username: 'abc123' }, 'preferred_username'), null, 'a user name that is no address');
  assert.ok(matchesByEmail('email') && matchesByEmail('preferred_username'));
  assert.ok(!matchesByEmail('oid') && !matchesByEmail('sub'), 'an opaque id matches no account by address');
});

test('names and groups from the token', () => {
  assert.equal(displayNameOf({ name: 'Anna Berg' }, 'a@b.se'), 'Anna Berg');
  assert.equal(displayNameOf({ given_name: 'Anna', family_name: 'Berg' }, 'a@b.se'), 'Anna Berg');
  assert.equal(displayNameOf({}, 'a@b.se'), 'a@b.se');
  assert.deepEqual(groupsOf({ groups: ['g1', 7, 'g2'] }), ['g1', 'g2']);
  assert.deepEqual(groupsOf({ groups: 'g1' }), [], 'not a list: no groups');
});

test('the first mapping whose group the user is in decides the organisation and roles', () => {
  const mapping = [
    { group: 'trygghet', organisationId: ORG_A, roles: ['areaGroup' as const] },
    { group: 'alla', organisationId: ORG_B, roles: ['reporter' as const] },
  ];
  assert.deepEqual(mappedAccess(mapping, ['alla', 'trygghet']), { organisationId: ORG_A, roles: ['areaGroup'] }, 'the list\'s order, not the token\'s');
  assert.deepEqual(mappedAccess(mapping, ['alla']), { organisationId: ORG_B, roles: ['reporter'] });
  assert.equal(mappedAccess(mapping, ['annan']), null);
  assert.equal(mappedAccess([], ['alla']), null);
});
