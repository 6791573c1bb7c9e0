import type { Actor } from '../core/access/roles.ts';
import { confidenceBins } from '../core/analysis/fdr/index.ts';
import { gistarGrid } from '../core/analysis/gistar/index.ts';
import { poissonRateTestPValue } from '../core/analysis/poisson/index.ts';
import { invalid } from '../core/errors/index.ts';
import { boundaryRings, createPointInPolygon, transform } from '../core/geo/index.ts';
import { localToUtc, stockholmAddYears, stockholmDayStart, utcToLocal } from '../core/time/index.ts';
import type { Database } from '../db/engine.ts';
import { municipalityExtent } from '../db/repositories/aggregates.ts';
import { resolveFilter } from '../db/repositories/incidents.ts';
import { rollupSource, sqlSource, type AggregateSource, type Counting } from './aggregate-source.ts';
import { listCategories } from '../db/repositories/categories.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { listOrganisations } from '../db/repositories/organisations.ts';
import { municipalitiesOf } from './scope.ts';
import { auditRead } from './audit-read.ts';

/**
 * The numbers behind the lägesbild views: what the map draws at a zoom level, the hotspot grid, the
 * areas and the side panel, for the incidents the actor may see and the filter. They are sums over
 * the database's rollup tables, or counts of the incidents where the rollups cannot answer (free text);
 * the map gets single incidents only where few stand alone, and from zoom 16 (up to 5,000).
 */

const DAY = 86_400_000;
const toWgs84 = (x: number, y: number) => transform(3006, 4326, x, y).map((v) => Math.round(v * 1e6) / 1e6) as [number, number];

/** The period of a filter, defaulting to the last 28 whole days in Swedish time, today included. */
export function periodOf(f: IncidentFilter, now = new Date()): { from: Date; to: Date } {
  const to = f.to ?? new Date(stockholmDayStart(now.getTime(), 1));
  const from = f.from ?? new Date(stockholmDayStart(to.getTime() - 1, -27));
  return { from, to };
}

/**
 * The window of equal length just before, and the same dates one year earlier, both measured in
 * Swedish wall-clock time: whole Swedish days compare with whole Swedish days whatever clock change
 * lies in either window (shifting UTC instants left the ends an hour off midnight in March and October).
 */
export function comparisonWindows(from: Date, to: Date) {
  const localLength = utcToLocal(to.getTime()) - utcToLocal(from.getTime());
  return {
    current: [from, to] as [Date, Date],
    previous: [new Date(localToUtc(utcToLocal(from.getTime()) - localLength)), from] as [Date, Date],
    lastYear: [new Date(stockholmAddYears(from.getTime(), -1, 'before')), new Date(stockholmAddYears(to.getTime(), -1, 'after'))] as [Date, Date],
  };
}

/**
 * Cluster cell size for a zoom level: about 60 screen pixels, in steps of two so cells nest (but for
 * 200 m at zoom 14 to 250 m at 13). From zoom 13 out the sizes are multiples of the monthly rollups'
 * 250 m, which answer the long periods at the zooms that show a whole town.
 */
export function clusterCellSize(zoom: number): number {
  const z = Math.max(5, Math.min(17, Math.round(zoom)));
  return z <= 13 ? 250 * 2 ** (13 - z) : 25 * 2 ** (17 - z);
}

/** Up to this many incidents in view are drawn one by one at any zoom. */
export const INDIVIDUAL_MAX = 50;

/** The filter with its period: without from/to, the last 28 days (the map shows the side panel's period, not all time). */
const withPeriod = (f: IncidentFilter): IncidentFilter => ({ ...f, ...periodOf(f) });

/** The rollups where they can answer the filter, the incidents themselves otherwise. */
export async function sourceFor(db: Database, actor: Actor, f: IncidentFilter, counting: Counting = 'rollups'): Promise<AggregateSource> {
  // The categories resolved once, not by each of the source's statements.
  const resolved = await resolveFilter(db, f);
  return counting === 'rollups' ? rollupSource(db, actor, resolved) : sqlSource(db, actor, resolved);
}

const colours = async (db: Database, actor: Actor) => new Map((await listCategories(db, actor.municipalities)).map((c) => [c.id, c]));

/**
 * Points for the map view over the filter's period: single incidents where they stand alone,
 * clusters elsewhere.
 */
export async function mapPoints(db: Database, actor: Actor, f: IncidentFilter, zoom: number) {
  const filter = withPeriod(f);
  const [src, cats] = await Promise.all([sourceFor(db, actor, filter), colours(db, actor)]);
  const feature = <P>(x: number, y: number, properties: P) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: toWgs84(x, y) }, properties });
  const incident = (r: { id: string; x: number; y: number; categoryId: string; occurredFrom: Date; reviewStatus: string }) => feature(r.x, r.y, {
    kind: 'incident' as const, id: r.id, categoryId: r.categoryId, categoryCode: cats.get(r.categoryId)?.code, colour: cats.get(r.categoryId)?.colour,
    occurredFrom: r.occurredFrom, reviewStatus: r.reviewStatus,
  });
  // The single points are individual reports (where and when): a read to log, once per view, with
  // how many were shown one by one and how many only as clusters.
  const audit = (count: number, clustered: number) => auditRead(db, actor, 'incidents.points', { filter, count, extra: { zoom, clustered } });
  const individual = async (few: Awaited<ReturnType<typeof src.points>>) => {
    await audit(few.length, 0);
    return { type: 'FeatureCollection' as const, features: few.map(incident) };
  };
  if (zoom >= 16) return individual(await src.points(5000));
  // The clusters first: their counts say whether the view has few enough to show one by one (no
  // clusters then: a cluster of two on a town map hides more than it shows). Asking the incidents
  // first sorted every incident in the view by time to find out.
  const size = clusterCellSize(zoom);
  const cells = await src.gridCells(size);
  if (cells.reduce((n, c) => n + c.count, 0) <= INDIVIDUAL_MAX) {
    const few = await src.points(INDIVIDUAL_MAX + 1, INDIVIDUAL_MAX + 1);
    // More by now than the cells counted (a report came in between): the clusters stand.
    if (few.length <= INDIVIDUAL_MAX) return individual(few);
  }
  const single = cells.filter((c) => c.count === 1).length;
  await audit(single, cells.reduce((n, c) => n + (c.count === 1 ? 0 : c.count), 0));
  return {
    type: 'FeatureCollection' as const,
    features: cells.map((c) => c.count === 1
      ? incident({ ...c, occurredFrom: new Date(c.occurredFrom) })
      : feature(c.x, c.y, { kind: 'cluster' as const, count: c.count, colour: cats.get(c.categoryId)?.colour ?? '#707070', categoryId: c.categoryId, cellId: `${size}:${c.col}:${c.row}` })),
  };
}

/** Counts per grid cell over the filter's period (for the heatmap), positioned at the members' mean. */
export async function mapGrid(db: Database, actor: Actor, f: IncidentFilter, cellSize: number) {
  const cells = await (await sourceFor(db, actor, withPeriod(f))).gridMeans(cellSize);
  return {
    cellSize,
    cells: cells.map((c) => {
      const [lon, lat] = toWgs84(c.x, c.y);
      return { cellId: `${cellSize}:${c.col}:${c.row}`, col: c.col, row: c.row, count: c.count, lon, lat };
    }),
  };
}

const MAX_HOTSPOT_CELLS = 1_000_000;

/** The map's hotspot layer: mapHotspots over the filter's period, with twice the cell size as distance unless given. */
export async function hotspotsForMap(db: Database, actor: Actor, f: IncidentFilter, cellSize: number, distance = cellSize * 2) {
  const pf = withPeriod(f);
  return mapHotspots(db, await sourceFor(db, actor, pf), actor, pf, cellSize, distance);
}

/**
 * Getis-Ord Gi* hotspots on a grid over the municipalities (the study area is the cells whose centre
 * lies inside them), with Benjamini–Hochberg control of the false discovery rate for the bins.
 */
export async function mapHotspots(db: Database, src: AggregateSource, actor: Actor, f: IncidentFilter, cellSize: number, distance: number) {
  if (distance < cellSize) throw invalid('distance', 'too_small', { min: cellSize });
  const ext = await municipalityExtent(db, municipalitiesOf(actor, f.municipalities));
  const empty = { type: 'FeatureCollection' as const, features: [], cellSize, distance };
  if (!ext) return empty;
  const col0 = Math.floor(ext.minX / cellSize), row0 = Math.floor(ext.minY / cellSize);
  const cols = Math.floor(ext.maxX / cellSize) - col0 + 1, rows = Math.floor(ext.maxY / cellSize) - row0 + 1;
  if (cols * rows > MAX_HOTSPOT_CELLS) throw invalid('cellSize', 'too_small', { min: Math.ceil(Math.sqrt(((ext.maxX - ext.minX) * (ext.maxY - ext.minY)) / MAX_HOTSPOT_CELLS)) });
  const mask = studyAreaMask(ext.geometry, cellSize, col0, row0, cols, rows).slice();
  const values = new Float64Array(cols * rows);
  for (const cell of await src.gridCounts(cellSize)) {
    const c = cell.col - col0, r = cell.row - row0;
    if (c >= 0 && c < cols && r >= 0 && r < rows) {
      values[r * cols + c] = cell.count;
      mask[r * cols + c] = 1; // a cell with incidents is part of the study area even on a coarse boundary
    }
  }
  const { z, p } = gistarGrid({ cols, rows, cellSize, values, mask }, { distance });
  // The false discovery rate is controlled over the study area's cells only.
  const idx: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) idx.push(i);
  const bins = confidenceBins(idx.map((i) => z[i]), idx.map((i) => p[i]), { fdr: true });
  const features = [];
  // Neighbouring cells share corners: transform each lattice corner once.
  const corners = new Map<number, [number, number]>();
  const corner = (c: number, r: number) => {
    const key = c * 1048576 + r;
    let v = corners.get(key);
    if (!v) corners.set(key, (v = toWgs84(c * cellSize, r * cellSize)));
    return v;
  };
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    // Only the significant cells: the map draws nothing else, and a 100 m grid has tens of thousands.
    if (bins[k] === 0) continue;
    const c = col0 + (i % cols), r = row0 + Math.floor(i / cols);
    features.push({
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: [[corner(c, r), corner(c + 1, r), corner(c + 1, r + 1), corner(c, r + 1), corner(c, r)]] },
      properties: { cellId: `${cellSize}:${c}:${r}`, count: values[i], z: round(z[i], 4), p: round(p[i], 6), bin: bins[k] },
    });
  }
  return { type: 'FeatureCollection' as const, features, cellSize, distance };
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * The cells whose centre lies inside the municipalities, computed once per boundary and cell size
 * (a point-in-polygon test per cell costs more than the Gi* itself).
 */
const masks = new Map<string, Uint8Array>();
function studyAreaMask(geometry: string, cellSize: number, col0: number, row0: number, cols: number, rows: number): Uint8Array {
  const key = `${cellSize}:${col0}:${row0}:${cols}:${rows}:${geometry.length}:${geometry.slice(0, 64)}:${geometry.slice(-64)}`;
  let mask = masks.get(key);
  if (!mask) {
    const inside = createPointInPolygon(boundaryRings(JSON.parse(geometry)));
    mask = new Uint8Array(cols * rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mask[r * cols + c] = inside((col0 + c + 0.5) * cellSize, (row0 + r + 0.5) * cellSize) ? 1 : 0;
    if (masks.size >= 32) masks.delete(masks.keys().next().value!);
    masks.set(key, mask);
  }
  return mask;
}

/** Areas of a kind with their count, the previous period's, the change and its significance. */
export async function mapAreas(db: Database, actor: Actor, f: IncidentFilter, kind: string) {
  const { from, to } = periodOf(f);
  const w = comparisonWindows(from, to);
  // The areas compare with the period before, so the source must reach back that far.
  const src = await sourceFor(db, actor, { ...f, from: w.previous[0], to });
  const rows = await src.areaCounts(kind, w);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((a) => ({
      type: 'Feature' as const,
      geometry: JSON.parse(a.geometry),
      properties: {
        id: a.id, name: a.name, count: a.current, previous: a.previous, change: a.current - a.previous,
        percentChange: a.previous === 0 ? null : round((100 * (a.current - a.previous)) / a.previous, 1),
        p: round(changeP(a.current, a.previous), 6),
      },
    })),
  };
}

/** Two-sided p of "the rate did not change" between two equal windows (exact, as R poisson.test). */
const changeP = (current: number, base: number) => (current + base === 0 ? 1 : poissonRateTestPValue(current, 1, base, 1));

/** The current count against a base window: change, percent (null against zero), rate ratio, p. */
const changeOut = (current: number, base: number, window: [Date, Date]) => ({
  from: window[0], to: window[1], count: base, change: current - base,
  percentChange: base === 0 ? null : round((100 * (current - base)) / base, 1), p: round(changeP(current, base), 6),
  rateRatio: base === 0 ? null : round(current / base, 4),
});

/** Everything the side panel shows for a selection. */
export async function lagesbildStats(db: Database, actor: Actor, f: IncidentFilter) {
  const { from, to } = periodOf(f);
  const w = comparisonWindows(from, to);
  const src = await sourceFor(db, actor, { ...f, from, to });
  const [{ byCategory: byCat, byOrganisation: byOrg, weekly, hourWeekday, topPlaces: places }, categories, organisations] = await Promise.all([
    src.summary(w),
    listCategories(db, actor.municipalities),
    listOrganisations(db, actor.municipalities),
  ]);
  const sum = (k: 'current' | 'previous' | 'lastYear') => byCat.reduce((a, r) => a + r[k], 0);
  const total = { current: sum('current'), previous: sum('previous'), lastYear: sum('lastYear') };
  const catById = new Map(categories.map((c) => [c.id, c]));
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  return {
    total: total.current,
    period: { from, to, days: Math.round((to.getTime() - from.getTime()) / DAY) },
    comparison: { previous: changeOut(total.current, total.previous, w.previous), lastYear: changeOut(total.current, total.lastYear, w.lastYear) },
    // An incident's category is one of its municipality's, which are the actor's: every key is found.
    byCategory: byCat.filter((r) => r.current + r.previous + r.lastYear > 0).flatMap((r) => {
      const c = catById.get(r.key);
      return c ? [{ id: r.key, code: c.code, nameSv: c.nameSv, nameEn: c.nameEn, colour: c.colour, parentId: c.parentId, count: r.current, previous: r.previous, lastYear: r.lastYear }] : [];
    }).sort((a, b) => b.count - a.count || b.previous - a.previous),
    byOrganisation: byOrg.filter((r) => r.current + r.previous > 0).map((r) => ({ id: r.key, name: orgById.get(r.key)?.name ?? '', count: r.current, previous: r.previous }))
      .sort((a, b) => b.count - a.count),
    weekly,
    topPlaces: places,
    hourWeekday,
  };
}
