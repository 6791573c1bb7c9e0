import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hotspots, hotspotFeatures } from './index.ts';
import { binGrid } from '../grid/index.ts';
import { gistarGrid } from '../gistar/index.ts';
import { confidenceBins } from '../fdr/index.ts';

// base R binning + spdep::localG + p.adjust(BH) on 970 Chicago burglaries: fixtures/reference.R.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as {
  x: number[]; y: number[];
  cases: { cellSize: number; distance: number; cols: number; rows: number; counts: number[]; z: number[]; binsFdr: number[]; binsRaw: number[] }[];
};

test('matches base R binning + spdep::localG + BH bins on real burglary points', () => {
  for (const c of ref.cases) {
    const r = hotspots(ref.x, ref.y, { cellSize: c.cellSize, distance: c.distance });
    assert.deepEqual([r.grid.cols, r.grid.rows], [c.cols, c.rows]);
    assert.deepEqual([...r.counts], c.counts);
    c.z.forEach((e, i) => {
      const err = Math.abs(r.z[i] - e);
      assert.ok(err <= 1e-10 * Math.abs(e) || err <= 1e-12, `z[${i}]: got ${r.z[i]}, expected ${e}`);
    });
    assert.deepEqual([...r.bin], c.binsFdr, 'FDR bins');
    assert.deepEqual([...hotspots(ref.x, ref.y, { cellSize: c.cellSize, distance: c.distance, fdr: false }).bin], c.binsRaw, 'raw bins');
  }
});

test('is exactly binGrid → gistarGrid → confidenceBins', () => {
  const extent = { minX: 355000, minY: 570000, maxX: 365000, maxY: 590000 };
  const r = hotspots(ref.x, ref.y, { cellSize: 400, distance: 900, extent });
  const g = binGrid(ref.x, ref.y, { cellSize: 400, extent });
  const gi = gistarGrid({ cols: g.cols, rows: g.rows, cellSize: 400, values: g.counts }, { distance: 900 });
  assert.deepEqual(r.z, gi.z);
  assert.deepEqual(r.bin, confidenceBins(gi.z, gi.p, { fdr: true }));
  assert.deepEqual([r.grid.cols, r.grid.rows, r.grid.originX], [26, 50, 354800]); // 355000/400 = 887.5: snapped outward
});

test('a planted cluster is a 99 % hot spot; features carry stable ids and closed rings', () => {
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < 400; i++) { x.push(100 + (i % 20) * 500); y.push(100 + Math.floor(i / 20) * 500); } // uniform background
  for (let i = 0; i < 60; i++) { x.push(5100 + (i % 3) * 10); y.push(5100 + (i % 5) * 10); }              // a cluster
  const r = hotspots(x, y, { cellSize: 500, distance: 1000 });
  const hot = hotspotFeatures(r);
  assert.ok(hot.length > 0);
  const centre = hot.find((f) => f.id === '500:10:10');
  assert.ok(centre && centre.properties.bin === 3 && centre.properties.count === 61);
  for (const f of hot) assert.deepEqual(f.geometry.coordinates[0][0], f.geometry.coordinates[0][4]);
  assert.equal(hotspotFeatures(r, { all: true }).length, r.grid.cols * r.grid.rows);
});

test('does not change its input', () => {
  const x = [...ref.x], y = [...ref.y];
  hotspots(x, y, { cellSize: 500, distance: 1000 });
  assert.deepEqual([x, y], [ref.x, ref.y]);
});

test('rejects bad input with precise messages', () => {
  assert.throws(() => hotspots([1, 2], [1, 2], { cellSize: 100, distance: 50 }), /options.distance \(50\) is smaller than options.cellSize \(100\)/);
  assert.throws(() => hotspots([1, 2], [1, 2], { cellSize: 100, distance: -1 }), /options.distance must be a positive finite number, got -1/);
  assert.throws(() => hotspots([1, 2], [1, 2], { cellSize: 100, distance: 200 }), /single 100 m cell/);
  assert.throws(() => hotspots([1, NaN], [1, 2], { cellSize: 1, distance: 2 }), /point 1 has a non-finite coordinate/);
  assert.throws(() => hotspots([], [], { cellSize: 1, distance: 2 }), /no points and no options.extent/);
});

test('studyArea narrows the analysis to the accepted cells (FDR over those cells only)', () => {
  const inside = (x: number, y: number) => x < 358000 || y > 585000;
  const r = hotspots(ref.x, ref.y, { cellSize: 500, distance: 1000, studyArea: inside });
  const g = binGrid(ref.x, ref.y, { cellSize: 500 });
  const mask = new Uint8Array(g.cols * g.rows);
  const idx: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    const cx = g.originX + ((i % g.cols) + 0.5) * 500, cy = g.originY + (Math.floor(i / g.cols) + 0.5) * 500;
    if (inside(cx, cy)) { mask[i] = 1; idx.push(i); }
  }
  assert.ok(idx.length > 100 && idx.length < mask.length - 100);
  const gi = gistarGrid({ cols: g.cols, rows: g.rows, cellSize: 500, values: g.counts, mask }, { distance: 1000 });
  assert.deepEqual(r.z, gi.z);
  const bins = confidenceBins(idx.map((i) => gi.z[i]), idx.map((i) => gi.p[i]));
  idx.forEach((i, k) => assert.equal(r.bin[i], bins[k]));
  for (let i = 0; i < mask.length; i++) if (!mask[i]) assert.equal(r.bin[i], 0);
  assert.throws(() => hotspots(ref.x, ref.y, { cellSize: 500, distance: 1000, studyArea: 3 as never }), /options.studyArea must be a function/);
});
