import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../random/index.ts';
import { reachAdmits } from '../access/policy.ts';
import { aggregate, createDictionaries, IncidentTable, scan, type IncidentRow, type IndexActor } from './index.ts';

const DAY = 86_400_000;
function rows(n: number, seed: number): IncidentRow[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const t = Date.UTC(2026, 0, 1) + r.next() * 300 * DAY;
    return {
      id: `id-${i}`, municipalityId: r.next() < 0.9 ? '1489' : '1442', categoryId: `c${r.int(5)}`, organisationId: `o${r.int(4)}`,
      reporterId: r.next() < 0.2 ? 'u1' : null, placeKey: null, occurredFrom: t, occurredTo: t + (r.next() < 0.2 ? r.next() * 5 * DAY : 0),
      x: 340_000 + r.next() * 30_000, y: 6_410_000 + r.next() * 30_000, reviewStatus: 'new', visibility: r.next() < 0.2 ? 'restricted' : 'normal',
    };
  });
}

test('rows are sorted by start time and range() finds every window that can overlap', () => {
  const input = rows(2000, 1);
  const t = new IncidentTable(input, createDictionaries());
  for (let i = 1; i < t.length; i++) assert.ok(t.from[i - 1] <= t.from[i]);
  const from = Date.UTC(2026, 5, 1), to = Date.UTC(2026, 5, 15);
  const [a, b] = t.range(from, to);
  const expected = input.filter((r) => r.occurredTo >= from && r.occurredFrom < to).length;
  let found = 0;
  for (let i = a; i < b; i++) if (t.to[i] >= from && t.from[i] < to) found++;
  assert.equal(found, expected);
});

test('a box visits the same rows through the spatial buckets as a full scan would (every role)', () => {
  const input = rows(5000, 2);
  const d = createDictionaries();
  const t = new IncidentTable(input, d);
  const r = createRandom(3);
  for (const reach of ['all', 'shared', 'own', 'none'] as const) {
    const actor: IndexActor = { municipalities: new Set([d.municipality.find('1489')!]), organisation: d.organisation.find('o1')!, reach };
    for (let k = 0; k < 50; k++) {
      const x0 = 340_000 + r.next() * 25_000, y0 = 6_410_000 + r.next() * 25_000, w = 500 + r.next() * 6000;
      const from = Date.UTC(2026, 0, 1) + r.next() * 250 * DAY;
      const f = { from, to: from + (1 + r.int(60)) * DAY, within: { minX: x0, minY: y0, maxX: x0 + w, maxY: y0 + w, contains: () => true } };
      const viaBuckets: number[] = [];
      scan(t, actor, f, (i) => { viaBuckets.push(i); });
      const brute = input.filter((row) => row.municipalityId === '1489' && row.occurredTo >= f.from && row.occurredFrom < f.to
        && row.x >= x0 && row.x <= x0 + w && row.y >= y0 && row.y <= y0 + w
        && reachAdmits(reach, 'o1', row));
      assert.deepEqual(viaBuckets.map((i) => d.incident.values[t.id[i]]).sort(), brute.map((row) => row.id).sort(), `box ${k}`);
    }
  }
});

test('count stops at the cap; an empty table answers every aggregate', () => {
  const d = createDictionaries();
  const t = new IncidentTable(rows(300, 4), d);
  const actor: IndexActor = { municipalities: new Set([0, 1]), organisation: -1, reach: 'all' };
  const f = { from: 0, to: Date.UTC(2030, 0, 1) };
  assert.equal(aggregate.count([t], actor, f), 300);
  assert.equal(aggregate.count([t], actor, f, 51), 51);
  const empty = new IncidentTable([], createDictionaries());
  assert.equal(aggregate.count([empty], actor, f), 0);
  assert.deepEqual(aggregate.gridCells([empty], actor, f, 100), []);
  assert.deepEqual(aggregate.weekly([empty], actor, f), []);
});
