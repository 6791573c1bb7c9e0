import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  SUPPORTED_CRS, transform, transformArray, toSweref99tm, fromSweref99tm, toSweref991200, fromSweref991200,
  boundaryRings, flattenRings, pointInRing, pointInPolygon, pointInMultiPolygon, createPointInPolygon,
  bbox, ringSignedArea, polygonArea, multiPolygonArea, rectInside, segmentMeetsRect,
} from './index.ts';

const data = new URL('../../../../shared/data/', import.meta.url);
const readJson = (p: string): unknown => JSON.parse(readFileSync(new URL(p, data), 'utf8'));

// The four check points of shared/data/proj/epsg_3006_3007_sweref99.txt (pyproj 3.7.2 / PROJ 9.5.1),
// given there to 0.01 m; we require agreement within that rounding (≤ 5 mm) and round trips to 1 mm.
const VECTORS = [
  { name: 'Alingsås tätort centroid', lon: 12.527515, lat: 57.92972, e: 353586.95, n: 6423563.36 },
  { name: 'Polisen gps for Alingsås', lon: 12.536211, lat: 57.930021, e: 354102.98, n: 6423578.05 },
  { name: 'Stockholm', lon: 18.0686, lat: 59.3294, e: 674571.35, n: 6580754.14 },
  { name: 'Göteborg', lon: 11.9746, lat: 57.7089, e: 319758.02, n: 6400326.04 },
];

test('WGS84 → SWEREF 99 TM matches the PROJ test vectors (to their 0.01 m rounding)', () => {
  for (const v of VECTORS) {
    const { e, n } = toSweref99tm(v.lon, v.lat);
    assert.equal(Math.round(e * 100) / 100, v.e, `${v.name} E ${e}`);
    assert.equal(Math.round(n * 100) / 100, v.n, `${v.name} N ${n}`);
    assert.ok(Math.abs(e - v.e) <= 0.005 + 1e-9 && Math.abs(n - v.n) <= 0.005 + 1e-9);
  }
});

test('SWEREF 99 TM → WGS84 gives the vector positions back within 1 mm', () => {
  for (const v of VECTORS) {
    const exact = toSweref99tm(v.lon, v.lat);
    const { lon, lat } = fromSweref99tm(exact.e, exact.n);
    const back = toSweref99tm(lon, lat);
    assert.ok(Math.hypot(back.e - exact.e, back.n - exact.n) < 0.001, v.name);
    // 1 mm is about 1e-8 degrees of latitude.
    assert.ok(Math.abs(lon - v.lon) < 2e-8 && Math.abs(lat - v.lat) < 1e-8, `${v.name} ${lon} ${lat}`);
    // From the rounded vector: within the vector's rounding (5 mm ≈ 5e-8°).
    const r = fromSweref99tm(v.e, v.n);
    assert.ok(Math.abs(r.lon - v.lon) < 1e-7 && Math.abs(r.lat - v.lat) < 1e-7);
  }
});

test('SWEREF 99 12 00: central meridian, round trips through 3006 and 4326 within 1 mm', () => {
  // On the central meridian 12°E with k = 1 and false easting 150 000 m, E is exactly 150 000.
  assert.ok(Math.abs(toSweref991200(12, 57.9).e - 150000) < 1e-6);
  // 3006 has lon_0 = 15°, k = 0.9996, false easting 500 000.
  assert.ok(Math.abs(toSweref99tm(15, 60).e - 500000) < 1e-6);
  for (const v of VECTORS.filter((v) => v.lon < 13.2)) {
    const p7 = toSweref991200(v.lon, v.lat);
    const [e6, n6] = transform(3007, 3006, p7.e, p7.n);
    const direct = toSweref99tm(v.lon, v.lat);
    assert.ok(Math.hypot(e6 - direct.e, n6 - direct.n) < 0.001, v.name);
    const [e7, n7] = transform(3006, 3007, e6, n6);
    assert.ok(Math.hypot(e7 - p7.e, n7 - p7.n) < 0.001, v.name);
    const ll = fromSweref991200(p7.e, p7.n);
    assert.ok(Math.abs(ll.lon - v.lon) < 2e-8 && Math.abs(ll.lat - v.lat) < 1e-8);
  }
});

test('transform: identity, interleaved arrays, supported list', () => {
  assert.deepEqual([...SUPPORTED_CRS], [4326, 3006, 3007]);
  assert.deepEqual(transform(3006, 3006, 1, 2), [1, 2]);
  const out = transformArray(4326, 3006, [VECTORS[0].lon, VECTORS[0].lat, VECTORS[2].lon, VECTORS[2].lat]);
  assert.equal(Math.round(out[0] * 100) / 100, VECTORS[0].e);
  assert.equal(Math.round(out[3] * 100) / 100, VECTORS[2].n);
  assert.throws(() => transformArray(4326, 3006, [1, 2, 3]), RangeError);
});

test('invalid input throws clear errors', () => {
  assert.throws(() => toSweref99tm(NaN, 57), { name: 'RangeError', message: /longitude/ });
  assert.throws(() => toSweref99tm(12, 91), { name: 'RangeError', message: /latitude/ });
  assert.throws(() => toSweref99tm(-181, 0), RangeError);
  assert.throws(() => toSweref99tm(12, Infinity), RangeError);
  assert.throws(() => fromSweref99tm(NaN, 6400000), { name: 'RangeError', message: /SWEREF 99 TM/ });
  assert.throws(() => transform(4326, 3006, '12' as unknown as number, 57), RangeError);
  assert.throws(() => transform(3857 as never, 3006, 0, 0), { name: 'TypeError', message: /unsupported source CRS 3857/ });
  assert.throws(() => transform(4326, 900913 as never, 0, 0), TypeError);
});

const square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]] as const;
const hole = [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]] as const;

test('point in ring / polygon with hole / multipolygon', () => {
  assert.equal(pointInRing(5, 5, square), true);
  assert.equal(pointInRing(11, 5, square), false);
  assert.equal(pointInPolygon(5, 5, [square, hole]), false);
  assert.equal(pointInPolygon(2, 5, [square, hole]), true);
  const far = square.map(([x, y]) => [x + 100, y] as const);
  assert.equal(pointInMultiPolygon(105, 5, [[square, hole], [far]]), true);
  assert.equal(pointInMultiPolygon(50, 5, [[square, hole], [far]]), false);
  const pip = createPointInPolygon([[square, hole], [far]]);
  for (const [x, y] of [[5, 5], [2, 5], [105, 5], [50, 5], [-1, -1], [9.9, 0.1]]) {
    assert.equal(pip(x, y), pointInMultiPolygon(x, y, [[square, hole], [far]]), `${x},${y}`);
  }
});

test('bbox and shoelace area (either winding), holes subtracted', () => {
  assert.deepEqual(bbox([[square, hole]]), { minX: 0, minY: 0, maxX: 10, maxY: 10 });
  assert.equal(ringSignedArea(square), 100);
  assert.equal(ringSignedArea([...square].reverse()), -100);
  assert.equal(polygonArea([square, hole]), 96);
  assert.equal(polygonArea([[...square].reverse(), [...hole].reverse()]), 96);
  // Open ring (no repeated closing position) gives the same area.
  assert.equal(ringSignedArea(square.slice(0, 4)), 100);
  assert.throws(() => bbox([]), RangeError);
});

test('boundaryRings reads the shared Alingsås boundary (SWEREF 99 TM): about 549 km², tätort inside', () => {
  const polys = boundaryRings(readJson('boundaries/alingsas_1489_kommun_scb2024_sweref99tm.geojson'));
  assert.equal(polys.length, 1);
  assert.equal(flattenRings(polys).length, 1);
  const km2 = multiPolygonArea(polys) / 1e6;
  assert.ok(km2 > 540 && km2 < 560, `area ${km2}`);
  const b = bbox(polys);
  assert.ok(b.minX > 340000 && b.maxX < 370000 && b.minY > 6400000 && b.maxY < 6460000);
  const tatorter = readJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson') as {
    features: { properties: { name: string }; geometry: { coordinates: [number, number] } }[];
  };
  const pip = createPointInPolygon(polys);
  for (const f of tatorter.features) {
    const { e, n } = toSweref99tm(...f.geometry.coordinates);
    assert.ok(pointInMultiPolygon(e, n, polys) && pip(e, n), f.properties.name);
  }
  assert.equal(pip(319758, 6400326), false); // Göteborg
  // The WGS84 copy, transformed, encloses the same area within 0.1 %.
  const wgs = boundaryRings(readJson('boundaries/alingsas_1489_kommun_scb2024_wgs84.geojson'));
  const projected = wgs.map((p) => p.map((r) => r.map(([lon, lat]) => { const q = toSweref99tm(lon, lat); return [q.e, q.n] as const; })));
  assert.ok(Math.abs(multiPolygonArea(projected) / 1e6 - km2) / km2 < 1e-3);
});

test('boundaryRings accepts Feature, Polygon, MultiPolygon; rejects others clearly; does not change input', () => {
  const poly = { type: 'Polygon', coordinates: [square.map((p) => [...p]), hole.map((p) => [...p])] };
  const before = JSON.stringify(poly);
  assert.equal(boundaryRings(poly).length, 1);
  assert.equal(boundaryRings(poly)[0].length, 2);
  assert.equal(JSON.stringify(poly), before);
  assert.equal(boundaryRings({ type: 'Feature', properties: {}, geometry: poly }).length, 1);
  assert.equal(boundaryRings({ type: 'MultiPolygon', coordinates: [poly.coordinates, poly.coordinates] }).length, 2);
  assert.throws(() => boundaryRings({ type: 'Point', coordinates: [1, 2] }), { name: 'TypeError', message: /Point/ });
  assert.throws(() => boundaryRings(null), TypeError);
  assert.throws(() => boundaryRings({ type: 'Polygon', coordinates: [[[0, 0], [1, 'x'], [0, 1], [0, 0]]] }), /\[1\]/);
  assert.throws(() => boundaryRings({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }), /fewer than 3/);
  assert.throws(() => boundaryRings({ type: 'FeatureCollection', features: [] }), /no Polygon/);
});

test('the prepared (grid) point-in-polygon agrees with the plain test on 200,000 points around Alingsås', async () => {
  const { createRandom } = await import('../random/index.ts');
  const polys = boundaryRings(readJson('boundaries/alingsas_1489_kommun_scb2024_sweref99tm.geojson'));
  const withHole = [[...polys[0], [[352000, 6420000], [352000, 6425000], [356000, 6425000], [356000, 6420000], [352000, 6420000]] as const]];
  for (const mp of [polys, withHole]) {
    const pip = createPointInPolygon(mp);
    const b = bbox(mp);
    const rng = createRandom(7);
    let inside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = b.minX - 1000 + rng.next() * (b.maxX - b.minX + 2000), y = b.minY - 1000 + rng.next() * (b.maxY - b.minY + 2000);
      const want = pointInMultiPolygon(x, y, mp);
      if (want) inside++;
      assert.equal(pip(x, y), want, `${x},${y}`);
    }
    assert.ok(inside > 20_000);
    // Every vertex neighbourhood, where the grid is finest-grained.
    for (const ring of flattenRings(mp)) for (const [vx, vy] of ring) {
      for (const [dx, dy] of [[1, 1], [-1, 1], [1, -1], [-1, -1], [0.01, 0], [0, -0.01]]) {
        assert.equal(pip(vx + dx, vy + dy), pointInMultiPolygon(vx + dx, vy + dy, mp));
      }
    }
  }
});

test('a rectangle is inside a shape only when its corners are and no edge (outer or hole) meets it', () => {
  const r = { minX: 2, minY: 2, maxX: 4, maxY: 4 };
  assert.equal(segmentMeetsRect(0, 3, 10, 3, r), true, 'through');
  assert.equal(segmentMeetsRect(0, 0, 1.9, 10, r), false, 'beside');
  assert.equal(segmentMeetsRect(4, 0, 4, 10, r), true, 'along the edge counts');
  assert.equal(segmentMeetsRect(3, 3, 3.5, 3.5, r), true, 'wholly inside');
  assert.equal(segmentMeetsRect(0, 3.9, 3.9, 0, r), false, 'past the corner, outside (the boxes overlap)');
  assert.equal(segmentMeetsRect(0, 4.1, 4.1, 0, r), true, 'clipping the corner');
  const outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]] as Array<[number, number]>;
  const hole = [[6, 6], [8, 6], [8, 8], [6, 8], [6, 6]] as Array<[number, number]>;
  const contains = (x: number, y: number) => pointInPolygon(x, y, [outer, hole]);
  assert.equal(rectInside([outer, hole], contains, r), true);
  assert.equal(rectInside([outer, hole], contains, { minX: 5, minY: 5, maxX: 9, maxY: 9 }), false, 'holds the hole: corners inside, edges meet');
  assert.equal(rectInside([outer, hole], contains, { minX: 8, minY: 8, maxX: 11, maxY: 9 }), false, 'crosses the outer edge');
  assert.equal(rectInside([outer, hole], contains, { minX: 6.5, minY: 6.5, maxX: 7, maxY: 7 }), false, 'inside the hole');
});
