import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TileProxy, tileUserAgent } from '../../node/base-map/tile-proxy.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { startTileUpstream, UNREACHABLE_TILES, type TileUpstream } from '../../../test/support/tiles.ts';

/**
 * The maps' OpenStreetMap background through the server (issue 12, item 2), against a tile server on
 * 127.0.0.1 that stands in for tile.openstreetmap.org.
 */
describe('the tile proxy: GET /api/tiles/osm/{z}/{x}/{y}.png and its status', () => {
  let upstream: TileUpstream;
  let cacheDir: string;
  let t: TestApp;
  let rep: Client;
  before(async () => {
    upstream = await startTileUpstream();
    cacheDir = mkdtempSync(join(tmpdir(), 'lagesbild-tiles-'));
    const tiles = new TileProxy({ upstream: upstream.template, cacheDir, userAgent: tileUserAgent('gis@kommun.example'), timeoutMs: 1_000 });
    t = await startTestApp('pglite', { tiles });
    rep = await t.as('reporter');
  });
  after(async () => {
    await t?.close();
    await upstream?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('the maps\' default is OpenStreetMap through this server', async () => {
    assert.deepEqual((await rep.get('/api/settings/map')).json(), { source: 'osm', tileUrl: '/api/tiles/osm/{z}/{x}/{y}.png', attribution: null, maxZoom: 19 });
  });

  test('a tile is fetched once with a User-Agent naming Lägesbild, kept on disk and then served from there', async () => {
    const first = await rep.get('/api/tiles/osm/14/8762/4858.png');
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers['content-type'], 'image/png');
    assert.deepEqual(first.rawPayload, upstream.png);
    assert.equal(first.headers['x-tile-cache'], 'upstream');
    assert.match(String(first.headers['cache-control']), /^private, max-age=86400$/);
    assert.deepEqual(upstream.requests.map((r) => r.path), ['/14/8762/4858.png']);
    assert.match(String(upstream.requests[0].headers['user-agent']), /^Lagesbild\/\d+\.\d+\.\d+ \(map tile proxy; \+gis@kommun\.example\)$/);
    assert.deepEqual(readFileSync(join(cacheDir, '14', '8762', '4858.tile')), upstream.png, 'the tile is on disk');

    const second = await rep.get('/api/tiles/osm/14/8762/4858.png');
    assert.equal(second.statusCode, 200);
    assert.deepEqual(second.rawPayload, upstream.png);
    assert.equal(second.headers['x-tile-cache'], 'cache');
    assert.equal(upstream.requests.length, 1, 'the second request never reached the upstream');
  });

  test('only signed-in users get tiles', async () => {
    const res = await t.anonymous().get('/api/tiles/osm/14/8763/4858.png');
    assert.equal(res.statusCode, 401);
    assert.equal(upstream.requests.length, 1);
  });

  test('a zoom above 19, x or y outside the grid, or no integer is a 400 that names the segment, and nothing is fetched', async () => {
    const field = async (path: string) => {
      const res = await rep.get(path);
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      assert.equal(res.json().error.code, 'malformed_request');
      return res.json().error.fields.map((f: { field: string; code: string }) => `${f.field} ${f.code}`);
    };
    assert.deepEqual(await field('/api/tiles/osm/20/0/0.png'), ['z too_large']);
    assert.deepEqual(await field('/api/tiles/osm/1/2/0.png'), ['x too_large']);
    assert.deepEqual(await field('/api/tiles/osm/3/0/8.png'), ['y too_large']);
    assert.deepEqual(await field('/api/tiles/osm/3/-1/0.png'), ['x type']);
    assert.deepEqual(await field('/api/tiles/osm/a/0/0.png'), ['z type']);
    assert.equal(upstream.requests.length, 1);
  });

  test('the status says the tiles can be had while the upstream answers', async () => {
    const res = await rep.get('/api/tiles/osm/status');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { available: true, retryAfter: null });
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('a failing upstream: a quick 503 with Retry-After, then no more tries for a while; cached tiles still served', async () => {
    upstream.mode = 'fail';
    const before = upstream.requests.length;
    const t0 = Date.now();
    const failed = await rep.get('/api/tiles/osm/14/8763/4858.png');
    assert.equal(failed.statusCode, 503, failed.body);
    assert.ok(Date.now() - t0 < 1_000, `answered in ${Date.now() - t0} ms`);
    assert.equal(failed.json().error.code, 'unavailable');
    assert.equal(failed.headers['retry-after'], '60');
    assert.equal(failed.headers['cache-control'], 'no-store');
    assert.equal(upstream.requests.length, before + 1);

    const again = await rep.get('/api/tiles/osm/14/8764/4858.png');
    assert.equal(again.statusCode, 503);
    assert.equal(upstream.requests.length, before + 1, 'the failure is remembered: the upstream is not asked again');
    assert.deepEqual((await rep.get('/api/tiles/osm/status')).json().available, false);
    const cached = await rep.get('/api/tiles/osm/14/8762/4858.png');
    assert.equal(cached.statusCode, 200);
    assert.deepEqual(cached.rawPayload, upstream.png);
    upstream.mode = 'ok';
  });
});

describe('the tile proxy without internet', () => {
  let cacheDir: string;
  let t: TestApp;
  before(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'lagesbild-tiles-'));
    t = await startTestApp('pglite', { tiles: new TileProxy({ upstream: UNREACHABLE_TILES, cacheDir, userAgent: tileUserAgent(null) }) });
  });
  after(async () => {
    await t?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('an unreachable upstream: the status says no and a tile is a quick 503, nothing is cached', async () => {
    const rep = await t.as('reporter');
    const t0 = Date.now();
    assert.deepEqual((await rep.get('/api/tiles/osm/status')).json(), { available: false, retryAfter: 60 });
    const res = await rep.get('/api/tiles/osm/10/547/303.png');
    assert.equal(res.statusCode, 503);
    assert.ok(Date.now() - t0 < 2_000, `answered in ${Date.now() - t0} ms`);
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.equal(existsSync(join(cacheDir, '10')), false);
  });
});

describe('a server without the tile proxy (LAGESBILD_TILE_UPSTREAM=off)', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('pglite'); });
  after(() => t?.close());

  test('OpenStreetMap stays the source, but there is no address to fetch from: the maps draw their offline base', async () => {
    const rep = await t.as('reporter');
    assert.deepEqual((await rep.get('/api/settings/map')).json(), { source: 'osm', tileUrl: null, attribution: null, maxZoom: 19 });
    assert.deepEqual((await rep.get('/api/tiles/osm/status')).json(), { available: false, retryAfter: null });
    assert.equal((await rep.get('/api/tiles/osm/10/547/303.png')).statusCode, 503);
  });

  test('an administrator chooses another source or the offline map; settings stored before sources keep their meaning', async () => {
    const admin = await t.as('admin');
    const rep = await t.as('reporter');
    const lm = { source: 'custom', tileUrl: 'https://api.lantmateriet.se/open/topowebb-ccby/v1/wmts/token/T/1.0.0/topowebb/default/3857/{z}/{y}/{x}.png', attribution: '© Lantmäteriet (CC BY 4.0)', maxZoom: 17 };
    assert.equal((await admin.put('/api/settings/map', { ...lm, tileUrl: null })).json().error.fields[0].field, 'tileUrl');
    assert.equal((await admin.put('/api/settings/map', lm)).statusCode, 200);
    assert.deepEqual((await rep.get('/api/settings/map')).json(), lm);
    assert.deepEqual((await admin.put('/api/settings/map', { source: 'none', maxZoom: 18 })).json(), { source: 'none', tileUrl: null, attribution: null, maxZoom: 18 });
    assert.equal((await admin.put('/api/settings/map', { source: 'osm', maxZoom: 20 })).json().error.fields[0].field, 'maxZoom');
    assert.equal((await admin.put('/api/settings/map', { source: 'osm', maxZoom: 19 })).json().source, 'osm');
    // As the API was before sources: a URL is a custom source, none the offline map.
    await t.db.query(`UPDATE municipalities SET settings = jsonb_set(settings, '{map}', $2::jsonb) WHERE id = $1`, [FX.alingsas, JSON.stringify({ tileUrl: null, attribution: null, maxZoom: 18 })]);
    assert.equal((await rep.get('/api/settings/map')).json().source, 'none');
    await t.db.query(`UPDATE municipalities SET settings = jsonb_set(settings, '{map}', $2::jsonb) WHERE id = $1`, [FX.alingsas, JSON.stringify({ tileUrl: lm.tileUrl, attribution: lm.attribution, maxZoom: 17 })]);
    assert.equal((await rep.get('/api/settings/map')).json().source, 'custom');
  });

  test('the municipalities carry their tätorter for the offline base map: Alingsås has its 11 tätorter from the shipped SCB points, the largest first', async () => {
    const ms = (await (await t.as('reporter')).get('/api/municipalities')).json() as Array<{ id: string; builtUpAreas: Array<{ code: string; name: string; population: number; lon: number; lat: number }> }>;
    const alingsas = ms.find((m) => m.id === FX.alingsas)!;
    assert.equal(alingsas.builtUpAreas.length, 11);
    assert.equal(alingsas.builtUpAreas[0].name, 'Alingsås');
    assert.ok(alingsas.builtUpAreas.every((b, i, all) => i === 0 || all[i - 1].population >= b.population));
    assert.deepEqual(alingsas.builtUpAreas.find((b) => b.name === 'Sollebrunn'), { code: '1489TB111', name: 'Sollebrunn', population: 1523, lon: 12.531475, lat: 58.122707 });
  });
});
