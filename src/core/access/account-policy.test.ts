import { test } from 'node:test';
import assert from 'node:assert/strict';
import { administersOrganisation, mayGrantRole, mayManageAccount } from './policy.ts';
import type { Actor, Role } from './roles.ts';

const actor = (roles: Role[], org = 'kommun', municipalities = ['1489']): Actor => ({
  userId: 'u', organisationId: org, municipalityId: municipalities[0], municipalities, roles,
});
const kommun = { id: 'kommun', municipalityId: '1489', kind: 'forvaltning' };
const bolag = { id: 'bolag', municipalityId: '1489', kind: 'kommunalt_bolag' };
const polisen = { id: 'polisen', municipalityId: '1489', kind: 'polis' };
const vargarda = { id: 'vk', municipalityId: '1442', kind: 'forvaltning' };

test('administrators and coordinators administer their municipalities\' organisations, the police only from inside', () => {
  for (const roles of [['admin'], ['coordinator']] as Role[][]) {
    assert.equal(administersOrganisation(actor(roles), kommun), true);
    assert.equal(administersOrganisation(actor(roles), bolag), true);
    assert.equal(administersOrganisation(actor(roles), polisen), false, `${roles} of the municipality cannot take over a police account`);
    assert.equal(administersOrganisation(actor(roles, 'polisen'), polisen), true, 'the police\'s own administrator or coordinator can');
    assert.equal(administersOrganisation(actor(roles), vargarda), false, 'another municipality\'s organisation');
  }
  for (const roles of [['reporter'], ['areaGroup'], ['viewer']] as Role[][]) assert.equal(administersOrganisation(actor(roles), kommun), false);
});

test('only a coordinator grants the coordinator role, only an administrator the administrator role', () => {
  assert.equal(mayGrantRole(actor(['admin']), 'coordinator'), false);
  assert.equal(mayGrantRole(actor(['admin']), 'admin'), true);
  assert.equal(mayGrantRole(actor(['coordinator']), 'coordinator'), true);
  assert.equal(mayGrantRole(actor(['coordinator']), 'admin'), false);
  for (const r of ['reporter', 'areaGroup', 'viewer'] as Role[]) {
    assert.equal(mayGrantRole(actor(['admin']), r), true);
    assert.equal(mayGrantRole(actor(['coordinator']), r), true);
    assert.equal(mayGrantRole(actor(['viewer']), r), false);
  }
});

test('managing an account needs its organisation, every role it holds, and for a coordinator all its municipalities', () => {
  const user = (roles: Role[], organisation = kommun, municipalities = ['1489']) => ({ organisation, roles, municipalities });
  assert.equal(mayManageAccount(actor(['admin']), user(['reporter'], bolag)), true);
  assert.equal(mayManageAccount(actor(['admin']), user(['coordinator'])), false, 'an administrator cannot manage a coordinator');
  assert.equal(mayManageAccount(actor(['coordinator']), user(['admin'])), false);
  assert.equal(mayManageAccount(actor(['coordinator']), user(['reporter'], polisen)), false);
  assert.equal(mayManageAccount(actor(['coordinator']), user(['coordinator'])), true);
  assert.equal(mayManageAccount(actor(['coordinator']), user(['coordinator'], kommun, ['1489', '1442'])), false, 'a coordinator who also reaches Vårgårda');
  assert.equal(mayManageAccount(actor(['coordinator'], 'kommun', ['1489', '1442']), user(['coordinator'], kommun, ['1489', '1442'])), true);
  assert.equal(mayManageAccount(actor(['admin', 'coordinator']), user(['admin', 'coordinator'])), true);
});
