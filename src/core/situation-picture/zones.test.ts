import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HotspotCell } from './content.ts';
import { hotspotZones } from './zones.ts';

const cell = (col: number, row: number, count: number, z: number, extra: Partial<HotspotCell> = {}): HotspotCell => ({
  cellId: `250:${col}:${row}`, col, row, x: (col + 0.5) * 250, y: (row + 0.5) * 250, lon: 0, lat: 0, count, z, p: 0.001, bin: 3,
  emerging: null, placeName: null, ...extra,
});
const ll = (x: number, y: number): [number, number] => [x / 1000, y / 1000];

test('cells that share an edge or a corner form one zone; the rest stand alone', () => {
  const zones = hotspotZones([
    cell(10, 10, 5, 9, { placeName: 'Torget', emerging: 'Intensifying Hot Spot' }), cell(11, 10, 0, 6), cell(12, 11, 1, 5, { bin: 2 }), // chain by a corner
    cell(20, 20, 2, 4, { bin: 1, emerging: 'New Hot Spot' }),
    cell(30, 30, 0, -3, { bin: -3 }), // cold: not a hotspot
  ], ll);
  assert.equal(zones.length, 2);
  assert.deepEqual(zones[0].cellIds, ['250:10:10', '250:11:10', '250:12:11']);
  assert.equal(zones[0].count, 6);
  assert.equal(zones[0].peakCellId, '250:10:10');
  assert.equal(zones[0].bin, 3);
  assert.equal(zones[0].maxZ, 9);
  assert.equal(zones[0].emerging, 'Intensifying Hot Spot');
  assert.equal(zones[0].placeName, 'Torget');
  assert.deepEqual(zones[0].placeNames, ['Torget']);
  // Incident-weighted centre: (5·2625 + 1·3125) / 6 in x.
  assert.equal(zones[0].x, Math.round((5 * 2625 + 3125) / 6));
  assert.deepEqual([zones[0].lon, zones[0].lat], [(5 * 2625 + 3125) / 6 / 1000, (5 * 2625 + 2875) / 6 / 1000]);
  assert.equal(zones[1].id, '250:20:20');
  assert.equal(zones[1].emerging, 'New Hot Spot');
});

test('a zone without incidents sits on its peak cell; ties go to the higher z; none gives none', () => {
  const [z] = hotspotZones([cell(1, 1, 0, 3), cell(1, 2, 0, 4.5, { placeName: 'Parken' })], ll);
  assert.equal(z.peakCellId, '250:1:2');
  assert.equal(z.x, 375);
  assert.equal(z.y, 625);
  assert.equal(z.placeName, 'Parken');
  assert.deepEqual(z.placeNames, ['Parken']);
  assert.deepEqual(hotspotZones([], ll), []);
});
