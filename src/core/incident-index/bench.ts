import type { Benchmark } from '../../../bench/lib.ts';
import { createRandom } from '../random/index.ts';
import { CellLevels, prepareCells } from './cells.ts';
import { aggregate, createDictionaries, IncidentTable, type IncidentRow, type IndexActor } from './index.ts';

/**
 * The in-memory index behind the map and the side panel at 1,000,000 incidents: one year of a
 * two-year table, as a coordinator sees it. Baseline: a bare loop over the same rows' x column.
 */
interface Ctx { table: IncidentTable; actor: IndexActor; from: number; to: number; w: { current: [number, number]; previous: [number, number]; lastYear: [number, number] } }
const N = 1_000_000;
const DAY = 86_400_000;

function setup(): Ctx {
  const rnd = createRandom(1489);
  const end = Date.UTC(2026, 10, 24);
  const rows: IncidentRow[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const t = end - rnd.next() * 730 * DAY;
    rows[i] = {
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, municipalityId: '1489', categoryId: `c${rnd.int(33)}`,
      organisationId: `o${rnd.int(13)}`, reporterId: null, placeKey: rnd.next() < 0.2 ? `p${rnd.int(40)}` : null,
      occurredFrom: t, occurredTo: t, x: 340_000 + rnd.normal() * 4000, y: 6_420_000 + rnd.normal() * 4000,
      reviewStatus: 'reviewed', visibility: rnd.next() < 0.05 ? 'restricted' : 'normal',
    };
  }
  const table = new IncidentTable(rows, createDictionaries());
  const from = end - 365 * DAY, to = end;
  return {
    table, from, to,
    actor: { municipalities: new Set([0]), organisation: 0, reach: 'all' },
    w: { current: [from, to], previous: [from - 365 * DAY, from], lastYear: [from - 365 * DAY, from] },
  };
}

/** The same table with its cells aggregated ahead, as the server's index has them. */
function setupWithCells(): Ctx {
  const c = setup();
  prepareCells(c.table);
  return c;
}

const baseline = 'index baseline: loop over 1,000,000 x values';
const grid = (c: Ctx) => aggregate.gridCells([c.table], c.actor, { from: c.from, to: c.to }, 400);
const panel = (c: Ctx) => aggregate.summary([c.table], c.actor, { from: c.from, to: c.to }, c.w);
const benchmarks: Benchmark<Ctx>[] = [
  { suite: 'web', name: baseline, setup, run: ({ table }) => { let s = 0; for (let i = 0; i < table.length; i++) s += table.x[i]; return s; } },
  { suite: 'web', name: 'index: count, one year of 1,000,000', setup, baseline, run: (c) => aggregate.count([c.table], c.actor, { from: c.from, to: c.to }) },
  { suite: 'web', name: 'index: 400 m grid (map clusters), one year of 1,000,000, scanning the rows', setup, baseline, run: grid },
  { suite: 'web', name: 'index: 400 m grid (map clusters), one year of 1,000,000, from the cells aggregated ahead', setup: setupWithCells, baseline, target: { ms: 100, description: 'under 100 ms' }, run: grid },
  { suite: 'web', name: 'index: side-panel summary (3 windows), one year of 1,000,000, scanning the rows', setup, baseline, run: panel },
  { suite: 'web', name: 'index: side-panel summary (3 windows), one year of 1,000,000, from the cells aggregated ahead', setup: setupWithCells, baseline, target: { ms: 100, description: 'under 100 ms' }, run: panel },
  { suite: 'web', name: 'index: build the table from 1,000,000 rows', setup: () => { const c = setup(); return c; }, iterations: 2, run: () => setup() },
  { suite: 'web', name: 'index: aggregate the cells of 1,000,000 rows ahead', setup, iterations: 2, run: (c) => new CellLevels(c.table) },
];

export default benchmarks;
