/**
 * A report just outside SCB's coarse boundary (issue 13): within the tolerance (default 200 m) it is
 * taken and flagged with how far out it lies; beyond it, refused with a message naming the
 * municipality. The points are measured from the northernmost vertex of SCB's Alingsås: straight
 * north of it, the vertex is the nearest point of the boundary, so the distance is exact.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MultiPolygon } from 'geojson';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, startTestApp, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { municipalityBoundary } from '../../setup/boundaries.ts';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const [northE, northN] = (municipalityBoundary(FX.alingsas).geometry3006 as MultiPolygon).coordinates.flat(2).reduce((a, b) => (b[1] > a[1] ? b : a));
const north = (m: number) => ({ e: northE, n: northN + m, crs: 3006 });

for (const engine of testEngines()) {
  describe(`reports near the boundary on ${engine}`, () => {
    let t: TestApp;
    let wide: TestApp;
    let klotter: string;
    before(async () => {
      t = await startTestApp(engine);
      wide = await startTestApp(engine, { boundaryToleranceM: 500 });
      klotter = await categoryId(t, 'skadegorelse.klotter');
    });
    after(async () => { await t.close(); await wide.close(); });

    test('150 m outside is accepted and flagged, in JSON, GeoJSON and the history; inside is not flagged', async () => {
      const c = await t.as('reporter');
      const res = await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: north(150) });
      assert.equal(res.statusCode, 201, res.body);
      const inc = res.json();
      assert.equal(inc.municipalityId, FX.alingsas);
      assert.equal(inc.outsideBoundaryM, 150);
      assert.equal((await c.get(`/api/incidents/${inc.id}`)).json().outsideBoundaryM, 150);
      const geo = await c.get(`/api/incidents?limit=500`, { accept: 'application/geo+json' });
      assert.equal(geo.json().features.find((f: { id: string }) => f.id === inc.id).properties.outsideBoundaryM, 150);
      const history = (await c.get(`/api/incidents/${inc.id}/history`)).json();
      assert.equal(history[0].changes.outsideBoundaryM, 150);
      const inside = await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum });
      assert.equal(inside.json().outsideBoundaryM, null);
    });

    test('400 m outside is refused with a message naming the municipality, and nothing is stored', async () => {
      const c = await t.as('reporter');
      const before = await countRows(t, 'incidents');
      const res = await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: north(400) }, { 'accept-language': 'sv' });
      assert.equal(res.statusCode, 422, res.body);
      const field = res.json().error.fields.find((f: { field: string }) => f.field === 'location');
      assert.equal(field.code, 'outside_municipality');
      assert.match(field.message, /utanför Alingsås kommun/);
      assert.equal(await countRows(t, 'incidents'), before);
    });

    test('moving a report updates the flag: out to 150 m sets it, back inside clears it', async () => {
      const c = await t.as('reporter');
      const inc = (await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.alingsasNolby })).json();
      const out = await c.patch(`/api/incidents/${inc.id}`, { location: north(150) });
      assert.equal(out.statusCode, 200, out.body);
      assert.equal(out.json().outsideBoundaryM, 150);
      const back = await c.patch(`/api/incidents/${inc.id}`, { location: POINTS.alingsasNolby });
      assert.equal(back.json().outsideBoundaryM, null);
      const changes = (await c.get(`/api/incidents/${inc.id}/history`)).json().map((h: { changes: Record<string, unknown> }) => h.changes.outsideBoundaryM);
      assert.deepEqual(changes, [null, { from: null, to: 150 }, { from: 150, to: null }]);
      const far = await c.patch(`/api/incidents/${inc.id}`, { location: north(400) });
      assert.equal(far.statusCode, 422);
    });

    test('the tolerance is the deployment\'s: with 500 m, 400 m outside is accepted and flagged', async () => {
      const c = await wide.as('reporter');
      const res = await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: north(400) });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().outsideBoundaryM, 400);
      const beyond = await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: north(600) });
      assert.equal(beyond.statusCode, 422);
    });
  });
}
