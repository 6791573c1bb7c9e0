/**
 * Issue 15 item 8: Polisen's events carry the centre of the municipality or county, not the place
 * of the incident, so they count for the municipality as a whole. With four years of Västra
 * Götaland's events held for Alingsås — thousands of them "at" Alingsås's centre — and a place and
 * a district drawn right there, nothing on the map, in a grid cell, a hotspot, a place or an area
 * counts them, and the edition counts all of them for the municipality, an area's edition too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { transform } from '../../core/geo/index.ts';

const VG_FILE = readFileSync(new URL('../../../../shared/data/polisen/polisen_events_vastra_gotaland_2022-09_2026-08.json', import.meta.url));
/** Where Polisen puts every Alingsås event (../shared/data/SOURCES.md). */
const CENTRE = { lon: 12.536211, lat: 57.930021 };
const PERIOD = { from: '2025-08-23', to: '2026-08-22' };
const QUERY = `from=${PERIOD.from}&to=2026-08-23`;

function multipart(data: Buffer) {
  const boundary = '----lagesbild' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="vg.json"\r\nContent-Type: application/json\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const engine of testEngines()) {
  describe(`police events count for the municipality, never at a point, on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    let held: number;
    let districtId: string;
    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      const m = multipart(VG_FILE);
      const up = await coord.upload(`/api/police-events/import?municipality=${FX.alingsas}`, m.payload, m.contentType);
      assert.equal(up.statusCode, 200, up.body);
      held = (await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM police_events WHERE municipality_id = $1 AND published_at >= '2025-08-22T22:00:00Z' AND published_at < '2026-08-22T22:00:00Z'`, [FX.alingsas])).rows[0].n;
      assert.ok(held > 500, `a year of Alingsås's events (${held}) is more than the edition lists`);
      // A place and a district right where Polisen puts the events.
      const [e, n] = transform(4326, 3006, CENTRE.lon, CENTRE.lat);
      await t.db.query(`INSERT INTO places (municipality_id, name, kind, geom) VALUES ($1, 'Mittpunkten', 'other', ST_SetSRID(ST_MakePoint($2, $3), 3006))`, [FX.alingsas, e, n]);
      const d = 0.01;
      const area = await coord.post('/api/areas', {
        kind: 'district', nameProperty: 'namn',
        geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { namn: 'Kring mittpunkten' }, geometry: { type: 'Polygon', coordinates: [[[CENTRE.lon - d, CENTRE.lat - d], [CENTRE.lon + d, CENTRE.lat - d], [CENTRE.lon + d, CENTRE.lat + d], [CENTRE.lon - d, CENTRE.lat + d], [CENTRE.lon - d, CENTRE.lat - d]]] } }] },
      });
      assert.equal(area.statusCode, 201, area.body);
      districtId = area.json()[0].id;
    });
    after(() => t.close());

    test('nothing is stored that could put them at a point', async () => {
      const cols = await t.db.query<{ name: string; type: string }>(
        `SELECT column_name AS name, udt_name AS type FROM information_schema.columns WHERE table_name = 'police_events'`);
      assert.ok(cols.rows.length > 5);
      assert.deepEqual(cols.rows.filter((c) => c.type === 'geometry' || /geom|lon|lat/.test(c.name)), []);
    });

    test('the map, its grid, hotspots, areas and the side panel\'s figures and places count none of them', async () => {
      const points = (await coord.get(`/api/map/points?zoom=12&${QUERY}`)).json();
      assert.deepEqual(points.features, []);
      assert.deepEqual((await coord.get(`/api/map/grid?cellSize=250&${QUERY}`)).json().cells, []);
      const hotspots = (await coord.get(`/api/map/hotspots?cellSize=250&${QUERY}`)).json();
      assert.ok(hotspots.features.every((f: any) => f.properties.count === undefined || f.properties.count === 0), JSON.stringify(hotspots).slice(0, 200));
      const areas = (await coord.get(`/api/map/areas?kind=district&${QUERY}`)).json();
      assert.deepEqual(areas.features.map((f: any) => [f.properties.name, f.properties.count]), [['Kring mittpunkten', 0]]);
      const stats = (await coord.get(`/api/stats?${QUERY}`)).json();
      assert.equal(stats.total, 0);
      assert.deepEqual(stats.topPlaces, []);
      assert.equal(stats.hourWeekday.flat().reduce((a: number, b: number) => a + b, 0), 0);
    });

    test('the edition counts every one of them for the municipality and draws none', async () => {
      const res = await coord.post('/api/situation-pictures', PERIOD);
      assert.equal(res.statusCode, 201, res.body);
      const c = res.json().content;
      assert.equal(c.policeEvents.total, held, 'all of the period\'s events, not only the 500 listed');
      assert.equal(c.policeEvents.byType.reduce((a: number, x: any) => a + x.count, 0), held);
      assert.equal(c.policeEvents.items.length, 500);
      assert.ok(c.policeEvents.items.every((e: any) => !('lon' in e) && !('lat' in e) && typeof e.locationName === 'string'), 'no position in the content');
      assert.ok(c.policeEvents.items[0].publishedAt >= c.policeEvents.items.at(-1).publishedAt, 'newest first');
      // Recent events are mostly filed under the county: where it was, only the title says.
      assert.ok(c.policeEvents.items.every((e: any) => ['Alingsås', 'Västra Götalands län'].includes(e.locationName)));
      assert.equal(c.totals.count, 0);
      assert.deepEqual(c.points, []);
      assert.deepEqual(c.hotspots.cells, []);
      assert.deepEqual(c.topPlaces, []);
      assert.ok(c.byArea.every((a: any) => a.count === 0));
      // The document says they count for the municipality as a whole.
      const doc = await coord.get(`/api/situation-pictures/${res.json().id}/document?format=html`);
      assert.equal(doc.statusCode, 200);
      assert.match(doc.body, /Händelserna gäller kommunen som helhet/);
    });

    test('an area\'s edition lists the municipality\'s events: Polisen names no place within it', async () => {
      const res = await coord.post('/api/situation-pictures', { ...PERIOD, areaId: districtId });
      assert.equal(res.statusCode, 201, res.body);
      const c = res.json().content;
      assert.equal(c.totals.count, 0);
      assert.equal(c.policeEvents.total, held);
    });
  });
}
