import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGeoJsonFile, checkGeoJsonText, declaredCrs, featureOfField, MAX_FEATURES, MAX_FILE_BYTES, MAX_LISTED } from './geojsonFile.ts';

const square = (x = 12.5, y = 57.9, d = 0.01) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const feature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({ type: 'Feature', geometry, properties });
const fc = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const codes = (text: string) => checkGeoJsonText(text).problems.map((p) => [p.code, p.feature]);

test('a clean FeatureCollection: no problems, feature count and property names', () => {
  const r = checkGeoJsonText(fc(feature(square(), { namn: 'Centrum', kod: 'A1' }), feature({ type: 'MultiPolygon', coordinates: [square().coordinates] }, { namn: 'Noltorp', Deso: 'x' })));
  assert.deepEqual(r.problems, []);
  assert.equal(r.featureCount, 2);
  assert.deepEqual(r.propertyKeys, ['Deso', 'kod', 'namn']);
  assert.equal(r.crs, 4326);
  assert.equal(r.geojson?.type, 'FeatureCollection');
});

test('a single Feature and a bare Polygon are accepted as one feature', () => {
  assert.equal(checkGeoJsonText(JSON.stringify(feature(square()))).featureCount, 1);
  const bare = checkGeoJsonText(JSON.stringify(square()));
  assert.deepEqual(bare.problems, []);
  assert.equal(bare.featureCount, 1);
});

test('empty, not JSON, not GeoJSON, wrong type', () => {
  assert.deepEqual(codes('  '), [['empty', undefined]]);
  assert.deepEqual(codes('{"type":'), [['notJson', undefined]]);
  // The line of the fault, never the parser's English words.
  assert.deepEqual(checkGeoJsonText('{"type":\n"FeatureCollection",\n"features": [1 2]}').problems, [{ code: 'notJsonAt', params: { line: 3 } }]);
  assert.deepEqual(checkGeoJsonText('{"type":').problems, [{ code: 'notJson' }]);
  assert.deepEqual(codes('[1,2]'), [['notGeoJson', undefined]]);
  assert.deepEqual(codes('{"name":"x"}'), [['notGeoJson', undefined]]);
  const r = checkGeoJsonText(JSON.stringify({ type: 'Point', coordinates: [12, 57] }));
  assert.deepEqual(r.problems, [{ code: 'wrongType', params: { type: 'Point' } }]);
});

test('a byte-order mark is tolerated', () => {
  assert.deepEqual(checkGeoJsonText('\uFEFF' + fc(feature(square()))).problems, []);
});

test('per-feature problems carry the feature index the server would use', () => {
  const text = fc(
    feature(square()),
    { type: 'Polygon', coordinates: [] },
    feature(null),
    feature({ type: 'LineString', coordinates: [[12, 57], [12.1, 57.1]] }),
    feature({ type: 'Polygon', coordinates: [[[12, 'x'], [1, 2]]] }),
  );
  assert.deepEqual(codes(text), [['featureNotFeature', 1], ['featureNoGeometry', 2], ['featureWrongGeometry', 3], ['featureBadCoordinates', 4]]);
  assert.deepEqual(checkGeoJsonText(text).problems[2].params, { type: 'LineString' });
});

test('no features and too many features', () => {
  assert.deepEqual(codes(JSON.stringify({ type: 'FeatureCollection', features: [] })), [['noFeatures', undefined]]);
  assert.deepEqual(codes(JSON.stringify({ type: 'FeatureCollection' })), [['noFeatures', undefined]]);
  const many = fc(...Array.from({ length: MAX_FEATURES + 1 }, () => feature(square())));
  assert.deepEqual(checkGeoJsonText(many).problems, [{ code: 'tooManyFeatures', params: { count: MAX_FEATURES + 1, max: MAX_FEATURES } }]);
});

test('CRS: SWEREF 99 declared as QGIS writes it is fine; unknown CRS and undeclared metres are problems', () => {
  const sweref = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } }, features: [feature(square(355000, 6448000, 100))] };
  const r = checkGeoJsonText(JSON.stringify(sweref));
  assert.deepEqual(r.problems, []);
  assert.equal(r.crs, 3006);
  const rt90 = { ...sweref, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3021' } } };
  assert.deepEqual(checkGeoJsonText(JSON.stringify(rt90)).problems, [{ code: 'unsupportedCrs', params: { crs: 'EPSG:3021' } }]);
  const undeclared = { type: 'FeatureCollection', features: [feature(square(355000, 6448000, 100))] };
  assert.deepEqual(codes(JSON.stringify(undeclared)), [['looksProjected', undefined]]);
});

test('declaredCrs reads the usual spellings', () => {
  assert.equal(declaredCrs({}), 4326);
  assert.equal(declaredCrs({ crs: { properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } }), 4326);
  assert.equal(declaredCrs({ crs: { properties: { name: 'EPSG:3007' } } }), 3007);
  assert.equal(declaredCrs({ crs: { properties: {} } }), null);
});

test('problems beyond the listed maximum are counted, not listed', () => {
  const text = fc(...Array.from({ length: MAX_LISTED + 7 }, () => feature(null)));
  const r = checkGeoJsonText(text);
  assert.equal(r.problems.length, MAX_LISTED);
  assert.equal(r.moreProblems, 7);
});

test('a file over the size limit is refused without being read', async () => {
  const big = { size: MAX_FILE_BYTES + 1, text: async () => { throw new Error('should not be read'); } } as unknown as Blob;
  const r = await checkGeoJsonFile(big);
  assert.equal(r.problems[0].code, 'tooLarge');
  const small = new Blob([fc(feature(square()))]);
  assert.deepEqual((await checkGeoJsonFile(small)).problems, []);
});

test('featureOfField maps server field paths to features', () => {
  assert.deepEqual(featureOfField('geojson.features[3].geometry'), { feature: 3, rest: 'geometry' });
  assert.deepEqual(featureOfField('geojson.features[12].properties.name'), { feature: 12, rest: 'properties.name' });
  assert.deepEqual(featureOfField('geojson.crs'), { feature: undefined, rest: 'crs' });
  assert.deepEqual(featureOfField('geojson.geometry'), { feature: undefined, rest: 'geometry' });
  assert.equal(featureOfField('kind'), null);
});
