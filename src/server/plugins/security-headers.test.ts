import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { TileProxy, tileUserAgent } from '../../node/base-map/tile-proxy.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { startTileUpstream, type TileUpstream } from '../../../test/support/tiles.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { PERMISSIONS_POLICY } from './security-headers.ts';

/** The CSP as directive → values. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = res.headers['content-security-policy'];
  assert.equal(typeof header, 'string', `no Content-Security-Policy on ${res.statusCode} ${res.headers['content-type']}`);
  return new Map(String(header).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

/** The headers every answer carries, whatever it is. */
function assertCommon(res: LightMyRequestResponse, what: string): void {
  const p = csp(res);
  assert.deepEqual(p.get('default-src'), ["'self'"], what);
  assert.deepEqual(p.get('script-src'), ["'self'"], `${what}: no inline script, no eval`);
  assert.deepEqual(p.get('frame-ancestors'), ["'none'"], what);
  assert.deepEqual(p.get('worker-src'), ["'self'", 'blob:'], `${what}: MapLibre's worker`);
  assert.deepEqual(p.get('child-src'), ['blob:'], what);
  assert.deepEqual(p.get('object-src'), ["'none'"], what);
  for (const src of ["'self'", 'data:', 'blob:']) assert.ok(p.get('img-src')?.includes(src), `${what}: img-src ${src}`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(res.headers['referrer-policy'], 'same-origin', what);
  assert.equal(res.headers['x-frame-options'], 'DENY', what);
  assert.equal(res.headers['permissions-policy'], PERMISSIONS_POLICY, what);
  assert.match(String(res.headers['permissions-policy']), /(^|, )geolocation=\(self\)(,|$)/);
  assert.match(String(res.headers['permissions-policy']), /(^|, )microphone=\(\)(,|$)/);
  assert.equal(res.headers['strict-transport-security'], undefined, `${what}: no HSTS without SECURE_COOKIES`);
}

describe('security headers on every kind of answer', () => {
  let t: TestApp;
  let coordinator: Client;
  let admin: Client;
  let webRoot: string;
  let cacheDir: string;
  let upstream: TileUpstream;

  before(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'lb-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'export {};');
    upstream = await startTileUpstream();
    cacheDir = mkdtempSync(join(tmpdir(), 'lb-tiles-'));
    const tiles = new TileProxy({ upstream: upstream.template, cacheDir, userAgent: tileUserAgent('gis@kommun.example'), timeoutMs: 1_000 });
    t = await startTestApp('pglite', { webRoot, tiles, publicUrl: 'https://lagesbild.kommun.example' });
    coordinator = await t.as('coordinator');
    admin = await t.as('admin');
  });
  after(async () => {
    await t?.close();
    await upstream?.close();
    rmSync(webRoot, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('the app\'s page and its script', async () => {
    const html = await t.anonymous().get('/', { accept: 'text/html' });
    assert.equal(html.statusCode, 200);
    assertCommon(html, 'index.html');
    assert.equal(html.headers['cache-control'], 'no-cache', 'the shell is revalidated, not stored away from the policy');
    const js = await t.anonymous().get('/assets/app.js');
    assert.equal(js.statusCode, 200);
    assertCommon(js, 'a script');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable', 'hashed assets stay cacheable');
  });

  test('API answers with data, errors and unknown paths are not stored', async () => {
    const cases: Array<[string, LightMyRequestResponse, number]> = [
      ['JSON', await coordinator.get('/api/incidents?limit=1'), 200],
      ['me', await coordinator.get('/api/me'), 200],
      ['401', await t.anonymous().get('/api/incidents'), 401],
      ['422', await coordinator.get('/api/incidents?limit=banana'), 422],
      ['404 route', await coordinator.get('/api/no-such-thing'), 404],
      ['404 record', await coordinator.get('/api/incidents/00000000-0000-4000-8000-00000000dead'), 404],
    ];
    for (const [what, res, status] of cases) {
      assert.equal(res.statusCode, status, `${what}: ${res.body}`);
      assertCommon(res, what);
      assert.equal(res.headers['cache-control'], 'no-store', what);
    }
    const page404 = await t.anonymous().get('/no-such-page.html');
    assert.equal(page404.statusCode, 404);
    assertCommon(page404, 'a page that is not there');
  });

  test('the map\'s tiles stay cacheable; their status and a missing tile do not', async () => {
    const tile = await coordinator.get('/api/tiles/osm/14/8762/4858.png');
    assert.equal(tile.statusCode, 200, tile.body);
    assertCommon(tile, 'a tile');
    assert.match(String(tile.headers['cache-control']), /^private, max-age=\d+$/);
    const status = await coordinator.get('/api/tiles/osm/status');
    assert.equal(status.headers['cache-control'], 'no-store');
    const bad = await coordinator.get('/api/tiles/osm/99/0/0.png');
    assert.ok(bad.statusCode >= 400);
    assertCommon(bad, 'a refused tile');
    assert.equal(bad.headers['cache-control'], 'no-store');
  });

  test('the Swagger UI and the API\'s HTML documents may style inline, the app may not', async () => {
    const docs = await t.anonymous().get('/docs/', { accept: 'text/html' });
    assert.ok(docs.statusCode === 200 || docs.statusCode === 302, String(docs.statusCode));
    assert.ok(csp(docs).get('style-src')?.includes("'unsafe-inline'"));
    assert.ok(csp(await coordinator.get('/api/me')).get('style-src')?.includes("'unsafe-inline'"));
    assert.deepEqual(csp(docs).get('script-src'), ["'self'"]);
    assert.ok(!csp(await t.anonymous().get('/', { accept: 'text/html' })).get('style-src')?.includes("'unsafe-inline'"));
  });

  test('a custom tile source set by an administrator is allowed in the next page\'s policy', async () => {
    const before = csp(await t.anonymous().get('/', { accept: 'text/html' }));
    assert.ok(!before.get('img-src')?.includes('https://tiles.kommun.example'));
    const set = await admin.put('/api/settings/map', { source: 'custom', tileUrl: 'https://tiles.kommun.example/wmts/{z}/{x}/{y}.png', attribution: '© Kommunen', maxZoom: 18 });
    assert.equal(set.statusCode, 200, set.body);
    const after = csp(await t.anonymous().get('/', { accept: 'text/html' }));
    assert.ok(after.get('img-src')?.includes('https://tiles.kommun.example'), String(after.get('img-src')));
    assert.ok(after.get('connect-src')?.includes('https://tiles.kommun.example'), String(after.get('connect-src')));
    await admin.put('/api/settings/map', { source: 'osm', maxZoom: 19 });
  });

  test('a write from another site is refused before its session or token is looked at', async () => {
    const evil = await coordinator.post('/api/places', { name: 'Forged' }, { origin: 'https://evil.example' });
    assert.equal(evil.statusCode, 403);
    assert.equal(evil.json().error.code, 'origin_refused');
    assert.match(evil.json().error.message, /https:\/\/evil\.example/);
    assertCommon(evil, 'a refused write');
    const viaReferer = await coordinator.post('/api/places', { name: 'Forged' }, { referer: 'https://evil.example/page' });
    assert.equal(viaReferer.statusCode, 403);
    assert.equal(viaReferer.json().error.code, 'origin_refused');
    // The login and the set-up have no token to check: the Origin is all that stops a forged one.
    const login = await t.anonymous().post('/api/auth/login', { email: FX.users.coordinator.email, password: FX.password }, { origin: 'https://evil.example' });
    assert.equal(login.statusCode, 403);
    assert.equal(login.cookies.length, 0);
    const en = await coordinator.post('/api/places', { name: 'Forged' }, { origin: 'null', 'accept-language': 'en' });
    assert.equal(en.statusCode, 403);
    assert.match(en.json().error.message, /another site/);
  });

  test('writes from the app\'s own origin (PUBLIC_URL or Host) and from clients that name none go on to the token check', async () => {
    const own = await coordinator.post('/api/auth/logout', {}, { origin: 'https://lagesbild.kommun.example' });
    assert.notEqual(own.statusCode, 403, own.body);
    const c2 = await t.as('coordinator');
    const host = await c2.post('/api/auth/logout', {}, { origin: 'http://localhost:80', host: 'localhost:80' });
    assert.notEqual(host.statusCode, 403, host.body);
    const c3 = await t.as('coordinator');
    const none = await c3.post('/api/auth/logout', {});
    assert.notEqual(none.statusCode, 403, none.body);
    // The token is still wanted from them all.
    const c4 = await t.as('coordinator');
    const noToken = await c4.post('/api/auth/logout', {}, { origin: 'https://lagesbild.kommun.example', 'x-csrf-token': 'wrong' });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'csrf_failed');
  });
});

describe('HSTS behind HTTPS', () => {
  test('with SECURE_COOKIES the answers tell browsers to use HTTPS only', async () => {
    const t = await startTestApp('pglite', { secureCookies: true, webRoot: false });
    try {
      const res = await t.anonymous().get('/api/me');
      assert.match(String(res.headers['strict-transport-security']), /^max-age=31536000$/);
    } finally {
      await t.close();
    }
  });
});
