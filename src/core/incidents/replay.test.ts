import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { replayDifferences } from './replay.ts';

describe('a report sent again under its client id', () => {
  const stored = {
    categoryId: 'c1', occurredFrom: '2026-12-03T10:00:00.000Z', occurredTo: '2026-12-03T10:00:00.000Z', e: 353586.951234, n: 6423563.361234,
    placeId: null, placeName: 'Stora torget', description: 'Klotter på gaveln', reportedToPolice: null, assessment: 3, visibility: 'normal',
    positionPrecision: 'gps', precisionM: null,
  };
  const at = new Date('2026-12-03T10:00:00Z');

  test('the same body is the same report, defaults and rounding tolerated', () => {
    assert.deepEqual(replayDifferences(stored, { sameCategory: true, occurredFrom: at, occurredTo: at, e: 353586.95, n: 6423563.36, placeName: 'Stora torget', description: 'Klotter på gaveln', assessment: 3 }), []);
    // What the retry leaves out is not compared (the stored default stands).
    assert.deepEqual(replayDifferences(stored, { sameCategory: true }), []);
    assert.deepEqual(replayDifferences({ ...stored, description: null }, { sameCategory: true, description: '' }), []);
  });

  test('any meaningful field that differs makes it another report', () => {
    assert.deepEqual(replayDifferences(stored, { sameCategory: false }), ['categoryId']);
    assert.deepEqual(replayDifferences(stored, { sameCategory: true, occurredFrom: new Date('2026-12-03T11:00:00Z'), occurredTo: new Date('2026-12-03T11:00:00Z') }), ['occurredFrom', 'occurredTo']);
    assert.deepEqual(replayDifferences(stored, { sameCategory: true, e: 353596.95, n: 6423563.36 }), ['location']);
    assert.deepEqual(replayDifferences(stored, { sameCategory: true, description: 'Annat' }), ['description']);
    assert.deepEqual(replayDifferences(stored, { sameCategory: true, assessment: 4, visibility: 'restricted' }), ['assessment', 'visibility']);
  });
});
