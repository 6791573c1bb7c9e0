import { scan, type IndexActor, type IndexFilter } from './query.ts';
import { STATUSES, type IncidentTable } from './table.ts';

/**
 * The lägesbild aggregates over one or more tables (the main table and the recent changes). Each
 * returns what the SQL aggregates in db/repositories/aggregates.ts return, so the two can be
 * compared row for row (incident-index.test.ts does).
 */
export type Tables = readonly IncidentTable[];

const DAY = 86_400_000;

export function count(tables: Tables, actor: IndexActor, f: IndexFilter): number {
  let n = 0;
  for (const t of tables) scan(t, actor, f, () => n++);
  return n;
}

export interface CellAggregate {
  col: number; row: number; count: number; x: number; y: number;
  /** Commonest category (ties: the smaller id string, as SQL mode() on uuids would not promise; we pick the first seen). */
  categoryId: string; id: string; occurredFrom: Date; reviewStatus: string;
}

/** Counts per square cell of `cellSize` metres (origin 0,0), with the mean position and commonest category. */
export function gridCells(tables: Tables, actor: IndexActor, f: IndexFilter, cellSize: number): CellAggregate[] {
  interface Acc { col: number; row: number; n: number; sx: number; sy: number; cats: Map<number, number>; t: IncidentTable; first: number; dict: IncidentTable['dict'] }
  const cells = new Map<number, Acc>();
  for (const t of tables) {
    scan(t, actor, f, (i) => {
      const col = Math.floor(t.x[i] / cellSize), row = Math.floor(t.y[i] / cellSize);
      // Cell key: columns and rows of Sweden at ≥ 10 m cells fit in 2^20 each.
      const key = (col + 524288) * 1048576 + (row + 524288);
      let a = cells.get(key);
      if (!a) cells.set(key, (a = { col, row, n: 0, sx: 0, sy: 0, cats: new Map(), t, first: i, dict: t.dict }));
      a.n++;
      a.sx += t.x[i];
      a.sy += t.y[i];
      a.cats.set(t.category[i], (a.cats.get(t.category[i]) ?? 0) + 1);
    });
  }
  const out: CellAggregate[] = [];
  for (const a of cells.values()) {
    let best = -1, bestN = -1;
    for (const [c, n] of a.cats) if (n > bestN) { best = c; bestN = n; }
    out.push({
      col: a.col, row: a.row, count: a.n, x: a.sx / a.n, y: a.sy / a.n,
      categoryId: a.dict.category.values[best], id: a.dict.incident.values[a.t.id[a.first]],
      occurredFrom: new Date(a.t.from[a.first]), reviewStatus: STATUSES[a.t.status[a.first]],
    });
  }
  return out;
}

/** The newest `limit` matching incidents (for close zoom). */
export function points(tables: Tables, actor: IndexActor, f: IndexFilter, limit: number) {
  const rows: Array<{ t: IncidentTable; i: number }> = [];
  for (const t of tables) scan(t, actor, f, (i) => rows.push({ t, i }));
  rows.sort((a, b) => b.t.from[b.i] - a.t.from[a.i]);
  return rows.slice(0, limit).map(({ t, i }) => ({
    id: t.dict.incident.values[t.id[i]], x: t.x[i], y: t.y[i], categoryId: t.dict.category.values[t.category[i]],
    occurredFrom: new Date(t.from[i]), reviewStatus: STATUSES[t.status[i]],
  }));
}

export type KeyColumn = 'category' | 'organisation';

/** Counts per category or organisation in the current, previous and last-year windows. */
export function countsByKey(tables: Tables, actor: IndexActor, f: IndexFilter, key: KeyColumn, windows: { current: [number, number]; previous: [number, number]; lastYear: [number, number] }) {
  const acc = new Map<string, { current: number; previous: number; lastYear: number }>();
  for (const which of ['current', 'previous', 'lastYear'] as const) {
    const [from, to] = windows[which];
    for (const t of tables) {
      const dict = key === 'category' ? t.dict.category : t.dict.organisation;
      const col = key === 'category' ? t.category : t.organisation;
      scan(t, actor, { ...f, from, to }, (i) => {
        const k = dict.values[col[i]];
        let a = acc.get(k);
        if (!a) acc.set(k, (a = { current: 0, previous: 0, lastYear: 0 }));
        a[which]++;
      });
    }
  }
  return [...acc].map(([k, v]) => ({ key: k, ...v }));
}

/** Incidents per week (Monday, Swedish local time), ascending. */
export function weekly(tables: Tables, actor: IndexActor, f: IndexFilter): Array<{ weekStart: string; count: number }> {
  const byWeek = new Map<number, number>();
  for (const t of tables) scan(t, actor, f, (i) => {
    const monday = t.localDay[i] - t.weekday[i];
    byWeek.set(monday, (byWeek.get(monday) ?? 0) + 1);
  });
  return [...byWeek].sort((a, b) => a[0] - b[0]).map(([d, n]) => ({ weekStart: new Date(d * DAY).toISOString().slice(0, 10), count: n }));
}

/** Incidents per weekday (Monday first) × hour, Swedish local time. */
export function hourWeekday(tables: Tables, actor: IndexActor, f: IndexFilter): number[][] {
  const table = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const t of tables) scan(t, actor, f, (i) => { table[t.weekday[i]][t.hour[i]]++; });
  return table;
}

/** Places with the most incidents now, with their count in the previous window. */
export function topPlaces(tables: Tables, actor: IndexActor, f: IndexFilter, previous: [number, number], limit = 10) {
  const now = new Map<string, number>(), before = new Map<string, number>();
  for (const [target, ff] of [[now, f], [before, { ...f, from: previous[0], to: previous[1] }]] as const) {
    for (const t of tables) scan(t, actor, ff, (i) => {
      if (t.place[i] === 0) return;
      const name = t.dict.place.values[t.place[i] - 1];
      target.set(name, (target.get(name) ?? 0) + 1);
    });
  }
  return [...now].map(([name, n]) => ({ name, count: n, previous: before.get(name) ?? 0 }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}

/** Per area: incidents inside in the current and the previous window. */
export function areaCounts(tables: Tables, actor: IndexActor, f: IndexFilter, areas: Array<{ id: string; within: NonNullable<IndexFilter['within']> }>, windows: { current: [number, number]; previous: [number, number] }) {
  return areas.map((a) => ({
    id: a.id,
    current: count(tables, actor, { ...f, from: windows.current[0], to: windows.current[1], within: a.within }),
    previous: count(tables, actor, { ...f, from: windows.previous[0], to: windows.previous[1], within: a.within }),
  }));
}
