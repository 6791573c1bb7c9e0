import { test } from 'node:test';
import assert from 'node:assert/strict';
import { periodOf } from './lagesbild.ts';

test('without from/to the map shows the last 28 whole days in Swedish time, today included', () => {
  // 22:30 UTC on 29 March 2026 is 00:30 on 30 March in Sweden (summer time since that night).
  const p = periodOf({}, new Date('2026-03-29T22:30:00Z'));
  assert.equal(p.to.toISOString(), '2026-03-30T22:00:00.000Z', 'the end of 30 March');
  assert.equal(p.from.toISOString(), '2026-03-02T23:00:00.000Z', 'the start of 3 March (winter time)');
  const given = periodOf({ to: new Date('2026-01-01T23:00:00Z') });
  assert.equal(given.from.toISOString(), '2025-12-04T23:00:00.000Z');
});
