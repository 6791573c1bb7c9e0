import type { Actor } from '../core/access/roles.ts';
import type { Database } from '../db/engine.ts';
import * as sql from '../db/repositories/aggregates.ts';
import * as rollups from '../db/repositories/rollups.ts';
import { soleMunicipality } from '../db/repositories/incidents.ts';
import type { CellCount, CellMean, GridCell, PointRow, RankedCell, Summary } from '../core/incidents/aggregates.ts';
import { mergeCounts, mergeGridCells, mergeNewest } from '../core/incidents/merge-aggregates.ts';
import { firstEmptyDay, localMidnightDate, ROLLUP_CELL_M } from '../core/incidents/rollup-range.ts';
import { innerCells } from '../core/incidents/view-cells.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { municipalitiesOf } from './scope.ts';

/** How aggregates are counted: from the rollups where they can answer (the app), or from the incidents (the reference they are checked against). */
export type Counting = 'rollups' | 'incidents';

export type Windows3 = { current: [Date, Date]; previous: [Date, Date]; lastYear: [Date, Date] };

/**
 * Where the lägesbild aggregates come from for one request: the rollup tables (migration 0012) when
 * they can answer the filter, counting the incidents themselves otherwise. Both give the same numbers.
 */
export interface AggregateSource {
  readonly kind: 'rollup' | 'sql';
  count(cap?: number): Promise<number>;
  /**
   * Counts per grid cell with the members' mean position and commonest category (the clusters); a
   * cell of one also carries its incident's id, start and review status (the map draws it as that
   * incident). Grids that need no colour ask gridCounts or gridMeans, which cost less.
   */
  gridCells(cellSize: number): Promise<GridCell[]>;
  /** Counts per grid cell alone (hotspots, concentration): cheaper than gridCells, which counts per category too. */
  gridCounts(cellSize: number): Promise<CellCount[]>;
  /** Counts per grid cell with the members' mean position (the heatmap). */
  gridMeans(cellSize: number): Promise<CellMean[]>;
  /** The newest `limit` incidents; with `stopAt`, possibly fewer, as soon as that many are found. */
  points(limit: number, stopAt?: number): Promise<PointRow[]>;
  countsByKey(key: 'category' | 'organisation', w: Windows3): Promise<Array<{ key: string | null; current: number; previous: number; lastYear: number }>>;
  weekly(): Promise<Array<{ weekStart: string; count: number }>>;
  hourWeekday(): Promise<number[][]>;
  topPlaces(previous: [Date, Date]): Promise<Array<{ name: string; count: number; previous: number }>>;
  areaCounts(kind: string, w: { current: [Date, Date]; previous: [Date, Date] }): Promise<Array<{ id: string; name: string; geometry: string; current: number; previous: number }>>;
  /** The side panel's figures at once (by category and organisation in three windows, weeks, hours, places). */
  summary(w: Windows3): Promise<Summary>;
}

/** The side panel's figures from a source over the current window, all at once; keys with nothing in any window left out. */
async function summaryOf(cur: AggregateSource, w: Windows3): Promise<Summary> {
  const [byCategory, byOrganisation, weekly, hourWeekday, topPlaces] = await Promise.all([
    cur.countsByKey('category', w), cur.countsByKey('organisation', w), cur.weekly(), cur.hourWeekday(), cur.topPlaces(w.previous),
  ]);
  const keyed = (rows: typeof byCategory) => rows.filter((r) => r.current + r.previous + r.lastYear > 0).map((r) => ({ ...r, key: r.key ?? '' }));
  return { byCategory: keyed(byCategory), byOrganisation: keyed(byOrganisation), weekly, hourWeekday, topPlaces };
}

export function sqlSource(db: Database, actor: Actor, f: IncidentFilter): AggregateSource {
  return {
    kind: 'sql',
    count: (cap) => sql.countWhere(db, actor, f, cap),
    gridCells: (size) => sql.gridCells(db, actor, f, size),
    gridCounts: (size) => sql.gridSums<CellCount>(db, actor, f, size, false),
    gridMeans: (size) => sql.gridSums<CellMean>(db, actor, f, size, true),
    points: (limit, stopAt) => sql.incidentPoints(db, actor, f, Math.min(limit, stopAt ?? limit)),
    countsByKey: (key, w) => sql.countsByKey(db, actor, f, key === 'category' ? 'i.category_id' : 'i.organisation_id', w),
    weekly: () => sql.weeklyCounts(db, actor, f),
    hourWeekday: () => sql.hourWeekdayCounts(db, actor, f),
    topPlaces: (prev) => sql.topPlaces(db, actor, f, prev),
    // The areas of the municipalities asked for only: the others' would stand on the map at zero.
    areaCounts: (kind, w) => sql.areaCounts(db, actor, f, kind, w, municipalitiesOf(actor, f.municipalities)),
    summary: (w) => summaryOf(sqlSource(db, actor, { ...f, from: w.current[0], to: w.current[1] }), w),
  };
}

/**
 * Whether the rollups can answer a filter: periods of whole Swedish days, and no filter on what they
 * do not carry (free text, the reporter, an area's shape). A map view (bbox) they answer in part.
 */
export function rollupCanAnswer(f: IncidentFilter): boolean {
  const day = (t: Date | undefined) => t === undefined || localMidnightDate(t) !== null;
  return !f.text && !f.reporterId && !f.importId && !f.areaId && day(f.from) && day(f.to);
}

const days = (w: [Date, Date]): [string, string] | null => {
  const a = localMidnightDate(w[0]), b = localMidnightDate(w[1]);
  return a && b ? [a, b] : null;
};

/**
 * The rollups' answer to a filter where they can give it, the incidents' otherwise (per figure).
 * `now`: the reads take the days after it away for nothing (firstEmptyDay). With `split` (on a
 * distributed database), the clusters and points of a few municipalities are read one municipality
 * at a time, each statement on the worker that holds it (byMunicipality).
 */
export function rollupSource(db: Database, actor: Actor, f: IncidentFilter, now = Date.now(), split = db.distributed): AggregateSource {
  if (!rollupCanAnswer(f)) return sqlSource(db, actor, f);
  const ms = municipalitiesOf(actor, f.municipalities);
  return split && ms.length > 1 && ms.length <= SPLIT_MAX ? byMunicipality(db, actor, f, ms, now) : oneRollupSource(db, actor, f, now);
}

/**
 * The most municipalities read one at a time. Each statement is planned on the coordinator as well
 * as on its worker, and a request holds a connection per municipality (of the pool's ten): a police
 * region of twenty reads in one statement, which Citus sends to the workers at once.
 */
const SPLIT_MAX = 4;

/** A rollup source that also answers the clusters of a grid of a multiple of 50 m with their commonest category's count. */
type RankedSource = AggregateSource & { rankedCells(size: number): Promise<RankedCell[]> };

/**
 * The clusters and the single points one municipality at a time, merged (merge-aggregates.ts). On
 * Citus a statement over two municipalities is planned on the coordinator and again on each worker,
 * the clusters' union of rollups as subplans of their own: a police area's clusters of two years took
 * 35–50 ms, the same statement naming one municipality 18. The other figures are read whole: one
 * statement per municipality there cost more than it saved (measured on a police area of two), and
 * the places are counted by name over the municipalities, ten at most, where the ten of each are not
 * the ten of all.
 */
function byMunicipality(db: Database, actor: Actor, f: IncidentFilter, ms: string[], now: number): AggregateSource {
  const whole = oneRollupSource(db, actor, f, now);
  const parts = ms.map((m) => oneRollupSource(db, actor, { ...f, municipalities: [m] }, now));
  const each = <T>(read: (s: RankedSource) => Promise<T>) => Promise.all(parts.map(read));
  return {
    ...whole,
    gridCells: async (size) => (size % ROLLUP_CELL_M === 0 ? mergeGridCells(await each((s) => s.rankedCells(size))) : whole.gridCells(size)),
    gridCounts: async (size) => (size % ROLLUP_CELL_M === 0 ? mergeCounts(await each((s) => s.gridCounts(size))) : whole.gridCounts(size)),
    points: async (limit, stopAt) => mergeNewest(await each((s) => s.points(limit, stopAt)), Math.min(limit, stopAt ?? limit)),
  };
}

function oneRollupSource(db: Database, actor: Actor, f: IncidentFilter, now: number): RankedSource {
  const raw = sqlSource(db, actor, f);
  const emptyFrom = firstEmptyDay(now);
  const period = { from: f.from && localMidnightDate(f.from)!, to: f.to && localMidnightDate(f.to)!, emptyFrom };
  const inner = f.bbox ? innerCells(f.bbox) : null;
  const windows = (w: Windows3) => {
    const c = days(w.current), p = days(w.previous), l = days(w.lastYear);
    return c && p && l ? { current: { days: c, at: w.current }, previous: { days: p, at: w.previous }, lastYear: { days: l, at: w.lastYear }, emptyFrom } : null;
  };
  const src: RankedSource = {
    kind: 'rollup',
    count: async (cap) => {
      const n = await rollups.rollupCount(db, actor, f, period, inner);
      return cap === undefined ? n : Math.min(n, cap);
    },
    async rankedCells(size) {
      // The cells of one with their incidents in the same statement, but on Citus only where it runs on one shard.
      if (!db.distributed || soleMunicipality(actor, f)) return rollups.rollupGridCells(db, actor, f, period, size, true);
      const cells = await rollups.rollupGridCells(db, actor, f, period, size);
      // A cell of one is drawn as that incident: look it up (there are few at the zooms that cluster).
      // The cell, counted whole, says where: its one may lie just beyond the view.
      const single = cells.filter((c) => c.count === 1);
      const members = new Map((await rollups.cellMembers(db, actor, { ...f, bbox: undefined }, size, single)).map((m) => [`${m.col}:${m.row}`, m]));
      return cells.map((c): RankedCell => {
        const m = members.get(`${c.col}:${c.row}`);
        return { ...c, id: m?.id ?? '', occurredFrom: m?.occurredFrom ?? new Date(0), reviewStatus: m?.reviewStatus ?? '' };
      });
    },
    gridCells: (size) => (size % ROLLUP_CELL_M === 0 ? src.rankedCells(size) : raw.gridCells(size)),
    gridCounts: (size) => (size % ROLLUP_CELL_M === 0 ? rollups.rollupGridCounts(db, actor, f, period, size) : raw.gridCounts(size)),
    gridMeans: (size) => (size % ROLLUP_CELL_M === 0 ? rollups.rollupGridMeans(db, actor, f, period, size) : raw.gridMeans(size)),
    points: raw.points,
    async countsByKey(key, w) {
      const ws = windows(w);
      return ws ? rollups.rollupCountsByKey(db, actor, f, key === 'category' ? 'category_id' : 'organisation_id', ws, inner) : raw.countsByKey(key, w);
    },
    weekly: () => rollups.rollupWeekly(db, actor, f, period, inner),
    // The hours and the places carry no cell: a map view counts them from the incidents.
    hourWeekday: () => (f.bbox ? raw.hourWeekday() : rollups.rollupHourWeekday(db, actor, f, period)),
    async topPlaces(prev) {
      const d = days(prev);
      return f.bbox || !d ? raw.topPlaces(prev) : rollups.rollupTopPlaces(db, actor, f, period, d);
    },
    areaCounts: raw.areaCounts,
    summary: (w) => summaryOf(rollupSource(db, actor, { ...f, from: w.current[0], to: w.current[1] }, now, false), w),
  };
  return src;
}
