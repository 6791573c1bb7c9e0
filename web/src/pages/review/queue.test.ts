import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoursBetween, nextAfterRemoval, parseIncidentRef, reviewBody } from './queue.ts';

test('after a decision the next report is the one that followed, or the one before at the end', () => {
  assert.equal(nextAfterRemoval(['a', 'b', 'c'], 'a'), 'b');
  assert.equal(nextAfterRemoval(['a', 'b', 'c'], 'b'), 'c');
  assert.equal(nextAfterRemoval(['a', 'b', 'c'], 'c'), 'b');
  assert.equal(nextAfterRemoval(['a'], 'a'), null);
  assert.equal(nextAfterRemoval([], 'a'), null);
  assert.equal(nextAfterRemoval(['a', 'b'], 'x'), 'a');
});

test('a report id is found in a bare id or a pasted link', () => {
  const id = 'e41ce6a0-c3d5-4027-af72-d5c516fe2f4f';
  assert.equal(parseIncidentRef(id), id);
  assert.equal(parseIncidentRef(`  ${id.toUpperCase()} `), id);
  assert.equal(parseIncidentRef(`http://127.0.0.1:3000/#/granska?id=${id}`), id);
  assert.equal(parseIncidentRef('e41ce6a0'), null);
  assert.equal(parseIncidentRef(''), null);
});

test('hoursBetween is signed and rounded to a tenth', () => {
  assert.equal(hoursBetween('2026-11-23T10:00:00Z', '2026-11-23T13:30:00Z'), 3.5);
  assert.equal(hoursBetween('2026-11-23T13:30:00Z', '2026-11-23T10:00:00Z'), -3.5);
  assert.equal(hoursBetween('2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z'), 0);
});

test('the review body carries only the corrections that change something', () => {
  const inc = { categoryId: 'c1', visibility: 'normal' };
  assert.deepEqual(reviewBody(inc, { status: 'reviewed' }, { categoryId: 'c1', restricted: false }), { status: 'reviewed' });
  assert.deepEqual(reviewBody(inc, { status: 'reviewed' }, { categoryId: 'c2', restricted: true }), { status: 'reviewed', categoryId: 'c2', visibility: 'restricted' });
  assert.deepEqual(reviewBody({ categoryId: 'c1', visibility: 'restricted' }, { status: 'rejected' }, { categoryId: 'c1', restricted: false }), { status: 'rejected', visibility: 'normal' });
  assert.deepEqual(reviewBody(inc, { status: 'duplicate', duplicateOf: 'o1' }, { categoryId: 'c1', restricted: false }), { status: 'duplicate', duplicateOf: 'o1' });
  assert.deepEqual(reviewBody(inc, { status: 'reviewed', duplicateOf: 'o1' }, { categoryId: 'c1', restricted: false }), { status: 'reviewed' });
});
