import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS, POLICY, REACHES, can, reachOf, type Action, type RecordFacts } from './policy.ts';
import { ROLES, type Actor, type Role } from './roles.ts';

const actor = (roles: Role[], org = 'org-a', municipalities = ['1489']): Actor => ({
  userId: 'u', organisationId: org, municipalityId: municipalities[0], municipalities, roles,
});
const incident = (org: string, visibility: 'normal' | 'restricted' = 'normal', municipalityId = '1489'): RecordFacts => ({ organisationId: org, visibility, municipalityId });

test('every action names a reach for every role', () => {
  for (const action of ACTIONS) for (const role of ROLES) assert.ok(REACHES.includes(POLICY[action][role]), `${action} × ${role}`);
});

test('a reporter sees and edits only its own organisation\'s reports', () => {
  const a = actor(['reporter']);
  assert.equal(can(a, 'incident.read', incident('org-a')), true);
  assert.equal(can(a, 'incident.edit', incident('org-a')), true);
  assert.equal(can(a, 'incident.read', incident('org-b')), false);
  assert.equal(can(a, 'incident.edit', incident('org-b')), false);
});

test('restricted reports are visible to their organisation and coordinators only', () => {
  const r = incident('org-b', 'restricted');
  assert.equal(can(actor(['areaGroup']), 'incident.read', r), false);
  assert.equal(can(actor(['viewer']), 'incident.read', r), false);
  assert.equal(can(actor(['admin']), 'incident.read', r), false);
  assert.equal(can(actor(['coordinator']), 'incident.read', r), true);
  assert.equal(can(actor(['reporter'], 'org-b'), 'incident.read', r), true);
  assert.equal(can(actor(['areaGroup']), 'incident.read', incident('org-b')), true, 'not restricted: shared');
});

test('nobody sees another municipality unless granted', () => {
  const other = incident('org-a', 'normal', '1442');
  for (const role of ROLES) assert.equal(can(actor([role]), 'incident.read', other), false, role);
  assert.equal(can(actor(['coordinator'], 'org-a', ['1489', '1442']), 'incident.read', other), true);
});

test('review is for coordinators; viewers cannot report; only admins manage admins', () => {
  assert.equal(can(actor(['coordinator']), 'incident.review', incident('org-b')), true);
  assert.equal(can(actor(['areaGroup']), 'incident.review', incident('org-b')), false);
  assert.equal(can(actor(['viewer']), 'incident.create'), false);
  assert.equal(can(actor(['reporter']), 'incident.create'), true);
  assert.equal(can(actor(['coordinator']), 'users.manageAdmins'), false);
  assert.equal(can(actor(['coordinator']), 'users.manage'), true);
  assert.equal(can(actor(['admin']), 'users.manageAdmins'), true);
});

test('several roles reach as far as the furthest; acting on a report needs seeing it', () => {
  assert.equal(reachOf(actor(['reporter', 'viewer']), 'incident.read'), 'shared');
  assert.equal(reachOf(actor(['reporter', 'viewer']), 'incident.edit'), 'own');
  assert.equal(reachOf(actor([]), 'incident.read'), 'none');
  // An area group edits its own organisation's measures; a coordinator every one.
  const measure = { municipalityId: '1489', organisationId: 'org-b' };
  assert.equal(can(actor(['areaGroup']), 'measure.edit', measure), false);
  assert.equal(can(actor(['areaGroup'], 'org-b'), 'measure.edit', measure), true);
  assert.equal(can(actor(['coordinator']), 'measure.edit', measure), true);
});

test('the data-protection officer reads the audit trail and no report, not even an unrestricted one', () => {
  const dpo = actor(['dataProtection']);
  assert.equal(can(dpo, 'audit.read'), true);
  assert.equal(can(actor(['coordinator']), 'audit.read'), true);
  for (const role of ['reporter', 'areaGroup', 'viewer', 'admin'] as const) assert.equal(can(actor([role]), 'audit.read'), false, role);
  assert.equal(can(dpo, 'incident.read', incident('org-a')), false);
  assert.equal(can(dpo, 'incident.read', incident('org-b', 'restricted')), false);
  // Nothing but the audit trail and what every user has of their own account (a second factor,
  // their register extract): every other action is out of its reach.
  const own: string[] = ['audit.read', 'account.mfa', 'me.registerExtract'];
  for (const action of ACTIONS.filter((x) => !own.includes(x))) assert.equal(reachOf(dpo, action), 'none', action);
  for (const action of own) assert.equal(reachOf(dpo, action as Action), 'all', action);
});
