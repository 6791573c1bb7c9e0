import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dbscan } from './index.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/expected.json', import.meta.url), 'utf8')) as {
  points: Record<string, { x: number[]; y: number[] }>;
  cases: { set: string; eps: number; minPts: number; nearTies: number; clusters: number; noise: number; labels: number[] }[];
};

test('labels equal sklearn.cluster.DBSCAN exactly on burkitt and the Chicago files (10 eps/minPts cases)', () => {
  for (const c of fixture.cases) {
    const r = dbscan(fixture.points[c.set], { eps: c.eps, minPts: c.minPts });
    const label = `${c.set} eps=${c.eps} minPts=${c.minPts}`;
    assert.equal(c.nearTies, 0, `${label}: the fixture has pairs at distance ≈ eps`);
    assert.equal(r.clusters, c.clusters, `${label}: clusters`);
    assert.equal(r.noise, c.noise, `${label}: noise`);
    assert.deepEqual([...r.labels], c.labels, label);
  }
});

test('minPts counts the point itself; distance exactly eps is a neighbour', () => {
  // Two points exactly eps apart: each has 2 points in its neighbourhood (itself and the other).
  assert.deepEqual([...dbscan({ x: [0, 3], y: [0, 4] }, { eps: 5, minPts: 2 }).labels], [0, 0]);
  assert.deepEqual([...dbscan({ x: [0, 3], y: [0, 4] }, { eps: 5, minPts: 3 }).labels], [-1, -1]);
  // minPts = 1: every point is core, isolated points are clusters of their own.
  const r = dbscan({ x: [0, 100, 1], y: [0, 0, 0] }, { eps: 2, minPts: 1 });
  assert.deepEqual([...r.labels], [0, 1, 0]);
  assert.equal(r.noise, 0);
});

test('border point between two clusters goes to the lower-numbered cluster (sklearn rule), clusters numbered by first core point', () => {
  // Two groups on a line, x = 0…2 and x = 5…7, and point 3 at x = 3.5, exactly eps = 1.5 from the core
  // points at x = 2 and x = 5. With minPts = 4 its own neighbourhood {2, 3.5, 5} is too small: a border
  // point of both clusters. sklearn 1.2.1 gives [0 0 0 0 1 1 1 0 1] for this input.
  const x = [5, 6, 7, 3.5, 0, 1, 2, 6.5, 0.5];
  const y = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const r = dbscan({ x, y }, { eps: 1.5, minPts: 4 });
  // Point 0 (x = 5) is the first core point, so the right-hand group is cluster 0 and gets the border point.
  assert.equal(r.core[3], 0);
  assert.equal(r.labels[0], 0);
  assert.equal(r.labels[4], 1);
  assert.equal(r.labels[3], 0);
  assert.deepEqual([...r.labels], [0, 0, 0, 0, 1, 1, 1, 0, 1]);
});

test('noise, single point, duplicates', () => {
  assert.deepEqual([...dbscan({ x: [0], y: [0] }, { eps: 1, minPts: 2 }).labels], [-1]);
  const d = dbscan({ x: [1, 1, 1, 9], y: [1, 1, 1, 9] }, { eps: 0.1, minPts: 3 });
  assert.deepEqual([...d.labels], [0, 0, 0, -1]);
  assert.equal(d.clusters, 1);
  assert.equal(d.noise, 1);
});

test('does not change its input', () => {
  const x = [5, 6, 7, 3.5, 0], y = [0, 0, 1, 0, 0];
  dbscan({ x, y }, { eps: 1.5, minPts: 2 });
  assert.deepEqual(x, [5, 6, 7, 3.5, 0]);
  assert.deepEqual(y, [0, 0, 1, 0, 0]);
});

test('bad input is rejected with a precise message', () => {
  const p = { x: [0, 1], y: [0, 1] };
  assert.throws(() => dbscan({ x: [], y: [] }, { eps: 1, minPts: 2 }), /dbscan: needs at least 1 point, got 0/);
  assert.throws(() => dbscan(p, { eps: 0, minPts: 2 }), /options.eps must be a finite distance > 0, got 0/);
  assert.throws(() => dbscan(p, { eps: -1, minPts: 2 }), /options.eps must be a finite distance > 0, got -1/);
  assert.throws(() => dbscan(p, { eps: NaN, minPts: 2 }), /got NaN/);
  assert.throws(() => dbscan(p, { eps: 1, minPts: 0 }), /options.minPts must be an integer ≥ 1 \(it counts the point itself\), got 0/);
  assert.throws(() => dbscan(p, { eps: 1, minPts: 2.5 }), /got 2.5/);
  assert.throws(() => dbscan({ x: [0, NaN], y: [0, 1] }, { eps: 1, minPts: 2 }), /points.x\[1\] must be a finite number, got NaN/);
  assert.throws(() => dbscan(p, undefined as never), /options \{ eps, minPts \} are required/);
});
