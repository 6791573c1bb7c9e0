import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toSweref99tm } from '../../../../src/core/geo/crs.ts';
import { cellBBox, inCell, LatestRequest, parseCellId, urls, withParams } from './data.ts';

test('URLs carry the filters, the view and nothing else', () => {
  assert.equal(withParams('', { a: 1 }), '?a=1');
  assert.equal(withParams('?from=2026-01-01', { b: undefined, c: 'x' }), '?from=2026-01-01&c=x');
  assert.equal(urls.points('?from=2026-10-28&to=2026-11-25', [12.4, 57.8, 12.7123456, 58.1], 11.7),
    '/api/map/points?from=2026-10-28&to=2026-11-25&bbox=12.4%2C57.8%2C12.71235%2C58.1&zoom=11');
  assert.equal(urls.hotspots('', 250), '/api/map/hotspots?cellSize=250&distance=500');
  assert.equal(urls.areas('?categories=a%2Cb', 'district'), '/api/map/areas?categories=a%2Cb&kind=district');
  assert.equal(urls.incidents('?area=x', { area: 'y', limit: 50 }), '/api/incidents?area=y&limit=50');
  assert.match(urls.grid('', 100, [12, 57, 13, 58]), /^\/api\/map\/grid\?cellSize=100&bbox=12%2C57%2C13%2C58$/);
});

test('a cell id names a SWEREF 99 TM cell; its WGS84 box holds it; incidents are matched in metres', () => {
  assert.equal(parseCellId('nonsense'), null);
  assert.equal(parseCellId(undefined), null);
  assert.equal(parseCellId('0:1:2'), null);
  const c = parseCellId('250:1414:25694')!;
  assert.deepEqual(c, { size: 250, col: 1414, row: 25694, minE: 353500, minN: 6423500, maxE: 353750, maxN: 6423750 });
  const box = cellBBox(c);
  const mid = { e: 353625, n: 6423625 };
  const inside = toSweref99tm((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  assert.ok(Math.abs(inside.e - mid.e) < 5 && Math.abs(inside.n - mid.n) < 5, 'the box is centred on the cell');
  assert.ok(inCell(c, { e: 353500, n: 6423500 }));
  assert.ok(!inCell(c, { e: 353750, n: 6423600 }), 'the max edge belongs to the next cell');
  assert.equal(parseCellId('100:-3:5')!.minE, -300);
});

test('LatestRequest aborts the stale request and reports it as stale', async () => {
  const r = new LatestRequest();
  const signals: AbortSignal[] = [];
  let release!: () => void;
  const slow = (url: string, signal: AbortSignal) => { signals.push(signal); return new Promise<string>((res) => { release = () => res(url); }); };
  const first = r.run('/a', slow);
  const releaseFirst = release;
  assert.equal(r.busy, true);
  const second = r.run('/b', slow);
  assert.equal(signals[0].aborted, true, 'the first was aborted');
  releaseFirst();
  release();
  assert.equal(await first, r.stale);
  assert.equal(await second, '/b');
  assert.equal(r.completed, '/b');
  assert.equal(r.busy, false);
  await assert.rejects(r.run('/c', async () => { throw new Error('boom'); }), /boom/);
  r.reset();
  assert.equal(r.completed, null);
});
