import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TileProxy, TileUnavailable, type TileProxyOptions } from './tile-proxy.ts';
import { startTileUpstream, type TileUpstream } from '../../../test/support/tiles.ts';

/** The proxy's manners towards its upstream, against a tile server on 127.0.0.1. */
describe('TileProxy', () => {
  let upstream: TileUpstream;
  const dirs: string[] = [];
  before(async () => { upstream = await startTileUpstream(); });
  after(async () => {
    await upstream.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.mode = 'ok';
    upstream.delayMs = 0;
    upstream.mostActive = 0;
  });

  function proxy(options: Partial<TileProxyOptions> = {}): { proxy: TileProxy; clock: { now: number }; warnings: string[] } {
    const cacheDir = mkdtempSync(join(tmpdir(), 'lagesbild-tiles-'));
    dirs.push(cacheDir);
    const clock = { now: Date.parse('2026-12-02T12:00:00Z') };
    const warnings: string[] = [];
    return { proxy: new TileProxy({ upstream: upstream.template, cacheDir, userAgent: 'Lagesbild/test', now: () => clock.now, warn: (m) => warnings.push(m), ...options }), clock, warnings };
  }

  test('at most `concurrency` upstream requests at once; the same tile asked for at once is fetched once', async () => {
    const { proxy: p } = proxy({ concurrency: 2 });
    upstream.delayMs = 100;
    const tiles = [0, 1, 2, 3, 4, 5].map((x) => p.tile({ z: 3, x, y: 1 }));
    const same = [1, 2, 3].map(() => p.tile({ z: 3, x: 7, y: 7 }));
    const answers = await Promise.all([...tiles, ...same]);
    assert.ok(answers.every((a) => a.from === 'upstream' && a.bytes.equals(upstream.png)));
    assert.equal(upstream.mostActive, 2);
    assert.equal(upstream.requests.filter((r) => r.path === '/3/7/7.png').length, 1);
    assert.equal(upstream.requests.length, 7);
  });

  test('an upstream that does not answer: unavailable within the timeout, and left alone for the failure period', async () => {
    const { proxy: p, clock, warnings } = proxy({ timeoutMs: 300, failureMemoryMs: 60_000 });
    upstream.mode = 'hang';
    const t0 = Date.now();
    await assert.rejects(p.tile({ z: 5, x: 1, y: 1 }), (e) => e instanceof TileUnavailable && e.retryAfterS === 60);
    const took = Date.now() - t0;
    assert.ok(took >= 250 && took < 1_000, `gave up after ${took} ms`);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /no answer within 300 ms; the maps draw their offline base, next try in 60 s/);
    upstream.mode = 'ok';
    const n = upstream.requests.length;
    await assert.rejects(p.tile({ z: 5, x: 2, y: 1 }), TileUnavailable);
    assert.deepEqual(await p.status(), { available: false, retryAfter: 60 });
    assert.equal(upstream.requests.length, n, 'not asked during the failure period');
    clock.now += 61_000;
    assert.equal((await p.tile({ z: 5, x: 2, y: 1 })).from, 'upstream', 'asked again afterwards');
  });

  test('a blocked client (429 with Retry-After) waits as long as the upstream says', async () => {
    const { proxy: p } = proxy({ failureMemoryMs: 60_000 });
    upstream.mode = 'throttle';
    await assert.rejects(p.tile({ z: 5, x: 3, y: 1 }), (e) => e instanceof TileUnavailable && e.retryAfterS === 120);
    assert.deepEqual(await p.status(), { available: false, retryAfter: 120 });
  });

  test('a tile is kept as long as the upstream says, then revalidated (304) and kept again; stale is better than nothing while the upstream is down', async () => {
    const { proxy: p, clock } = proxy({ minMaxAgeS: 3_600 });
    assert.equal((await p.tile({ z: 6, x: 1, y: 1 })).from, 'upstream');
    clock.now += 47 * 3_600_000;
    const fresh = await p.tile({ z: 6, x: 1, y: 1 });
    assert.equal(fresh.from, 'cache');
    assert.equal(fresh.maxAgeS, 3_600, 'the browser keeps it for the rest of its freshness');
    assert.equal(upstream.requests.length, 1);
    clock.now += 2 * 3_600_000;
    const revalidated = await p.tile({ z: 6, x: 1, y: 1 });
    assert.equal(revalidated.from, 'upstream');
    assert.ok(revalidated.bytes.equals(upstream.png));
    assert.equal(upstream.requests[1].headers['if-none-match'], upstream.etag);
    assert.equal((await p.tile({ z: 6, x: 1, y: 1 })).from, 'cache', 'fresh again after the 304');
    clock.now += 49 * 3_600_000;
    upstream.mode = 'fail';
    const stale = await p.tile({ z: 6, x: 1, y: 1 });
    assert.equal(stale.from, 'stale');
    assert.equal(stale.maxAgeS, 300);
  });

  test('an answer that is no image (a captive portal\'s page) is a failure, not a tile', async () => {
    const { proxy: p } = proxy();
    upstream.mode = 'portal';
    await assert.rejects(p.tile({ z: 1, x: 0, y: 0 }), (e) => e instanceof TileUnavailable && /text\/html/.test(e.message));
  });

  test('the status probes the world tile once, then answers from memory', async () => {
    const { proxy: p, clock } = proxy({ okMemoryMs: 300_000 });
    assert.deepEqual(await Promise.all([p.status(), p.status()]), [{ available: true, retryAfter: null }, { available: true, retryAfter: null }]);
    assert.deepEqual(upstream.requests.map((r) => r.path), ['/0/0/0.png']);
    assert.deepEqual(await p.status(), { available: true, retryAfter: null });
    assert.equal(upstream.requests.length, 1);
    clock.now += 301_000;
    await p.status();
    assert.equal(upstream.requests.length, 2);
    assert.equal(upstream.requests[1].headers['if-none-match'], upstream.etag, 'a revalidation of the cached world tile');
  });
});
