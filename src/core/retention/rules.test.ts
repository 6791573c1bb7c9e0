import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors/index.ts';
import {
  COARSE_PRECISION_M, DEFAULT_RETENTION, coarseCentre, coarsenHistoryChanges, pseudonymFor, readRetentionRules, retentionCutoffs, validateRetentionRules,
} from './rules.ts';

test('a stored setting is read field by field; what is missing or out of range takes the default', () => {
  assert.deepEqual(readRetentionRules(undefined), DEFAULT_RETENTION);
  assert.deepEqual(readRetentionRules({ automatic: true, freeTextMonths: 6, auditLogYears: 0, coarsenPositionYears: 'x' }),
    { ...DEFAULT_RETENTION, automatic: true, freeTextMonths: 6 });
  assert.equal(readRetentionRules({ automatic: 'true' }).automatic, false, 'only a real true turns it on');
});

test('validation names every bad field; what is left out keeps its current value', () => {
  const current = { ...DEFAULT_RETENTION, closedAccountMonths: 3 };
  assert.deepEqual(validateRetentionRules({ freeTextMonths: 12 }, current), { ...current, freeTextMonths: 12 });
  try {
    validateRetentionRules({ freeTextMonths: 0, coarsenPositionYears: 51, closedAccountMonths: 1.5, auditLogYears: Number.NaN });
    assert.fail('accepted');
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.deepEqual(e.fields.map((f) => [f.field, f.code, f.params]), [
      ['freeTextMonths', 'too_small', { min: 1 }], ['coarsenPositionYears', 'too_large', { max: 50 }],
      ['closedAccountMonths', 'type', undefined], ['auditLogYears', 'type', undefined],
    ]);
  }
});

test('cut-offs count back calendar months and years', () => {
  const c = retentionCutoffs(DEFAULT_RETENTION, new Date('2026-12-04T02:00:00Z'));
  assert.equal(c.freeText.toISOString(), '2024-12-04T02:00:00.000Z');
  assert.equal(c.coarsenPositions.toISOString(), '2021-12-04T02:00:00.000Z');
  assert.equal(c.closedAccounts.toISOString(), '2025-12-04T02:00:00.000Z');
  assert.equal(c.auditLog.toISOString(), '2021-12-04T02:00:00.000Z');
});

test('a coordinate goes to its 100 m cell\'s centre; the precision covers the cell', () => {
  assert.equal(coarseCentre(350012.3), 350050);
  assert.equal(coarseCentre(350099.999), 350050);
  assert.equal(coarseCentre(350100), 350150);
  assert.equal(coarseCentre(coarseCentre(6419033.7)), coarseCentre(6419033.7), 'a centre stays');
  assert.equal(COARSE_PRECISION_M, 71);
});

test('history positions are coarsened, and an entry with nothing left to move reports null', () => {
  assert.deepEqual(coarsenHistoryChanges({ e: 350012.3, n: 6419033.7, description: null }), { e: 350050, n: 6419050, description: null });
  assert.deepEqual(coarsenHistoryChanges({ location: { from: { e: 1, n: 199 }, to: { e: 250, n: 10 } } }),
    { location: { from: { e: 50, n: 150 }, to: { e: 250, n: 50 } } });
  assert.equal(coarsenHistoryChanges({ e: 350050, n: 6419050 }), null);
  assert.equal(coarsenHistoryChanges({ reviewStatus: { from: 'new', to: 'reviewed' } }), null);
});

test('a pseudonym names no one, keeps erased accounts apart and can never receive mail', () => {
  const p = pseudonymFor('3f2a9c10-0000-4000-8000-000000000001');
  assert.equal(p.name, 'Borttagen användare 3f2a9c10');
  assert.equal(p.email, 'borttagen-3f2a9c10-0000-4000-8000-000000000001@borttagen.invalid');
  assert.notEqual(pseudonymFor('3f2a9c11-0000-4000-8000-000000000001').name, p.name);
});
