import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors/index.ts';
import { OSM_MAX_ZOOM, parseTileAddress } from './tiles.ts';

const issues = (raw: { z: string; x: string; y: string }) => {
  try {
    parseTileAddress(raw, OSM_MAX_ZOOM);
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.status, 400);
    return e.fields.map((f) => `${f.field} ${f.code}${f.params ? ` ${JSON.stringify(f.params)}` : ''}`);
  }
  return [];
};

test('a tile inside the grid of its zoom parses', () => {
  assert.deepEqual(parseTileAddress({ z: '0', x: '0', y: '0' }, OSM_MAX_ZOOM), { z: 0, x: 0, y: 0 });
  assert.deepEqual(parseTileAddress({ z: '19', x: '524287', y: '524287' }, OSM_MAX_ZOOM), { z: 19, x: 524287, y: 524287 });
  assert.deepEqual(parseTileAddress({ z: '14', x: '8762', y: '4858' }, OSM_MAX_ZOOM), { z: 14, x: 8762, y: 4858 });
});

test('zoom above the cap, x or y outside the grid and anything but a decimal integer are 400', () => {
  assert.deepEqual(issues({ z: '20', x: '0', y: '0' }), ['z too_large {"max":19}']);
  assert.deepEqual(issues({ z: '1', x: '2', y: '1' }), ['x too_large {"max":1}']);
  assert.deepEqual(issues({ z: '0', x: '0', y: '1' }), ['y too_large {"max":0}']);
  assert.deepEqual(issues({ z: '3', x: '-1', y: '1.5' }), ['x type {"expected":"integer"}', 'y type {"expected":"integer"}']);
  assert.deepEqual(issues({ z: 'a', x: '0', y: '0' }), ['z type {"expected":"integer"}']);
  assert.deepEqual(issues({ z: '2', x: '0x1', y: '99999999' }), ['x type {"expected":"integer"}', 'y type {"expected":"integer"}']);
});
