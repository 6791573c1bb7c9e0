import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandedPolygon, pointInRing, rectInside } from '../geo/index.ts';
import { createRandom } from '../random/index.ts';
import { cellsOf, prepareCells } from './cells.ts';
import { aggregate, createDictionaries, IncidentTable, type IncidentRow, type IndexActor, type IndexFilter } from './index.ts';

/**
 * The grid from the cells aggregated ahead must be the grid a scan of every row gives: same cells,
 * counts, commonest categories and mean positions, the same incident for a cell of one — for every
 * role, filter, box edge, level and period edge, and after rows have been hidden.
 */
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function rows(n: number, seed: number): IncidentRow[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const t = T0 + r.next() * 300 * DAY;
    // Clustered like a town: half the rows within a kilometre of the centre.
    const near = r.next() < 0.5;
    return {
      id: `id-${i}`, municipalityId: r.next() < 0.9 ? '1489' : '1442', categoryId: `c${r.int(6)}`, organisationId: `o${r.int(4)}`,
      reporterId: r.next() < 0.2 ? 'u1' : null, placeKey: r.next() < 0.4 ? `p${r.int(30)}` : null,
      // Some windows reach back over the start of a period (up to five days).
      occurredFrom: t, occurredTo: t + (r.next() < 0.2 ? r.next() * 5 * DAY : 0),
      x: near ? 350_000 + r.normal() * 700 : 335_000 + r.next() * 30_000, y: near ? 6_420_000 + r.normal() * 700 : 6_405_000 + r.next() * 30_000,
      reviewStatus: (['new', 'reviewed', 'rejected', 'duplicate'] as const)[r.int(4)], visibility: r.next() < 0.2 ? 'restricted' : 'normal',
    };
  });
}

const shape = (cells: ReturnType<typeof aggregate.gridCells>) => cells
  .map((c) => ({ key: `${c.col}:${c.row}`, count: c.count, categoryId: c.categoryId, one: c.count === 1 ? `${c.id} ${c.occurredFrom.toISOString()} ${c.reviewStatus}` : '', x: c.x, y: c.y }))
  .sort((a, b) => (a.key < b.key ? -1 : 1));

function assertSameGrid(viaCells: ReturnType<typeof shape>, viaScan: ReturnType<typeof shape>, what: string) {
  assert.deepEqual(viaCells.map(({ x: _x, y: _y, ...c }) => c), viaScan.map(({ x: _x, y: _y, ...c }) => c), what);
  for (let k = 0; k < viaScan.length; k++) {
    // Sums in another order: equal to well under a millimetre.
    assert.ok(Math.abs(viaCells[k].x - viaScan[k].x) < 1e-6 && Math.abs(viaCells[k].y - viaScan[k].y) < 1e-6, `${what}: mean of ${viaScan[k].key}`);
  }
}

test('the grid and the side panel from cells aggregated ahead equal a scan of every row (roles, filters, boxes, levels, hidden rows)', () => {
  const d = createDictionaries();
  const input = rows(8000, 11);
  const t = new IncidentTable(input, d);
  const scanned = new IncidentTable(input, d); // the same rows, without cells: always scanned
  prepareCells(t, 0); // the groups whatever they cost, against a scan of every row
  assert.ok(cellsOf(t) && !cellsOf(scanned));
  const r = createRandom(12);
  // Hide a tenth of the rows in both, as the index does when a newer version arrives.
  for (let k = 0; k < 800; k++) { const i = r.int(t.length); t.hide(i); scanned.hide(i); }
  const municipality = d.municipality.find('1489')!;
  const actors: IndexActor[] = [
    { municipalities: new Set([municipality, d.municipality.find('1442')!]), organisation: -1, reach: 'all' },
    { municipalities: new Set([municipality]), organisation: d.organisation.find('o1')!, reach: 'shared' },
    { municipalities: new Set([municipality]), organisation: d.organisation.find('o2')!, reach: 'own' },
  ];
  // A box whose south edge is not a line of the grid, with a smaller rectangle inside (as a lon/lat
  // box has), the cell-by-cell test of the shape and — for every other box — the test of whether a
  // position read back from the running sums is near an edge.
  const box = (x0: number, y0: number, w: number, h: number, near: boolean): NonNullable<IndexFilter['within']> => {
    const ring: Array<[number, number]> = [[x0, y0], [x0 + w, y0 + w * 0.01], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]];
    const contains = (x: number, y: number) => pointInRing(x, y, ring);
    return {
      minX: x0, minY: y0, maxX: x0 + w, maxY: y0 + h, inner: { minX: x0 + 40, minY: y0 + w * 0.01 + 40, maxX: x0 + w - 40, maxY: y0 + h - 40 },
      contains, covers: (r) => rectInside([ring], contains, r), nearEdge: near ? bandedPolygon([[ring]]).nearEdge : undefined,
    };
  };
  let compared = 0;
  for (let k = 0; k < 60; k++) {
    const actor = actors[k % actors.length];
    const from = k % 5 === 0 ? -8.64e15 : T0 + r.next() * 280 * DAY + r.next() * DAY;
    const to = k % 5 === 0 ? 8.64e15 : from + (1 + r.int(120)) * DAY + r.int(24) * 3_600_000;
    const f: IndexFilter = { from, to };
    if (k % 3 === 1) f.within = box(349_000 + r.next() * 1000, 6_419_000 + r.next() * 1000, 500 + r.next() * 3000, 500 + r.next() * 3000, k % 2 === 0);
    if (k % 4 === 2) f.categories = new Set([d.category.find('c1')!, d.category.find('c3')!]);
    if (k % 7 === 3) f.organisations = new Set([d.organisation.find('o0')!]);
    if (k % 6 === 4) f.statuses = new Set([1, 2]);
    if (k % 8 === 5) f.restricted = 1;
    if (k % 9 === 6) f.municipalities = new Set([municipality]);
    // The side panel: counts by category and organisation in three windows, weeks, hours, places.
    const len = Math.min(to - from, 400 * DAY);
    const windows = { current: [from, to] as [number, number], previous: [from - len, from] as [number, number], lastYear: [from - 365 * DAY, to - 365 * DAY] as [number, number] };
    assert.deepEqual(aggregate.summary([t], actor, f, windows, 50), aggregate.summary([scanned], actor, f, windows, 50), `view ${k}: summary`);
    for (const size of [50, 100, 200, 250, 400, 800, 1600, 3200, 75]) {
      const viaCells = shape(aggregate.gridCells([t], actor, f, size));
      const viaScan = shape(aggregate.gridCells([scanned], actor, f, size));
      assertSameGrid(viaCells, viaScan, `view ${k}, ${size} m`);
      compared += viaScan.length;
    }
  }
  assert.ok(compared > 10_000, `the comparison is not vacuous (${compared} cells)`);
});

test('a cell whose incidents were all hidden is not drawn, and a cell of one names an incident that is not hidden', () => {
  const d = createDictionaries();
  const base = { municipalityId: '1489', categoryId: 'c0', organisationId: 'o0', reporterId: null, placeKey: null, reviewStatus: 'new' as const, visibility: 'normal' as const };
  const input: IncidentRow[] = [
    { ...base, id: 'a', occurredFrom: T0, occurredTo: T0, x: 350_010, y: 6_420_010 },
    { ...base, id: 'b', occurredFrom: T0 + 1000, occurredTo: T0 + 1000, x: 350_020, y: 6_420_020 },
    { ...base, id: 'c', occurredFrom: T0 + 2000, occurredTo: T0 + 2000, x: 351_020, y: 6_420_020 },
  ];
  const t = new IncidentTable(input, d);
  prepareCells(t, 0);
  t.hide(0); // 'a': the cell of a and b now holds b alone
  t.hide(2); // 'c': its cell is empty
  const actor: IndexActor = { municipalities: new Set([0]), organisation: -1, reach: 'all' };
  const cells = aggregate.gridCells([t], actor, { from: T0 - DAY, to: T0 + DAY }, 100);
  assert.deepEqual(cells.map((c) => [c.col, c.row, c.count, c.id, c.x, c.y]), [[3500, 64200, 1, 'b', 350_020, 6_420_020]]);
});
