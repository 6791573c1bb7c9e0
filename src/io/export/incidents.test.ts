import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, exportChunks } from './incidents.ts';

test('CSV fields are quoted when needed and never start a formula', () => {
  assert.equal(csvField('klotter'), 'klotter');
  assert.equal(csvField('a, "b"'), '"a, ""b"""');
  assert.equal(csvField('rad1\nrad2'), '"rad1\nrad2"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('-1+1'), "'-1+1");
  assert.equal(csvField(-12.5), '-12.5', 'numbers are numbers');
  assert.equal(csvField(null), '');
  assert.equal(csvField(false), 'false');
});

test('an empty export is still a valid document', async () => {
  const none = (async function* () { yield []; })();
  let geo = '';
  for await (const c of exportChunks('geojson', none)) geo += c;
  assert.deepEqual(JSON.parse(geo), { type: 'FeatureCollection', features: [] });
  let csv = '';
  for await (const c of exportChunks('csv', (async function* () {})())) csv += c;
  assert.match(csv, /^\uFEFFid,municipality,occurred_from/);
});
