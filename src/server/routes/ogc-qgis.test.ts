/**
 * QGIS reads the OGC API as a GIS officer adds it (issue 17, "done means"): Debian's QGIS (PyQGIS,
 * headless) with the OAPIF provider, the deployment's /ogc address and a personal API token as the
 * password of HTTP Basic (QGIS's authentication for a WFS/OGC API connection). Every layer a
 * coordinator has — incidents, places, areas, measures, a published lägesbild's hotspot cells and
 * zones — loads with the API's feature counts, and its features reprojected into SWEREF 99 TM (the
 * project CRS a Swedish municipality works in) lie where the API says they are. A time filter on
 * the layer (a subset string on occurredFrom) reaches the server as `datetime`: the audit log holds
 * the query QGIS sent. A wrong token gives no layer.
 *
 * QGIS 3.22 (Debian 12) filters other attributes on the client; from 3.28 it sends the attribute
 * parameters the OpenAPI document declares for the items operation (the GDAL test checks those).
 * The features come the same way on every engine, so this runs on one: PostgreSQL when the tests
 * have it. In CI a missing QGIS fails the test; elsewhere it is skipped with the reason.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { testEngines } from '../../../test/support/db.ts';
import { insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { POINTS } from '../../../test/support/fixtures.ts';
import { addGisLayers } from '../../../test/support/gis-layers.ts';
import { localDate } from '../../core/situation-picture/period.ts';
import { transform } from '../../core/geo/index.ts';
import { EPSG_3006 } from '../../core/ogc/crs.ts';

const run = promisify(execFile);
const PYTHON = process.env.LB_QGIS_PYTHON ?? '/usr/bin/python3';
const DAY = 86_400_000;
const today = localDate(Date.now());
const day = (offset: number) => new Date(Date.parse(today + 'T12:00:00Z') + offset * DAY).toISOString().slice(0, 10);
const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
const [nx, ny] = transform(4326, 3006, POINTS.alingsasNolby.lon, POINTS.alingsasNolby.lat);
const LAYERS = ['incidents', 'places', 'areas', 'measures'] as const;

/** QGIS's Python bindings, or why they are missing; in CI a missing QGIS throws. */
function qgis(): { skip?: string } {
  if (spawnSync(PYTHON, ['-c', 'import qgis.core'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } }).status === 0) return {};
  const msg = `QGIS not available for ${PYTHON} (apt-get install python3-qgis qgis-providers, or set LB_QGIS_PYTHON)`;
  if (process.env.CI === 'true') throw new Error(`${msg} — in CI the QGIS test must run`);
  return { skip: msg };
}

/**
 * The script QGIS runs: each layer as the OAPIF provider loads it, with its count, CRS, fields and
 * every feature's id and position (its centroid for a polygon) in SWEREF 99 TM; then the incidents
 * with a time filter; then a layer with a wrong token. Prints one JSON document.
 */
const SCRIPT = String.raw`
import json, sys
from qgis.core import (QgsApplication, QgsVectorLayer, QgsProject, QgsCoordinateReferenceSystem,
                       QgsCoordinateTransform)
app = QgsApplication([], False)
app.initQgis()
base, token, since, layers = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
sweref = QgsCoordinateReferenceSystem('EPSG:3006')

def layer(name, password=token):
    uri = "url='%s' typename='%s' username='gis' password='%s'" % (base, name, password)
    return QgsVectorLayer(uri, name, 'OAPIF')

def read(l):
    to3006 = QgsCoordinateTransform(l.crs(), sweref, QgsProject.instance())
    features = []
    for f in l.getFeatures():
        g = f.geometry()
        p = to3006.transform(g.centroid().asPoint()) if not g.isNull() else None
        features.append({'id': str(f['id']), 'xy': [p.x(), p.y()] if p else None})
    return {'valid': l.isValid(), 'count': l.featureCount(), 'crs': l.crs().authid(),
            'fields': [f.name() for f in l.fields()], 'features': features}

out = {name: read(layer(name)) for name in layers}
recent = layer('incidents')
recent.setSubsetString('"occurredFrom" >= \'%s\'' % since)
out['since'] = [str(f['id']) for f in recent.getFeatures()]
out['wrongToken'] = layer('incidents', 'lbt_' + 'x' * 43).isValid()
print(json.dumps(out))
`;

interface LayerRead { valid: boolean; count: number; crs: string; fields: string[]; features: Array<{ id: string; xy: [number, number] | null }> }

const engines = testEngines();
const engine = engines.includes('postgres') ? 'postgres' : engines[0];

describe(`QGIS reads the OGC API on ${engine}`, () => {
  let t: TestApp;
  let coord: Client;
  let base: string;
  let token: string;
  let home: string;
  let edition: string;
  let tools: { skip?: string };
  before(async () => {
    tools = qgis();
    t = await startTestApp(engine);
    coord = await t.as('coordinator');
    let s = 11;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const rows: Parameters<typeof insertIncidents>[1] = [];
    // A cluster at the centre over four weeks (a hotspot for the edition), a scatter at Nolby.
    for (let k = 0; k < 60; k++) rows.push({ categoryCode: 'skadegorelse.klotter', e: cx + rnd() * 120 - 60, n: cy + rnd() * 120 - 60, at: new Date(Date.parse(day(-1 - (k % 28)) + 'T20:00:00Z')), org: k % 2 ? 'alingsashem' : 'kommun' });
    for (let k = 0; k < 12; k++) rows.push({ categoryCode: 'nedskrapning', e: nx + rnd() * 2000 - 1000, n: ny + rnd() * 2000 - 1000, at: new Date(Date.parse(day(-2 - k) + 'T09:00:00Z')), org: 'bevakning' });
    rows.push({ categoryCode: 'skadegorelse.klotter', e: cx, n: cy, at: new Date(Date.parse(day(-3) + 'T10:00:00Z')), org: 'polisen', visibility: 'restricted' });
    await insertIncidents(t, rows);
    await addGisLayers(coord);
    const created = await coord.post('/api/situation-pictures', { from: day(-28), to: day(-1) });
    assert.equal(created.statusCode, 201, created.body);
    const published = await coord.post(`/api/situation-pictures/${created.json().id}/publish`, { rowVersion: created.json().rowVersion });
    assert.equal(published.statusCode, 200, published.body);
    edition = published.json().id;
    const made = await coord.post('/api/me/tokens', { name: 'QGIS på GIS-enheten', expiresInDays: 1 });
    assert.equal(made.statusCode, 201, made.body);
    token = made.json().token;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/ogc`;
    home = mkdtempSync(join(tmpdir(), 'lb-qgis-'));
  });
  after(async () => {
    await t.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** Every feature of a collection as the API pages it: id → position in SWEREF 99 TM (a polygon's first vertex is not used). */
  async function apiFeatures(collection: string): Promise<{ matched: number; ids: string[]; geometries: Map<string, { type: string; coordinates: unknown } | null> }> {
    const ids: string[] = [];
    const geometries = new Map<string, { type: string; coordinates: unknown } | null>();
    let url: string | undefined = `/ogc/collections/${collection}/items?limit=1000&crs=${encodeURIComponent(EPSG_3006)}`;
    let matched = -1;
    while (url) {
      const res = await coord.get(url.replace(/^https?:\/\/[^/]+/, ''), { accept: 'application/geo+json' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { numberMatched: number; features: Array<{ id: string; geometry: { type: string; coordinates: unknown } | null }>; links: Array<{ rel: string; href: string }> };
      if (matched < 0) matched = body.numberMatched;
      for (const f of body.features) { ids.push(String(f.id)); geometries.set(String(f.id), f.geometry); }
      url = body.links.find((l) => l.rel === 'next')?.href;
    }
    return { matched, ids, geometries };
  }

  test('every layer loads with the API\'s features, in SWEREF 99 TM where the API puts them; a time filter reaches the server; a wrong token gets no layer', async (ctx) => {
    if (tools.skip) return ctx.skip(tools.skip);
    const since = `${day(-7)}T00:00:00Z`;
    const layers = [...LAYERS, `edition-${edition}-hotspots`, `edition-${edition}-zones`];
    const { stdout } = await run(PYTHON, ['-c', SCRIPT, base, token, since, JSON.stringify(layers)], {
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', HOME: home, XDG_RUNTIME_DIR: home }, maxBuffer: 64 * 2 ** 20, timeout: 180_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, LayerRead> & { since: string[]; wrongToken: boolean };

    for (const name of layers) {
      const got = out[name];
      const api = await apiFeatures(name);
      assert.ok(got.valid, `${name}: QGIS loaded the layer`);
      assert.equal(got.count, api.matched, `${name}: QGIS's feature count is the API's numberMatched`);
      assert.deepEqual(got.features.map((f) => f.id).sort(), [...api.ids].sort(), `${name}: the same features`);
      if (!api.ids.length) continue;
      assert.equal(got.crs, 'EPSG:4326', `${name}: the layer is in CRS84, which QGIS reprojects`);
      for (const f of got.features) {
        const g = api.geometries.get(f.id)!;
        if (g?.type !== 'Point') continue;
        const [e, n] = g.coordinates as [number, number];
        assert.ok(f.xy && Math.hypot(f.xy[0] - e, f.xy[1] - n) < 0.05, `${name} ${f.id}: QGIS puts it at ${f.xy} in SWEREF 99 TM, the API at ${e},${n}`);
      }
    }
    assert.ok(out.incidents.count >= 73, 'the coordinator\'s token sees the restricted report too');
    for (const field of ['categoryCode', 'occurredFrom', 'reviewStatus', 'organisationName']) assert.ok(out.incidents.fields.includes(field), field);
    assert.ok(out[`edition-${edition}-hotspots`].count > 0, 'the edition has hotspot cells');
    // Polygons (an area, a hotspot cell, a zone): QGIS's centroid inside the API's box around it.
    for (const name of ['areas', `edition-${edition}-hotspots`]) {
      const api = await apiFeatures(name);
      for (const f of out[name].features) {
        const positions = (api.geometries.get(f.id)!.coordinates as unknown[]).flat(3) as number[];
        const es = positions.filter((_, k) => k % 2 === 0), ns = positions.filter((_, k) => k % 2 === 1);
        const [e, n] = f.xy!;
        assert.ok(e > Math.min(...es) && e < Math.max(...es) && n > Math.min(...ns) && n < Math.max(...ns), `${name} ${f.id}: QGIS puts it at ${f.xy}, inside the API's shape in SWEREF 99 TM`);
      }
    }

    // The time filter: the features since the day, and QGIS asked the server for them (datetime).
    const res = await coord.get(`/ogc/collections/incidents/items?limit=1000&datetime=${encodeURIComponent(`${since}/..`)}`);
    const recent = (res.json().features as Array<{ id: string }>).map((f) => f.id);
    assert.deepEqual([...out.since].sort(), [...recent].sort());
    assert.ok(recent.length > 0 && recent.length < out.incidents.count);
    const sent = await t.db.query<{ q: { datetime?: string } }>(`SELECT details->'query' AS q FROM audit_log WHERE action = 'ogc.read' AND details->>'collection' = 'incidents' AND details->>'via' = 'token'`);
    assert.ok(sent.rows.some((r) => r.q.datetime?.startsWith(since)), `QGIS sent the time filter: ${JSON.stringify(sent.rows.map((r) => r.q))}`);

    assert.equal(out.wrongToken, false, 'a wrong token gives no layer');
  });
});
