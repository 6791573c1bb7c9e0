import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { createRandom } from '../../core/random/index.ts';

const DAY = 86_400_000;
const today = new Date(Date.UTC(2026, 10, 24, 12));
const daysAgo = (d: number) => new Date(today.getTime() - d * DAY);
const iso = (d: Date) => d.toISOString().slice(0, 10);
// A tight cluster at Stora torget and a scatter over the town, in EPSG:3006.
const HOT = { e: 354_100, n: 6_423_600 };

for (const engine of testEngines()) {
  describe(`lägesbild aggregates on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, reporter: Client;
    const period = `from=${iso(daysAgo(28))}&to=${iso(daysAgo(-1))}`;
    before(async () => {
      t = await startTestApp(engine);
      const rnd = createRandom(42);
      const rows: Parameters<typeof insertIncidents>[1] = [];
      // This period: 40 graffiti in the hot cluster, 30 scattered litter reports.
      for (let i = 0; i < 40; i++) rows.push({ categoryCode: 'skadegorelse.klotter', e: HOT.e + rnd.normal() * 40, n: HOT.n + rnd.normal() * 40, at: daysAgo(1 + (i % 27)), org: 'alingsashem', placeName: 'Stora torget' });
      for (let i = 0; i < 30; i++) rows.push({ categoryCode: 'nedskrapning', e: 350_000 + rnd.next() * 8000, n: 6_420_000 + rnd.next() * 8000, at: daysAgo(1 + (i % 27)), org: 'bevakning' });
      // The previous period: 10; the same period last year: 5; a restricted police report now.
      for (let i = 0; i < 10; i++) rows.push({ categoryCode: 'skadegorelse.klotter', e: HOT.e, n: HOT.n, at: daysAgo(30 + i), org: 'alingsashem', placeName: 'Stora torget' });
      for (let i = 0; i < 5; i++) rows.push({ categoryCode: 'nedskrapning', e: HOT.e, n: HOT.n, at: daysAgo(366 + i), org: 'bevakning' });
      rows.push({ categoryCode: 'narkotika', e: HOT.e, n: HOT.n, at: daysAgo(2), org: 'polisen', visibility: 'restricted' });
      await insertIncidents(t, rows);
      coord = await t.as('coordinator');
      reporter = await t.as('reporter');
    });
    after(() => t.close());

    const total = (fc: any) => fc.features.reduce((a: number, f: any) => a + (f.properties.kind === 'cluster' ? f.properties.count : 1), 0);

    test('map points: clusters at a low zoom, single incidents close up, every visible incident counted once', async () => {
      const far = (await coord.get(`/api/map/points?zoom=10&${period}`)).json();
      assert.equal(far.type, 'FeatureCollection');
      assert.ok(far.features.some((f: any) => f.properties.kind === 'cluster' && f.properties.count >= 30), 'the hot cluster is one cluster');
      assert.equal(total(far), 71, '40 + 30 + the restricted one the coordinator sees');
      const near = (await coord.get(`/api/map/points?zoom=17&${period}&bbox=12.52,57.92,12.55,57.94`)).json();
      assert.ok(near.features.every((f: any) => f.properties.kind === 'incident' && f.properties.colour && f.properties.id));
      const [lon, lat] = far.features[0].geometry.coordinates;
      assert.ok(lon > 12 && lon < 13 && lat > 57.8 && lat < 58.1, 'WGS84');
    });

    test('aggregates obey the access rules: a reporter counts only its organisation', async () => {
      const few = (await reporter.get(`/api/map/points?zoom=10&${period}`)).json();
      assert.equal(total(few), 40);
      // 50 or fewer in view are drawn one by one even where they crowd (the coordinator's 71 cluster).
      assert.ok(few.features.every((f: any) => f.properties.kind === 'incident' && f.properties.id), 'no clusters for 40');
      assert.equal(new Set(few.features.map((f: any) => f.properties.id)).size, 40);
      const stats = (await reporter.get(`/api/stats?${period}`)).json();
      assert.equal(stats.total, 40);
      assert.ok(stats.byOrganisation.every((o: any) => o.id === FX.orgs.alingsashem));
      const viewer = await t.as('viewer');
      assert.equal((await viewer.get(`/api/stats?${period}`)).json().total, 70, 'the restricted police report is not counted for a viewer');
    });

    test('grid counts add up to the selection and cells are stable squares of the SWEREF 99 TM grid', async () => {
      const g = (await coord.get(`/api/map/grid?cellSize=500&${period}`)).json();
      assert.equal(g.cellSize, 500);
      assert.equal(g.cells.reduce((a: number, c: any) => a + c.count, 0), 71);
      const hot = g.cells.find((c: any) => c.col === Math.floor(HOT.e / 500) && c.row === Math.floor(HOT.n / 500));
      assert.ok(hot && hot.count >= 35);
      const filtered = (await coord.get(`/api/map/grid?cellSize=500&${period}&categories=${(await t.db.query<{ id: string }>(`SELECT id FROM categories WHERE code='nedskrapning' AND municipality_id='1489'`)).rows[0].id}`)).json();
      assert.equal(filtered.cells.reduce((a: number, c: any) => a + c.count, 0), 30);
    });

    test('hotspots: the cluster is a 99 % hotspot after FDR control; distance below the cell size is refused', async () => {
      const fc = (await coord.get(`/api/map/hotspots?cellSize=250&distance=500&${period}`)).json();
      const hot = fc.features.filter((f: any) => f.properties.bin === 3);
      assert.ok(hot.length >= 1, 'at least one 99 % cell');
      const cellOfHot = `250:${Math.floor(HOT.e / 250)}:${Math.floor(HOT.n / 250)}`;
      assert.ok(hot.some((f: any) => f.properties.cellId === cellOfHot), `hot cells ${hot.map((f: any) => f.properties.cellId)}`);
      assert.ok(fc.features.every((f: any) => f.geometry.type === 'Polygon' && f.properties.bin >= -3 && f.properties.bin <= 3));
      const bad = await coord.get(`/api/map/hotspots?cellSize=250&distance=100&${period}`);
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.fields[0].field, 'distance');
      const tiny = await coord.get(`/api/map/hotspots?cellSize=25&${period}`);
      assert.equal(tiny.statusCode, 422, 'a grid too fine for the municipality is refused, not computed');
    });

    test('areas carry their count, the previous period and the change', async () => {
      const centre = [[12.525, 57.922], [12.545, 57.922], [12.545, 57.938], [12.525, 57.938], [12.525, 57.922]];
      const up = await coord.post('/api/areas', { kind: 'area_group', geojson: { type: 'Feature', properties: { name: 'Centrum' }, geometry: { type: 'Polygon', coordinates: [centre] } } });
      assert.equal(up.statusCode, 201, up.body);
      const fc = (await coord.get(`/api/map/areas?kind=area_group&${period}`)).json();
      const a = fc.features[0].properties;
      assert.equal(a.name, 'Centrum');
      assert.ok(a.count >= 41, `count ${a.count}`);
      assert.equal(a.previous, 10);
      assert.equal(a.change, a.count - 10);
      assert.ok(a.p < 0.001, 'a fourfold rise is significant');
    });

    test('stats: totals, comparisons, categories, organisations, weeks, places and hour × weekday agree', async () => {
      const s = (await coord.get(`/api/stats?${period}`)).json();
      assert.equal(s.total, 71);
      assert.equal(s.period.days, 29);
      assert.equal(s.comparison.previous.count, 10);
      assert.equal(s.comparison.previous.change, 61);
      assert.ok(s.comparison.previous.p < 1e-6);
      assert.equal(s.comparison.lastYear.count, 5);
      assert.equal(s.byCategory.reduce((a: number, c: any) => a + c.count, 0), 71);
      assert.equal(s.byCategory[0].code, 'skadegorelse.klotter');
      assert.equal(s.byCategory[0].previous, 10);
      assert.equal(s.weekly.reduce((a: number, w: any) => a + w.count, 0), 71);
      assert.ok(s.weekly.every((w: any) => /^\d{4}-\d{2}-\d{2}$/.test(w.weekStart) && new Date(w.weekStart + 'T12:00:00Z').getUTCDay() === 1), 'weeks start on Monday');
      assert.equal(s.hourWeekday.length, 7);
      assert.equal(s.hourWeekday.flat().reduce((a: number, n: number) => a + n, 0), 71);
      assert.deepEqual(s.topPlaces[0], { name: 'Stora torget', count: 40, previous: 10 });
      const empty = (await coord.get('/api/stats?from=2020-01-01&to=2020-01-08')).json();
      assert.equal(empty.total, 0);
      assert.equal(empty.comparison.previous.percentChange, null, 'no percentage against zero');
    });

    test('bad aggregate parameters name the parameter', async () => {
      for (const [url, field] of [['/api/map/points', 'zoom'], ['/api/map/grid?cellSize=1', 'cellSize'], ['/api/map/areas?kind=land', 'kind'], ['/api/stats?from=igår', 'from']] as const) {
        const r = await coord.get(url);
        assert.equal(r.statusCode, 422, url);
        assert.equal(r.json().error.fields[0].field, field, url);
      }
      assert.equal((await t.anonymous().get('/api/stats')).statusCode, 401);
    });
  });
}
