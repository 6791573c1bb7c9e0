import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projector } from '../geo/sweref-zones.ts';
import { crsName, fitsCrs, guessCrs, inSweden3006, toSweref99tm } from './crs.ts';
import type { ImportCrs } from './types.ts';

/** Points scattered a few kilometres around a place, in the given system, as [x, y]. */
function around(lon: number, lat: number, crs: ImportCrs, n = 20): Array<[number, number]> {
  const to = projector(4326, crs);
  return Array.from({ length: n }, (_, i) => to([lon + 0.05 * Math.sin(i), lat + 0.03 * Math.cos(i * 1.7)]));
}

const ALINGSAS = { lon: 12.5325, lat: 57.93 };

test('WGS 84 and SWEREF 99 TM are told by their ranges alone', () => {
  assert.deepEqual(pick(guessCrs(around(ALINGSAS.lon, ALINGSAS.lat, 4326))), { crs: 4326, swapped: false, by: 'values' });
  assert.deepEqual(pick(guessCrs(around(ALINGSAS.lon, ALINGSAS.lat, 3006))), { crs: 3006, swapped: false, by: 'values' });
  // Kiruna and Ystad, the far north and the far south.
  assert.equal(guessCrs(around(20.22, 67.86, 3006)).crs, 3006);
  assert.equal(guessCrs(around(13.82, 55.43, 4326)).crs, 4326);
});

test('a local zone: every zone fits the same eastings, so the municipality\'s location chooses', () => {
  const points = around(ALINGSAS.lon, ALINGSAS.lat, 3007);
  const blind = guessCrs(points);
  assert.equal(blind.crs, null);
  assert.equal(blind.by, 'none');
  assert.ok(blind.candidates.length >= 10 && blind.candidates.includes(3007) && !blind.candidates.includes(3006), blind.candidates.join());
  assert.deepEqual(pick(guessCrs(points, { hint: ALINGSAS })), { crs: 3007, swapped: false, by: 'location' });
});

test('each zone is found for a municipality that uses it, even off the nearest meridian (Gotland: 18 45)', () => {
  const places: Array<[string, number, number, ImportCrs]> = [
    ['Alingsås', 12.53, 57.93, 3007], ['Lund', 13.19, 55.70, 3008], ['Växjö', 14.81, 56.88, 3009], ['Västerås', 16.54, 59.61, 3010],
    ['Stockholm', 18.07, 59.33, 3011], ['Jönköping', 14.16, 57.78, 3012], ['Linköping', 15.62, 58.41, 3013], ['Gävle', 17.14, 60.67, 3014],
    ['Gotland', 18.29, 57.64, 3015], ['Umeå', 20.26, 63.83, 3016], ['Luleå', 22.15, 65.58, 3017], ['Pajala', 23.37, 67.21, 3018],
  ];
  for (const [name, lon, lat, zone] of places) {
    const g = guessCrs(around(lon, lat, zone), { hint: { lon, lat } });
    assert.deepEqual([g.crs, g.by], [zone, 'location'], name);
  }
});

test('SWEREF 99 TM on the west coast overlaps the zones: Strömstad\'s location says TM', () => {
  const stromstad = { lon: 11.17, lat: 58.94 };
  const points = around(stromstad.lon, stromstad.lat, 3006);
  assert.ok(points.every(([x]) => x < 300_000), 'eastings within the zones\' range');
  const blind = guessCrs(points);
  assert.equal(blind.crs, null);
  assert.ok(blind.candidates.includes(3006) && blind.candidates.includes(3007));
  assert.equal(guessCrs(points, { hint: stromstad }).crs, 3006);
});

test('a system named in a header chooses among those that fit, and only among them', () => {
  const points = around(ALINGSAS.lon, ALINGSAS.lat, 3007);
  assert.deepEqual(pick(guessCrs(points, { named: 3007 })), { crs: 3007, swapped: false, by: 'named' });
  // A header naming TM over zone values does not make them TM.
  assert.equal(guessCrs(points, { named: 3006 }).crs, null);
});

test('swapped columns: latitudes in the longitude column, northings in the easting column', () => {
  const swap = (p: Array<[number, number]>) => p.map(([x, y]) => [y, x] as [number, number]);
  assert.deepEqual(pick(guessCrs(swap(around(ALINGSAS.lon, ALINGSAS.lat, 4326)))), { crs: 4326, swapped: true, by: 'values' });
  assert.deepEqual(pick(guessCrs(swap(around(ALINGSAS.lon, ALINGSAS.lat, 3006)))), { crs: 3006, swapped: true, by: 'values' });
  assert.deepEqual(pick(guessCrs(swap(around(ALINGSAS.lon, ALINGSAS.lat, 3007)), { hint: ALINGSAS })), { crs: 3007, swapped: true, by: 'location' });
  // A system given: only the orientation is judged.
  assert.deepEqual(pick(guessCrs(swap(around(ALINGSAS.lon, ALINGSAS.lat, 3006)), { only: 3006 })), { crs: 3006, swapped: true, by: 'values' });
});

test('nothing fits: no system, no candidates; a few bad rows among good ones change nothing', () => {
  const none = guessCrs([[1234.5, 5678.9], [2345.5, 6789.1]]);
  assert.deepEqual([none.crs, none.candidates, none.fitting], [null, [], 0]);
  const good = around(ALINGSAS.lon, ALINGSAS.lat, 3006, 95);
  const mixed = [...good, ...Array.from({ length: 5 }, (): [number, number] => [1, 2])];
  assert.deepEqual([guessCrs(mixed).crs, guessCrs(mixed).fitting, guessCrs(mixed).points], [3006, 95, 100]);
  // Fewer than half the points fitting is no guess.
  const mostlyBad = [...good.slice(0, 4), ...Array.from({ length: 6 }, (): [number, number] => [1, 2])];
  assert.equal(guessCrs(mostlyBad).crs, null);
  assert.equal(guessCrs([]).crs, null);
});

test('points to SWEREF 99 TM from every system, and the test for Sweden', () => {
  const tm = toSweref99tm(4326, 12.5325, 57.93)!;
  assert.ok(Math.abs(tm.e - 353883.2) < 0.1 && Math.abs(tm.n - 6423583.7) < 0.1, JSON.stringify(tm));
  const [x, y] = projector(4326, 3015)([18.29, 57.64]);
  const back = toSweref99tm(3015, x, y)!;
  const direct = toSweref99tm(4326, 18.29, 57.64)!;
  assert.ok(Math.abs(back.e - direct.e) < 0.01 && Math.abs(back.n - direct.n) < 0.01);
  assert.equal(toSweref99tm(4326, 12, 95), null);
  assert.equal(toSweref99tm(3006, Number.NaN, 1), null);
  assert.ok(inSweden3006(353883, 6423583));
  assert.ok(!inSweden3006(100_000, 6423583));
  assert.ok(fitsCrs(4326, 12.53, 57.93) && !fitsCrs(4326, 57.93, 12.53) && !fitsCrs(4326, 2.35, 48.85));
  assert.ok(fitsCrs(3006, 353883, 6423583) && !fitsCrs(3006, 6423583, 353883));
  assert.equal(crsName(3006), 'SWEREF 99 TM (EPSG:3006)');
  assert.equal(crsName(3007), 'SWEREF 99 12 00 (EPSG:3007)');
  assert.equal(crsName(4326), 'WGS 84 (EPSG:4326)');
});

function pick(g: ReturnType<typeof guessCrs>) {
  return { crs: g.crs, swapped: g.swapped, by: g.by };
}
