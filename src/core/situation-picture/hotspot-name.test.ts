import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compassOf, hotspotName, hotspotNameOf, locateHotspot, type HotspotWhere } from './hotspot-name.ts';

const RESECENTRUM = { name: 'Resecentrum', x: 352_000, y: 6_424_000 };
const TORGET = { name: 'Stora torget', x: 352_400, y: 6_424_600 };

test('the eight compass points: north is up, east is right', () => {
  assert.equal(compassOf(0, 10), 'n');
  assert.equal(compassOf(10, 10), 'ne');
  assert.equal(compassOf(10, 0), 'e');
  assert.equal(compassOf(10, -10), 'se');
  assert.equal(compassOf(0, -10), 's');
  assert.equal(compassOf(-10, -10), 'sw');
  assert.equal(compassOf(-10, 0), 'w');
  assert.equal(compassOf(-10, 10), 'nw');
  assert.equal(compassOf(3, 10), 'n', 'within 22.5° of north');
});

test('the nearest place names the spot, with the direction from the place to it', () => {
  const where = locateHotspot({ x: 352_150, y: 6_424_150 }, [TORGET, RESECENTRUM], 'Alingsås');
  assert.deepEqual(where, { area: 'Alingsås', place: { name: 'Resecentrum', distance: 212, direction: 'ne' } });
  assert.equal(hotspotName(where, 'sv'), 'Alingsås, 200 m nordost om Resecentrum');
  assert.equal(hotspotName(where, 'en'), 'Alingsås, 200 m north-east of Resecentrum');
});

test('close to a place it is "at" the place; far away the distance is in km', () => {
  const at = locateHotspot({ x: 352_420, y: 6_424_630 }, [TORGET, RESECENTRUM], 'Centrum');
  assert.equal(hotspotName(at, 'sv'), 'Centrum, vid Stora torget');
  assert.equal(hotspotName(at, 'en'), 'Centrum, at Stora torget');
  assert.equal(hotspotName({ ...at, area: null }, 'sv'), 'Stora torget');
  const far = locateHotspot({ x: 352_000, y: 6_422_750 }, [RESECENTRUM]);
  assert.equal(hotspotName(far, 'sv'), '1,3 km söder om Resecentrum');
  assert.equal(hotspotName(far, 'en'), '1.3 km south of Resecentrum');
});

test('an area alone names the spot; a position only when nothing is named', () => {
  assert.equal(hotspotName({ area: 'Sollebrunn', place: null }, 'sv'), 'Sollebrunn');
  const nothing: HotspotWhere = locateHotspot({ x: 1, y: 2 }, []);
  assert.deepEqual(nothing, { area: null, place: null });
  assert.equal(hotspotName(nothing, 'sv', { lon: 12.531, lat: 57.9302 }), '57.9302° N, 12.5310° E');
  // Content stored before names existed has none: the position, never the grid id.
  assert.equal(hotspotName(undefined, 'en', { lon: 12.531, lat: 57.9302 }), '57.9302° N, 12.5310° E');
});

test('an area named like the place is not said twice; the name never depends on the order of the places', () => {
  assert.equal(hotspotName({ area: 'Resecentrum', place: { name: 'Resecentrum', distance: 300, direction: 'w' } }, 'sv'), '300 m väster om Resecentrum');
  const a = { name: 'A-plats', x: 0, y: 100 }, b = { name: 'B-plats', x: 0, y: -100 };
  assert.equal(locateHotspot({ x: 0, y: 0 }, [a, b]).place?.name, 'A-plats');
  assert.equal(locateHotspot({ x: 0, y: 0 }, [b, a]).place?.name, 'A-plats');
});

test('no name carries a grid id', () => {
  for (const where of [locateHotspot({ x: 352_125, y: 6_424_125 }, [RESECENTRUM], null), { area: null, place: null }]) {
    for (const lang of ['sv', 'en'] as const) assert.doesNotMatch(hotspotName(where, lang, { lon: 12.5, lat: 57.9 }), /\d+:\d+:\d+|Ruta|Cell/);
  }
});

test('a stored cell or zone is named from its where; older editions by their places, else their position', () => {
  const where = locateHotspot({ x: 352_150, y: 6_424_150 }, [RESECENTRUM], 'Alingsås');
  assert.equal(hotspotNameOf({ where, placeName: 'Resecentrum', lon: 12.5, lat: 57.9 }, 'sv'), 'Alingsås, 200 m nordost om Resecentrum');
  assert.equal(hotspotNameOf({ placeName: null, placeNames: ['Stora torget', 'Resecentrum'], lon: 12.5, lat: 57.9 }, 'sv'), 'Stora torget, Resecentrum');
  assert.equal(hotspotNameOf({ placeName: 'Stora torget', lon: 12.5, lat: 57.9 }, 'en'), 'Stora torget');
  assert.equal(hotspotNameOf({ placeName: null, lon: 12.5, lat: 57.9 }, 'sv'), '57.9000° N, 12.5000° E');
});
