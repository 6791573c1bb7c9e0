import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canSeeIncident, canEditIncident, canReview, canCreateIncident, canGrantRole, type Actor, type Role } from './roles.ts';

const actor = (roles: Role[], org = 'org-a', municipalities = ['1489']): Actor => ({
  userId: 'u', organisationId: org, municipalityId: municipalities[0], municipalities, roles,
});
const incident = (org: string, visibility: 'normal' | 'restricted' = 'normal', municipalityId = '1489') => ({ organisationId: org, visibility, municipalityId });

test('a reporter sees and edits only its own organisation\'s reports', () => {
  const a = actor(['reporter']);
  assert.equal(canSeeIncident(a, incident('org-a')), true);
  assert.equal(canEditIncident(a, incident('org-a')), true);
  assert.equal(canSeeIncident(a, incident('org-b')), false);
  assert.equal(canEditIncident(a, incident('org-b')), false);
});

test('restricted reports are visible to their organisation and coordinators only', () => {
  const r = incident('org-b', 'restricted');
  assert.equal(canSeeIncident(actor(['areaGroup']), r), false);
  assert.equal(canSeeIncident(actor(['viewer']), r), false);
  assert.equal(canSeeIncident(actor(['admin']), r), false);
  assert.equal(canSeeIncident(actor(['coordinator']), r), true);
  assert.equal(canSeeIncident(actor(['reporter'], 'org-b'), r), true);
});

test('nobody sees another municipality unless granted', () => {
  const other = incident('org-a', 'normal', '1442');
  for (const role of ['reporter', 'coordinator', 'areaGroup', 'viewer', 'admin'] as Role[]) {
    assert.equal(canSeeIncident(actor([role]), other), false, role);
  }
  assert.equal(canSeeIncident(actor(['coordinator'], 'org-a', ['1489', '1442']), other), true);
});

test('review is for coordinators; viewers cannot report; only admins grant admin', () => {
  assert.equal(canReview(actor(['coordinator']), incident('org-b')), true);
  assert.equal(canReview(actor(['areaGroup']), incident('org-b')), false);
  assert.equal(canCreateIncident(actor(['viewer'])), false);
  assert.equal(canCreateIncident(actor(['reporter'])), true);
  assert.equal(canGrantRole(actor(['coordinator']), 'admin'), false);
  assert.equal(canGrantRole(actor(['coordinator']), 'reporter'), true);
  assert.equal(canGrantRole(actor(['admin']), 'admin'), true);
});
