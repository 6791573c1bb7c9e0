import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Role } from '../../src/core/access/roles.ts';
import type { Me } from './api/types.ts';
import { may, mayMakePlace, session } from './session.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER_ORG = '00000000-0000-4000-8000-000000000002';

function login(roles: Role[]): void {
  session.value = {
    csrfToken: 't', municipalities: [{ id: '1489', name: 'Alingsås' }],
    user: {
      id: '00000000-0000-4000-8000-000000000009', municipalityId: '1489', organisationId: ORG, organisationName: 'Kommunen',
      email: 'a@example.se', name: 'A', roles, active: true, municipalities: ['1489'], lastLoginAt: null,
    },
  } satisfies Me;
}

test('nobody may do anything while logged out or while the session is being found out', () => {
  session.value = null;
  assert.equal(may('incident.create'), false);
  session.value = undefined;
  assert.equal(may('editions.read'), false);
});

// The web's buttons and admin pages were once shown by role; the policy table gives each role the same.
const SHOWN_TO: Array<[string, () => boolean, Role[]]> = [
  ['admin: organisations', () => may('organisations.manage'), ['admin']],
  ['admin: users', () => may('users.manage'), ['admin', 'coordinator']],
  ['admin: categories, areas, places, schedule', () => may('configuration.manage'), ['admin', 'coordinator']],
  ['admin: map tiles', () => may('settings.map'), ['admin']],
  ['users: the administrator role', () => may('users.manageAdmins'), ['admin']],
  ['action plan: edit', () => may('actionPlan.write'), ['coordinator']],
  ['measures: new', () => may('measures.create'), ['coordinator', 'areaGroup']],
  ['meetings: new, minutes, held', () => may('meetings.manage'), ['coordinator']],
  ['meetings: decide', () => may('decisions.make'), ['coordinator', 'areaGroup']],
  ['lägesbilder: new, publish, recompute, delete, narrative', () => may('editions.write'), ['coordinator']],
  ['hotspot → place', mayMakePlace, ['coordinator']],
];

test('each role sees what it saw when the web asked for roles', () => {
  for (const [what, shown, roles] of SHOWN_TO) {
    for (const role of ROLES) {
      login([role]);
      assert.equal(shown(), roles.includes(role), `${what} for ${role}`);
    }
  }
});

test('a measure: a coordinator edits every one, an area group its own organisation\'s, in its municipalities', () => {
  const measure = (organisationId: string, municipalityId = '1489') => ({ organisationId, municipalityId });
  login(['coordinator']);
  assert.equal(may('measure.edit', measure(OTHER_ORG)), true);
  login(['areaGroup']);
  assert.equal(may('measure.edit', measure(ORG)), true);
  assert.equal(may('measure.edit', measure(OTHER_ORG)), false);
  assert.equal(may('measure.edit', measure(ORG, '1440')), false);
  for (const role of ['reporter', 'viewer', 'admin'] as const) {
    login([role]);
    assert.equal(may('measure.edit', measure(ORG)), false, role);
  }
  session.value = null;
});
