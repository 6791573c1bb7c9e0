/**
 * The OGC API as real clients read it (issue 17 item 5): GDAL's OAPIF driver from Debian (ogrinfo,
 * ogr2ogr — what QGIS is built on) and OWSLib's ogcapi.features (Debian's python3-owslib), against
 * a server listening on a port, with a personal API token. GDAL's debug output (CPL_DEBUG) shows the
 * URLs it sent: the box and the attribute filter must reach the server, not be applied by GDAL to
 * everything it downloaded. The counts must equal the incident list's for the same filters.
 * In CI a missing tool fails the test; elsewhere it is skipped with the reason.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { testEngines } from '../../../test/support/db.ts';
import { insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { transform } from '../../core/geo/index.ts';
import { EPSG_3006 } from '../../core/ogc/crs.ts';

const run = promisify(execFile);
const DAY = 86_400_000;
const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
const [nx, ny] = transform(4326, 3006, POINTS.alingsasNolby.lon, POINTS.alingsasNolby.lat);
const PYTHON = process.env.LB_OWSLIB_PYTHON ?? '/usr/bin/python3';

/** The tools, or why they are missing; in CI a missing tool throws (these tests must run there). */
function clientTools(): { skip?: string } {
  const missing: string[] = [];
  if (spawnSync('ogrinfo', ['--version']).status !== 0) missing.push('ogrinfo (apt-get install gdal-bin)');
  if (spawnSync(PYTHON, ['-c', 'from owslib.ogcapi.features import Features']).status !== 0) missing.push(`OWSLib for ${PYTHON} (apt-get install python3-owslib, or set LB_OWSLIB_PYTHON)`);
  if (!missing.length) return {};
  const msg = `OGC clients not available: ${missing.join('; ')}`;
  if (process.env.CI === 'true') throw new Error(`${msg} — in CI the OGC client tests must run`);
  return { skip: msg };
}

/** ogrinfo's feature count per layer (-so), and the URLs GDAL's debug output says it fetched. */
function parseOgrinfo(out: string): { counts: Map<string, number>; urls: string[] } {
  const counts = new Map<string, number>();
  for (const block of out.split(/^Layer name: /m).slice(1)) {
    const name = block.split('\n')[0].trim();
    const n = /^Feature Count: (-?\d+)/m.exec(block);
    if (n) counts.set(name, Number(n[1]));
  }
  const urls = [...out.matchAll(/HTTP: Fetch\((https?:\/\/[^)\s]+)\)/g)].map((m) => decodeURIComponent(m[1]));
  return { counts, urls };
}

for (const engine of testEngines()) {
  describe(`GDAL and OWSLib read the OGC API on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    let base: string;
    let token: string;
    let tools: { skip?: string };
    before(async () => {
      tools = clientTools();
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      let s = 3;
      const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
      const rows: Parameters<typeof insertIncidents>[1] = [];
      for (let k = 0; k < 40; k++) rows.push({ categoryCode: k % 3 ? 'skadegorelse.klotter' : 'nedskrapning', e: cx + rnd() * 300 - 150, n: cy + rnd() * 300 - 150, at: new Date(Date.now() - (1 + k) * DAY / 2), org: k % 2 ? 'alingsashem' : 'kommun' });
      for (let k = 0; k < 15; k++) rows.push({ categoryCode: 'nedskrapning', e: nx + rnd() * 300, n: ny + rnd() * 300, at: new Date(Date.now() - (2 + k) * DAY), org: 'bevakning' });
      for (let k = 0; k < 3; k++) rows.push({ categoryCode: 'skadegorelse.klotter', e: cx + k, n: cy, at: new Date(Date.now() - DAY), org: 'polisen', visibility: 'restricted' });
      await insertIncidents(t, rows);
      await t.db.query(`UPDATE incidents SET review_status = 'reviewed' WHERE organisation_id = $1`, [FX.orgs.kommun]);
      const place = await coord.post('/api/places', { name: 'Stationen', kind: 'station', geometry: { type: 'Point', coordinates: [POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat] } });
      assert.equal(place.statusCode, 201, place.body);
      const made = await coord.post('/api/me/tokens', { name: 'GDAL i testerna', expiresInDays: 1 });
      assert.equal(made.statusCode, 201, made.body);
      token = made.json().token;
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/ogc`;
    });
    after(() => t.close());

    /** How many incidents the API's list gives for a query (every page). */
    async function apiCount(query: string): Promise<number> {
      let n = 0;
      let cursor: string | null = null;
      do {
        const res = await coord.get(`/api/incidents?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        n += res.json().items.length;
        cursor = res.json().nextCursor;
      } while (cursor);
      return n;
    }

    const gdalEnv = () => ({ ...process.env, CPL_DEBUG: 'ON', GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}`, GDAL_HTTP_TIMEOUT: '60' });
    /** ogrinfo with its debug output (stderr) after its answer. */
    async function ogrinfo(args: string[], env: NodeJS.ProcessEnv = gdalEnv()): Promise<string> {
      const { stdout, stderr } = await run('ogrinfo', args, { env, maxBuffer: 64 * 2 ** 20 });
      return `${stdout}\n${stderr}`;
    }

    test('ogrinfo lists the layers with the API\'s feature counts', async (ctx) => {
      if (tools.skip) return ctx.skip(tools.skip);
      const { counts } = parseOgrinfo(await ogrinfo(['-ro', '-so', '-al', `OAPIF:${base}`]));
      for (const layer of ['incidents', 'police-events', 'places', 'areas', 'measures']) assert.ok(counts.has(layer), `layer ${layer}: ${[...counts.keys()]}`);
      assert.equal(counts.get('incidents'), await apiCount(''));
      assert.equal(counts.get('incidents'), 58, 'the coordinator\'s token sees the restricted reports too');
      assert.equal(counts.get('places'), 1);
    });

    test('a -spat box and a -where filter reach the server (GDAL\'s URLs), with the API\'s counts', async (ctx) => {
      if (tools.skip) return ctx.skip(tools.skip);
      const box = [12.505, 57.935, 12.53, 57.95];
      const spat = parseOgrinfo(await ogrinfo(['-ro', '-so', `OAPIF:${base}`, 'incidents', '-spat', ...box.map(String)]));
      const sent = spat.urls.map((u) => /\/collections\/incidents\/items\?.*bbox=([^&]+)/.exec(u)?.[1]).filter((b): b is string => !!b);
      assert.ok(sent.length > 0, `GDAL sent a box: ${spat.urls.join('\n')}`);
      sent.forEach((b) => b.split(',').map(Number).forEach((v, k) => assert.ok(Math.abs(v - box[k]) < 1e-9, `the box GDAL sent: ${b}`)));
      assert.equal(spat.counts.get('incidents'), await apiCount(`bbox=${box.join(',')}`));
      assert.ok(spat.counts.get('incidents')! >= 15);
      const where = parseOgrinfo(await ogrinfo(['-ro', '-so', `OAPIF:${base}`, 'incidents', '-where', 'reviewStatus = \'reviewed\'']));
      assert.ok(where.urls.some((u) => /\/collections\/incidents\/items\?.*reviewStatus=reviewed/.test(u)), `GDAL sent the filter: ${where.urls.join('\n')}`);
      assert.equal(where.counts.get('incidents'), await apiCount('reviewStatus=reviewed'));
      assert.equal(where.counts.get('incidents'), 20);
    });

    test('ogr2ogr copies every page (HTTP Basic with the token as password) and the features are the API\'s', async (ctx) => {
      if (tools.skip) return ctx.skip(tools.skip);
      const env = { ...process.env, CPL_DEBUG: 'ON' };
      const { stdout, stderr } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', `OAPIF:${base}`, 'incidents', '-oo', 'PAGE_SIZE=10', '-oo', `USERPWD=gis:${token}`], { env, maxBuffer: 64 * 2 ** 20 });
      const features = JSON.parse(stdout).features as Array<{ properties: { id: string }; geometry: { coordinates: number[] } }>;
      const api = (await coord.get('/api/incidents?limit=1000')).json().items as Array<{ id: string; location: { lon: number; lat: number } }>;
      assert.deepEqual(features.map((f) => f.properties.id).sort(), api.map((i) => i.id).sort());
      const byId = new Map(api.map((i) => [i.id, i]));
      for (const f of features) assert.deepEqual(f.geometry.coordinates, [byId.get(f.properties.id)!.location.lon, byId.get(f.properties.id)!.location.lat]);
      assert.ok((stderr.match(/cursor=a/g) ?? []).length >= 5, 'GDAL followed the next links');
    });

    test('a revoked token: GDAL gets nothing', async (ctx) => {
      if (tools.skip) return ctx.skip(tools.skip);
      const made = (await coord.post('/api/me/tokens', { name: 'Kort', expiresInDays: 1 })).json();
      assert.equal((await coord.delete(`/api/me/tokens/${made.id}`)).statusCode, 204);
      // Asynchronously: the server answering GDAL runs in this process.
      const failed = await run('ogrinfo', ['-ro', '-so', '-al', `OAPIF:${base}`], { env: { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${made.token}` } })
        .then(() => null, (e: { code: number; stdout: string; stderr: string }) => e);
      assert.ok(failed && failed.code !== 0, 'ogrinfo fails');
      assert.match(`${failed.stdout}${failed.stderr}`, /401|Unauthorized|failed/i);
      assert.doesNotMatch(failed.stdout, /Feature Count/);
    });

    test('OWSLib: conformance, collections, items with a box, the time and SWEREF 99 TM, one feature', async (ctx) => {
      if (tools.skip) return ctx.skip(tools.skip);
      const script = `
import json, sys
from owslib.ogcapi.features import Features
from owslib.util import Authentication
w = Features(sys.argv[1] + '/', auth=Authentication('gis', sys.argv[2]))
out = {}
out['conformance'] = w.conformance()['conformsTo']
out['collections'] = w.feature_collections()
out['api_paths'] = sorted(w.api()['paths'].keys())
page = w.collection_items('incidents', limit=5, bbox=[12.505, 57.935, 12.53, 57.95])
out['bbox'] = {'numberMatched': page['numberMatched'], 'numberReturned': page['numberReturned'], 'next': [l['href'] for l in page['links'] if l['rel'] == 'next']}
sweref = w.collection_items('incidents', limit=3, crs='${EPSG_3006}', datetime='../' + sys.argv[3])
out['sweref'] = [f['geometry']['coordinates'] for f in sweref['features']] + [f['id'] for f in sweref['features']]
out['sweref_matched'] = sweref['numberMatched']
out['one'] = w.collection_item('incidents', sweref['features'][0]['id'])['id']
print(json.dumps(out))
`;
      const until = new Date(Date.now() - 5 * DAY).toISOString();
      const { stdout } = await run(PYTHON, ['-c', script, base, token, until], { maxBuffer: 16 * 2 ** 20 });
      const out = JSON.parse(stdout);
      assert.ok(out.conformance.includes('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core'));
      for (const c of ['incidents', 'places', 'areas', 'measures', 'police-events']) assert.ok(out.collections.includes(c), c);
      assert.ok(out.api_paths.includes('/collections/incidents/items'));
      assert.equal(out.bbox.numberMatched, await apiCount('bbox=12.505,57.935,12.53,57.95'));
      assert.equal(out.bbox.numberReturned, 5);
      assert.equal(out.bbox.next.length, 1);
      assert.equal(out.sweref_matched, await apiCount(`to=${until}`));
      const api = (await coord.get('/api/incidents?limit=1000')).json().items as Array<{ id: string; location: { e: number; n: number } }>;
      const ids = out.sweref.slice(3) as string[];
      ids.forEach((id, k) => assert.deepEqual(out.sweref[k], [api.find((i) => i.id === id)!.location.e, api.find((i) => i.id === id)!.location.n]));
      assert.equal(out.one, ids[0]);
    });
  });
}
