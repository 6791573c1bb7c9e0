import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLE_CHOICES, parseRoleList, parseRoleName } from './role-names.ts';

test('the Swedish role names of the README and the interface, with and without å/ä/ö, name the roles', () => {
  const cases: Array<[string, string]> = [
    ['samordnare', 'coordinator'], ['Samordnare', 'coordinator'],
    ['rapportör', 'reporter'], ['rapportor', 'reporter'], ['RAPPORTÖR', 'reporter'],
    ['områdesgrupp', 'areaGroup'], ['omradesgrupp', 'areaGroup'], ['Områdes-grupp', 'areaGroup'],
    ['läsare', 'viewer'], ['lasare', 'viewer'],
    ['administratör', 'admin'], ['administrator', 'admin'], ['admin', 'admin'],
  ];
  for (const [name, role] of cases) assert.equal(parseRoleName(name), role, name);
});

test('the English identifiers and names are accepted as well', () => {
  const cases: Array<[string, string]> = [
    ['reporter', 'reporter'], ['coordinator', 'coordinator'], ['areaGroup', 'areaGroup'], ['areagroup', 'areaGroup'],
    ['area group', 'areaGroup'], ['area_group', 'areaGroup'], ['viewer', 'viewer'], ['Administrator', 'admin'],
  ];
  for (const [name, role] of cases) assert.equal(parseRoleName(name), role, name);
});

test('a name that is no role is null, also a near miss', () => {
  for (const name of ['chef', '', '  ', 'samordnar', 'rapport', 'läs', 'superadmin']) assert.equal(parseRoleName(name), null, name);
});

test('a list takes several arguments and commas, drops repeats and reports every unknown name', () => {
  assert.deepEqual(parseRoleList(['samordnare,läsare', 'coordinator', ' rapportor ']), { roles: ['coordinator', 'viewer', 'reporter'], unknown: [] });
  assert.deepEqual(parseRoleList(['chef', 'samordnare', 'boss,']), { roles: ['coordinator'], unknown: ['chef', 'boss'] });
  assert.deepEqual(parseRoleList([]), { roles: [], unknown: [] });
});

test('the choices a message lists name every role in Swedish and as stored', () => {
  assert.deepEqual(ROLE_CHOICES, ['rapportör (reporter)', 'samordnare (coordinator)', 'områdesgrupp (areaGroup)', 'läsare (viewer)', 'administratör (admin)', 'dataskyddsombud (dataProtection)']);
  for (const c of ROLE_CHOICES) assert.ok(parseRoleName(c.split(' ')[0]), c);
});

test('the data-protection officer: dataskyddsombud on the command line, its English name and identifier', () => {
  for (const name of ['dataskyddsombud', 'Dataskyddsombud', 'DATASKYDDSOMBUD', 'dataProtection', 'data protection officer', 'Data-protection-officer']) {
    assert.equal(parseRoleName(name), 'dataProtection', name);
  }
  assert.ok(ROLE_CHOICES.includes('dataskyddsombud (dataProtection)'));
});
