import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRestoreMigrations } from './migrations.ts';
import { BackupRefusal } from './refusal.ts';

const shipped = [{ version: 1, name: 'init' }, { version: 2, name: 'photos' }, { version: 9, name: 'outside' }, { version: 10, name: 'orgs' }];

test('a backup at this build\'s level restores as it is; an older one gets the newer migrations after its rows', () => {
  assert.deepEqual(planRestoreMigrations(shipped, shipped, 'k'), { atBackup: shipped, newer: [] });
  assert.deepEqual(planRestoreMigrations(shipped.slice(0, 2), shipped, 'k'), { atBackup: shipped.slice(0, 2), newer: shipped.slice(2) });
});

test('a backup from a newer schema names the migration this build lacks and what to do', () => {
  assert.throws(() => planRestoreMigrations([...shipped, { version: 11, name: 'setup_token' }], shipped, 'kopia.lbk'), (e: unknown) => {
    assert.ok(e instanceof BackupRefusal);
    assert.equal(e.code, 'schema_newer');
    assert.match(e.sv, /nyare version av Lägesbild: dess databas har migreringen 0011_setup_token som den här versionen inte har \(den har till och med 0010_orgs\)\. Uppdatera Lägesbild/);
    assert.match(e.en, /comes from a newer version of Lägesbild: its database has migration 0011_setup_token/);
    return true;
  });
});

test('migrations this build does not know, or knows under another name, are refused', () => {
  for (const backup of [
    [{ version: 1, name: 'init' }, { version: 2, name: 'pictures' }],
    [{ version: 1, name: 'init' }, { version: 9, name: 'outside' }],
    [{ version: 1, name: 'init' }, { version: 3, name: 'photos' }],
  ]) {
    assert.throws(() => planRestoreMigrations(backup, shipped, 'k'), (e: unknown) => e instanceof BackupRefusal && e.code === 'schema_differs' && /som nummer 2 har kopian/.test(e.message), JSON.stringify(backup));
  }
});
