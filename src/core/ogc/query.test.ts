import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CRS84, EPSG_3006, parseCrs } from './crs.ts';
import { SHAPES, parseCollectionId, editionCollectionId } from './collections.ts';
import { LIMIT_DEFAULT, OgcError, parseBbox, parseDatetime, parseItemsQuery } from './query.ts';

const refused = (fn: () => unknown, parameter: string) => assert.throws(fn, (e: unknown) => e instanceof OgcError && e.status === 400 && e.parameter === parameter && e.descriptions.en.startsWith(`${parameter}:`) && e.descriptions.sv.startsWith(`${parameter}:`));

test('datetime: instants, closed and open intervals; anything else names the parameter', () => {
  assert.deepEqual(parseDatetime('2026-03-01T10:00:00Z'), { from: new Date('2026-03-01T10:00:00Z'), to: new Date('2026-03-01T10:00:00.001Z') });
  assert.deepEqual(parseDatetime('2026-03-01T00:00:00Z/2026-04-01T00:00:00+02:00'), { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T22:00:00Z') });
  assert.deepEqual(parseDatetime('../2026-04-01T00:00:00Z'), { to: new Date('2026-04-01T00:00:00Z') });
  assert.deepEqual(parseDatetime('2026-03-01/..'), { from: new Date('2026-03-01T00:00:00Z') });
  assert.deepEqual(parseDatetime('../..'), {});
  for (const bad of ['yesterday', '2026-02-30', '2026-03-01T25:00:00Z', '2026-03-01T10:00:00', 'a/b/c', '2026-04-01T00:00:00Z/2026-03-01T00:00:00Z']) refused(() => parseDatetime(bad), 'datetime');
});

test('bbox: four (or six) numbers, lower corner first, in range for CRS84', () => {
  assert.deepEqual(parseBbox('12.5,57.9,12.6,58', CRS84), [12.5, 57.9, 12.6, 58]);
  assert.deepEqual(parseBbox('12.5,57.9,0,12.6,58,100', CRS84), [12.5, 57.9, 12.6, 58]);
  assert.deepEqual(parseBbox('340000,6420000,360000,6430000', EPSG_3006), [340000, 6420000, 360000, 6430000]);
  for (const bad of ['1,2,3', '1,2,3,4,5', '13,57,12,58', '12,58,13,57', '12,57,181,58', '12,-91,13,58', 'a,b,c,d', '1,,2,3']) refused(() => parseBbox(bad, CRS84), 'bbox');
  refused(() => parseBbox('340000,6420000,360000,6430000', CRS84), 'bbox');
});

test('crs: the two URIs (and their short forms); others refused', () => {
  assert.equal(parseCrs(CRS84), CRS84);
  assert.equal(parseCrs('EPSG:3006'), EPSG_3006);
  assert.equal(parseCrs('[EPSG:3006]'), EPSG_3006);
  assert.equal(parseCrs('http://www.opengis.net/def/crs/EPSG/0/4326'), null);
  refused(() => parseItemsQuery({ crs: 'EPSG:3857' }, SHAPES.incidents), 'crs');
  refused(() => parseItemsQuery({ 'bbox-crs': 'nope', bbox: '1,2,3,4' }, SHAPES.incidents), 'bbox-crs');
});

test('items query: defaults, limits, declared filters only, the filter values checked', () => {
  const q = parseItemsQuery({}, SHAPES.incidents);
  assert.deepEqual([q.limit, q.crs, q.bboxCrs, q.filters], [LIMIT_DEFAULT, CRS84, CRS84, {}]);
  assert.equal(parseItemsQuery({ limit: '1000' }, SHAPES.incidents).limit, 1000);
  for (const l of ['0', '1001', '-1', '1.5', 'ten', '']) refused(() => parseItemsQuery({ limit: l }, SHAPES.incidents), 'limit');
  refused(() => parseItemsQuery({ limit: ['1', '2'] }, SHAPES.incidents), 'limit');
  refused(() => parseItemsQuery({ colour: 'red' }, SHAPES.incidents), 'colour');
  refused(() => parseItemsQuery({ datetime: '2026-01-01T00:00:00Z' }, SHAPES.places), 'datetime');
  refused(() => parseItemsQuery({ categoryCode: 'x' }, SHAPES.places), 'categoryCode');
  assert.deepEqual(parseItemsQuery({ reviewStatus: 'new,reviewed' }, SHAPES.incidents).filters, { reviewStatus: ['new', 'reviewed'] });
  refused(() => parseItemsQuery({ reviewStatus: 'maybe' }, SHAPES.incidents), 'reviewStatus');
  refused(() => parseItemsQuery({ organisationId: 'x' }, SHAPES.incidents), 'organisationId');
  refused(() => parseItemsQuery({ municipalityId: '148' }, SHAPES.incidents), 'municipalityId');
  refused(() => parseItemsQuery({ bin: 'hot' }, SHAPES['hotspot-cells']), 'bin');
  assert.deepEqual(parseItemsQuery({ cursor: 'bkey_1' }, SHAPES.places).cursor, { direction: 'before', key: 'key_1' });
  refused(() => parseItemsQuery({ cursor: 'x' }, SHAPES.places), 'cursor');
});

test('collection ids: the fixed ones and an edition\'s two', () => {
  const id = '0a1b2c3d-0000-4000-8000-000000000001';
  assert.deepEqual(parseCollectionId(editionCollectionId(id, 'hotspot-cells')), { kind: 'hotspot-cells', editionId: id });
  assert.deepEqual(parseCollectionId(editionCollectionId(id, 'hotspot-zones')), { kind: 'hotspot-zones', editionId: id });
  assert.deepEqual(parseCollectionId('incidents'), { kind: 'incidents' });
  assert.equal(parseCollectionId('edition-nope-hotspots'), null);
  assert.equal(parseCollectionId('users'), null);
});
