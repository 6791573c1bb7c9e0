import { scan, select, type IndexActor, type IndexFilter } from './query.ts';
import { STATUSES, type IncidentTable } from './table.ts';
import { cellsAnswer, cellsOf, cellsPayOff, visitCells } from './cells.ts';

/**
 * The lägesbild aggregates over one or more tables (the main table and the recent changes). Each
 * returns what the SQL aggregates in db/repositories/aggregates.ts return, so the two can be
 * compared row for row (incident-index.test.ts does).
 */
export type Tables = readonly IncidentTable[];

const DAY = 86_400_000;

/** Matching rows, or — with `cap` — min(matching, cap), stopping the scan there. */
export function count(tables: Tables, actor: IndexActor, f: IndexFilter, cap = Infinity): number {
  let n = 0;
  for (const t of tables) {
    if (n >= cap) break;
    n += select(t, actor, f, cap - n).length;
  }
  return n;
}

export interface CellAggregate {
  col: number; row: number; count: number; x: number; y: number;
  /** Commonest category (ties: the smaller id string, as SQL mode() on uuids would not promise; we pick the first seen). */
  categoryId: string; id: string; occurredFrom: Date; reviewStatus: string;
}

/** Slot lookup for grid cells: a dense array over the tables' extent when it is small, else a Map. */
function cellSlots(tables: Tables, cellSize: number) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const t of tables) {
    minX = Math.min(minX, t.minX); minY = Math.min(minY, t.minY); maxX = Math.max(maxX, t.maxX); maxY = Math.max(maxY, t.maxY);
  }
  const col0 = Math.floor(minX / cellSize), row0 = Math.floor(minY / cellSize);
  const width = Math.floor(maxX / cellSize) - col0 + 1, height = Math.floor(maxY / cellSize) - row0 + 1;
  if (Number.isFinite(width) && width * height <= 4_000_000) {
    const dense = new Int32Array(width * height).fill(-1);
    return {
      get: (col: number, row: number) => dense[(row - row0) * width + (col - col0)],
      set: (col: number, row: number, slot: number) => { dense[(row - row0) * width + (col - col0)] = slot; },
    };
  }
  const map = new Map<number, number>();
  const key = (col: number, row: number) => (col + 524288) * 1048576 + (row + 524288);
  return { get: (col: number, row: number) => map.get(key(col, row)) ?? -1, set: (col: number, row: number, slot: number) => void map.set(key(col, row), slot) };
}

/** Counts per square cell of `cellSize` metres (origin 0,0), with the mean position and commonest category. */
export function gridCells(tables: Tables, actor: IndexActor, f: IndexFilter, cellSize: number): CellAggregate[] {
  if (!tables.length) return [];
  const slots = cellSlots(tables, cellSize);
  const nCat = tables[0].dict.category.values.length;
  const cols: number[] = [], rows: number[] = [], n: number[] = [], sx: number[] = [], sy: number[] = [];
  // A row of each cell that is not hidden (the incident a cell of one is drawn as).
  const firstTable: Array<IncidentTable | null> = [], firstRow: number[] = [];
  // Per slot and category, a count: a flat array grown by doubling.
  let cats = new Int32Array(Math.max(1, 1024 * nCat));
  const slotOf = (col: number, row: number) => {
    let s = slots.get(col, row);
    if (s < 0) {
      s = n.length;
      slots.set(col, row, s);
      cols.push(col); rows.push(row); n.push(0); sx.push(0); sy.push(0); firstTable.push(null); firstRow.push(-1);
      if ((s + 1) * nCat > cats.length) { const bigger = new Int32Array(cats.length * 2); bigger.set(cats); cats = bigger; }
    }
    return s;
  };
  for (const t of tables) {
    const addRow = (i: number, sign: 1 | -1) => {
      const s = slotOf(Math.floor(t.x[i] / cellSize), Math.floor(t.y[i] / cellSize));
      n[s] += sign; sx[s] += sign * t.x[i]; sy[s] += sign * t.y[i];
      cats[s * nCat + t.category[i]] += sign;
      if (sign > 0 && firstTable[s] === null && !t.deleted[i]) { firstTable[s] = t; firstRow[s] = i; }
    };
    const cells = cellsAnswer(f) ? cellsOf(t) : undefined;
    const level = cells?.levelFor(cellSize);
    if (cells && level && cellsPayOff(cells, level, f)) {
      // Whole groups from the running sums; a level cell lies inside one requested cell.
      const ratio = cellSize / level.size, keyCategory = cells.keys.category, groupKey = level.groupKey!;
      let lastCell = -1, s = -1; // the groups of a cell come one after another
      visitCells(cells, level, actor, f, {
        range(c, g, a, b) {
          if (c !== lastCell) { s = slotOf(Math.floor(level.cellCol[c] / ratio), Math.floor(level.cellRow[c] / ratio)); lastCell = c; }
          const count = b - a, gs = level.groupStart[g];
          n[s] += count;
          sx[s] += level.sumX[b - 1] - (a > gs ? level.sumX[a - 1] : 0) + count * level.cellCol[c] * level.size;
          sy[s] += level.sumY[b - 1] - (a > gs ? level.sumY[a - 1] : 0) + count * level.cellRow[c] * level.size;
          cats[s * nCat + keyCategory[groupKey[g]]] += count;
          if (firstTable[s] === null) {
            let k = a;
            while (k < b && t.deleted[level.rowAt[k]]) k++;
            if (k < b) { firstTable[s] = t; firstRow[s] = level.rowAt[k]; }
          }
        },
        hidden: (i) => addRow(i, -1),
      });
      continue;
    }
    const sel = select(t, actor, f);
    for (let k = 0; k < sel.length; k++) addRow(sel[k], 1);
  }
  const out: CellAggregate[] = [];
  for (let s = 0; s < n.length; s++) {
    if (n[s] === 0) continue; // only hidden rows fell here
    let best = 0;
    for (let c = 1; c < nCat; c++) if (cats[s * nCat + c] > cats[s * nCat + best]) best = c;
    const t = firstTable[s]!, i = firstRow[s];
    out.push({
      col: cols[s], row: rows[s], count: n[s], x: sx[s] / n[s], y: sy[s] / n[s],
      categoryId: t.dict.category.values[best], id: t.dict.incident.values[t.id[i]],
      occurredFrom: new Date(t.from[i]), reviewStatus: STATUSES[t.status[i]],
    });
  }
  return out;
}

/**
 * The newest `limit` matching incidents (for close zoom). With `stopAt`, the scan ends once that
 * many match (the caller only wants to know whether there are few enough to draw one by one).
 */
export function points(tables: Tables, actor: IndexActor, f: IndexFilter, limit: number, stopAt = Infinity) {
  const rows: Array<{ t: IncidentTable; i: number }> = [];
  for (const t of tables) {
    if (rows.length >= stopAt) break;
    // Enough to answer "are there more than stopAt?" in any order; otherwise the newest `limit` of each table.
    const sel = stopAt < Infinity ? select(t, actor, f, stopAt - rows.length) : select(t, actor, f, limit, 'newest');
    for (let k = 0; k < sel.length; k++) rows.push({ t, i: sel[k] });
  }
  rows.sort((a, b) => b.t.from[b.i] - a.t.from[a.i]);
  return rows.slice(0, limit).map(({ t, i }) => ({
    id: t.dict.incident.values[t.id[i]], x: t.x[i], y: t.y[i], categoryId: t.dict.category.values[t.category[i]],
    occurredFrom: new Date(t.from[i]), reviewStatus: STATUSES[t.status[i]],
  }));
}

export type KeyColumn = 'category' | 'organisation';

/** Counts per category or organisation in the current, previous and last-year windows. */
export function countsByKey(tables: Tables, actor: IndexActor, f: IndexFilter, key: KeyColumn, windows: { current: [number, number]; previous: [number, number]; lastYear: [number, number] }) {
  const dict = tables[0]?.dict;
  if (!dict) return [];
  const values = key === 'category' ? dict.category.values : dict.organisation.values;
  const size = values.length;
  const counts = { current: new Int32Array(size), previous: new Int32Array(size), lastYear: new Int32Array(size) };
  for (const which of ['current', 'previous', 'lastYear'] as const) {
    const [from, to] = windows[which];
    const c = counts[which];
    for (const t of tables) {
      const col = key === 'category' ? t.category : t.organisation;
      scan(t, actor, { ...f, from, to }, (i) => { c[col[i]]++; });
    }
  }
  const out: Array<{ key: string; current: number; previous: number; lastYear: number }> = [];
  for (let k = 0; k < size; k++) {
    if (counts.current[k] + counts.previous[k] + counts.lastYear[k] > 0) out.push({ key: values[k], current: counts.current[k], previous: counts.previous[k], lastYear: counts.lastYear[k] });
  }
  return out;
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

export interface Summary {
  byCategory: Array<{ key: string; current: number; previous: number; lastYear: number }>;
  byOrganisation: Array<{ key: string; current: number; previous: number; lastYear: number }>;
  weekly: Array<{ weekStart: string; count: number }>;
  hourWeekday: number[][];
  topPlaces: Array<{ name: string; count: number; previous: number }>;
}

/**
 * Everything the side panel needs in three scans (the current window, the one before, the same
 * one last year) instead of one scan per figure.
 */
export function summary(tables: Tables, actor: IndexActor, f: IndexFilter, windows: { current: [number, number]; previous: [number, number]; lastYear: [number, number] }, placeLimit = 10): Summary {
  const dict = tables[0]?.dict;
  if (!dict) return { byCategory: [], byOrganisation: [], weekly: [], hourWeekday: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)), topPlaces: [] };
  const nc = dict.category.values.length, no = dict.organisation.values.length, np = dict.place.values.length + 1;
  const cat = { current: new Int32Array(nc), previous: new Int32Array(nc), lastYear: new Int32Array(nc) };
  const org = { current: new Int32Array(no), previous: new Int32Array(no), lastYear: new Int32Array(no) };
  const place = { current: new Int32Array(np), previous: new Int32Array(np) };
  // Weeks as an array over the local days the current window can touch (Mondays from a week before).
  const earliestDay = Math.floor((windows.current[0] - (tables[0]?.maxWindow ?? 0)) / DAY) - 8;
  // Local day numbers count from Thursday 1970-01-01: Mondays are the days with (day + 3) mod 7 = 0.
  const firstMonday = earliestDay - (((earliestDay + 3) % 7) + 7) % 7;
  const weeks = new Int32Array(Math.max(1, Math.ceil((windows.current[1] - windows.current[0] + (tables[0]?.maxWindow ?? 0)) / DAY / 7) + 4));
  const hw = new Int32Array(7 * 24);
  for (const which of ['current', 'previous', 'lastYear'] as const) {
    const [from, to] = windows[which];
    const c = cat[which], o = org[which];
    const p = which === 'lastYear' ? null : place[which];
    const current = which === 'current';
    const wf = { ...f, from, to };
    for (const t of tables) {
      const tc = t.category, to_ = t.organisation, tp = t.place, wd = t.weekday, hr = t.hour, ld = t.localDay;
      const addRow = (i: number, sign: 1 | -1) => {
        c[tc[i]] += sign; o[to_[i]] += sign;
        if (p) p[tp[i]] += sign;
        if (current) {
          hw[wd[i] * 24 + hr[i]] += sign;
          weeks[(ld[i] - wd[i] - firstMonday) / 7] += sign;
        }
      };
      const cells = cellsAnswer(f) ? cellsOf(t) : undefined;
      const level = cells?.panel;
      if (cells && level && level.keyAt && level.panelCode && level.mondayAt && cellsPayOff(cells, level, wf)) {
        // Everything from the level's own columns, in memory order: counts per key (to categories
        // and organisations afterwards), places, hours and weeks.
        const keyAt = level.keyAt, code = level.panelCode, monday = level.mondayAt;
        const perKey = new Int32Array(cells.keys.category.length);
        visitCells(cells, level, actor, wf, {
          range(_c, _g, a, b) {
            if (!p) {
              for (let k = a; k < b; k++) perKey[keyAt[k]]++;
            } else if (!current) {
              for (let k = a; k < b; k++) { perKey[keyAt[k]]++; p[code[k] >>> 8]++; }
            } else {
              for (let k = a; k < b; k++) {
                const v = code[k];
                perKey[keyAt[k]]++; p[v >>> 8]++; hw[v & 255]++;
                weeks[(monday[k] - firstMonday) / 7]++;
              }
            }
          },
          hidden: (i) => addRow(i, -1),
        });
        for (let key = 0; key < perKey.length; key++) {
          c[cells.keys.category[key]] += perKey[key]; o[cells.keys.organisation[key]] += perKey[key];
        }
        continue;
      }
      const sel = select(t, actor, wf);
      for (let k = 0; k < sel.length; k++) addRow(sel[k], 1);
    }
  }
  const rows = (values: string[], k: typeof cat) => {
    const out = [];
    for (let i = 0; i < values.length; i++) if (k.current[i] + k.previous[i] + k.lastYear[i] > 0) out.push({ key: values[i], current: k.current[i], previous: k.previous[i], lastYear: k.lastYear[i] });
    return out;
  };
  const topPlaces = [];
  for (let i = 1; i < np; i++) if (place.current[i] > 0) topPlaces.push({ name: dict.place.values[i - 1], count: place.current[i], previous: place.previous[i] });
  topPlaces.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    byCategory: rows(dict.category.values, cat),
    byOrganisation: rows(dict.organisation.values, org),
    weekly: weekRows(weeks, firstMonday),
    hourWeekday: Array.from({ length: 7 }, (_, d) => Array.from(hw.subarray(d * 24, d * 24 + 24))),
    topPlaces: topPlaces.slice(0, placeLimit),
  };
}

/** The non-empty weeks of a week array whose slot k is the week starting on local day firstMonday + 7k. */
function weekRows(weeks: Int32Array, firstMonday: number): Array<{ weekStart: string; count: number }> {
  const out: Array<{ weekStart: string; count: number }> = [];
  for (let k = 0; k < weeks.length; k++) {
    if (weeks[k]) out.push({ weekStart: new Date((firstMonday + 7 * k) * DAY).toISOString().slice(0, 10), count: weeks[k] });
  }
  return out;
}
