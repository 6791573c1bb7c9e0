import type { Actor } from '../../core/access/roles.ts';
import type { CellCount, CellMean, RankedCell } from '../../core/incidents/aggregates.ts';
import { MONTHLY_CELL_M, ROLLUP_CELL_M, monthBlocks, monthCover, wholeMonths, type MonthCover } from '../../core/incidents/rollup-range.ts';
import { insideCells, type InnerCells } from '../../core/incidents/view-cells.ts';
import { gridViewCells, wholeCells } from '../../core/incidents/grid-view.ts';
import type { IncidentFilter } from '../../core/incidents/types.ts';
import { reachOf } from '../../core/access/policy.ts';
import type { Database, Queryable } from '../engine.ts';
import { Params } from '../sql.ts';
import { CELL_TIME_M, CELL_TIME_MAX_PROBES, cellColumn, cellRow, cellsOf, inCellsOf } from '../cell-time.ts';
import { incidentWhere, keyWhere, resolveFilter, type ResolvedFilter } from './incidents.ts';

/**
 * The aggregates of the map and the side panel from the rollup tables (migration 0012): counts per
 * local day, 50 m cell, hour and place (migration 0012), and per month and 250 m cell for the whole
 * months of long periods (migration 0024), plus the deltas still queued (read once per period, from
 * the queue itself: queueRead). Each query gives the same numbers as counting the incidents
 * themselves (aggregates.ts) in the same snapshot, for periods of whole Swedish days; a map view's
 * cells that its edge cuts are counted from the incidents.
 *
 * The filter must have no free text, reporter or area (the caller checks `rollupCanAnswer`).
 */

/** A period of whole Swedish days, as dates: [from, to). Either end may be open. */
export interface DayPeriod {
  from?: string;
  to?: string;
  /** The first day on which no incident can lie yet (firstEmptyDay): its days and later ones cost nothing to read. */
  emptyFrom?: string;
}

/** Windows compared with each other, as dates (rollups) and as instants (the cut cells' incidents). */
export interface DayWindow {
  days: [string, string];
  at: [Date, Date];
}

/** Incidents whose window spans more days than this are found through the *_long_idx indexes. */
const SHORT_SPAN_DAYS = 7;

const QUEUE_KEYS = 'municipality_id, day_from, day_to, category_id, organisation_id, review_status, visibility';
/** The daily rollups, under the names the reads use (the municipality first in each: see monthTotals). */
const CELLS = `(SELECT ${QUEUE_KEYS}, cell_x, cell_y, n, sum_dx, sum_dy FROM incident_cells)`;
const DAYS = `(SELECT ${QUEUE_KEYS}, n FROM incident_days)`;
const HOURS = `(SELECT ${QUEUE_KEYS}, hour, n FROM incident_hours)`;
const NO_PLACE = `'00000000-0000-0000-0000-000000000000'::uuid`;
const PLACES = `(SELECT ${QUEUE_KEYS}, place_id, place_name, n FROM incident_places)`;
/**
 * The deltas not yet applied, as rows of every daily rollup at once (a delta is one incident's change
 * of one day window, 50 m cell, hour and place): each query reads them once, over its whole period
 * (queueRead), beside the rollups' rows.
 */
const QUEUE = `(SELECT ${QUEUE_KEYS}, cell_x, cell_y, hour, place_id, place_name, sign AS n, sign * dx AS sum_dx, sign * dy AS sum_dy FROM incident_rollup_queue)`;

/** The monthly cell in daily cells. */
const K = MONTHLY_CELL_M / ROLLUP_CELL_M;
/** A 50 m cell's column or row (SQL `c`) in cells of k × 50 m, and a member's offset `d` from that cell's corner. */
const coarseCell = (k: number, c: string) => (k === 1 ? c : `floor(${c} / ${k}.0)::int`);
const coarseOffset = (k: number, c: string, d: string) => (k === 1 ? d : `(${c} - floor(${c} / ${k}.0) * ${k}) * ${ROLLUP_CELL_M} + ${d}`);
/** The first day of a date's month, as an immutable expression (Citus pushes it to the workers). */
const monthOf = (d: string) => `(${d} - (extract(day FROM ${d})::int - 1))`;
/** The first day of a date's calendar quarter or year (immutable: a date cast to timestamp, not timestamptz). */
const quarterOf = (d: string) => `date_trunc('quarter', ${d}::timestamp)::date`;
const yearOf = (d: string) => `date_trunc('year', ${d}::timestamp)::date`;
/** Blocks of months kept beside the months (length, first day of a date's block). */
type Blocks = ReadonlyArray<readonly [number, (d: string) => string]>;
const MONTH_KEYS = 'municipality_id, month_from, month_to, category_id, organisation_id, review_status, visibility';
/** The monthly rollups, in months and 250 m cells (offsets from that cell's corner). */
const MONTH_CELLS = `(SELECT ${MONTH_KEYS}, cell_x, cell_y, n, sum_dx, sum_dy FROM incident_month_cells)`;
const MONTHS = `(SELECT ${MONTH_KEYS}, n FROM incident_months)`;

/** The monthly totals' cells, in 50 m cells (migration 0028). */
const TOTAL_GRAINS = [1, 2, K];
/** The monthly totals' blocks of months, in every cell size (migration 0034). */
const TOTAL_BLOCKS: Blocks = [[3, quarterOf], [12, yearOf]];
/** Organisation of the monthly totals' rows of reports that are not restricted (migration 0028). */
const NO_ORG = `'00000000-0000-0000-0000-000000000000'::uuid`;
/** The organisation the totals keep: a restricted report's own, the nil id for every other (migrations 0028–0030). */
const SCOPE = `CASE WHEN visibility = 'restricted' THEN organisation_id ELSE ${NO_ORG} END`;
const TOTAL_KEYS = 'municipality_id, month_from, month_to, organisation_id, visibility';
/**
 * The monthly totals (every category, organisation and status together; restricted reports per
 * organisation), in cells of k × 50 m (k of TOTAL_GRAINS), offsets from the cell's corner; per
 * month, quarter and year as the category totals (`months`, migration 0034). Read by the access
 * policy as the incidents are (organisation_id, visibility).
 *
 * The municipality comes first, as in every other rollup's source: Citus sends a union to each shard
 * whole only where every table's municipality stands in the same place. With `months` first, a grid
 * over two municipalities ran each of its arms as a subplan of its own and fetched every row to the
 * coordinator (the two-year hotspots of the bench's police area at a million incidents: 319 → 159 ms).
 */
function monthTotals(k: number): string {
  return `(SELECT ${TOTAL_KEYS}, months, cell_x, cell_y, n, sum_dx, sum_dy FROM incident_month_totals WHERE cell_m = ${k * ROLLUP_CELL_M})`;
}

/** The nil id: the monthly hour totals' category for every category together (migration 0029). */
const ALL_CATEGORIES = NO_ORG;
/**
 * The monthly hour-by-weekday totals (migration 0029): weekday (ISO) of the start's day, hour of the
 * start; per category, and for every category together under the nil id.
 */
const MONTH_HOURS = `(SELECT ${TOTAL_KEYS}, category_id, weekday, hour, n FROM incident_month_hours)`;

/**
 * The monthly place totals (migration 0032): per calendar month of the window's start and end and
 * place, per category and for every category together under the nil id.
 */
const MONTH_PLACES = `(SELECT ${TOTAL_KEYS}, category_id, place_id, place_name, n FROM incident_month_places)`;

const CATEGORY_KEYS = 'municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility';
/** The category totals' 1 km cells, in 50 m cells (migration 0033). */
const KM = 20;
/** The category totals' cells, in 50 m cells (migrations 0030, 0033 and 0035). */
const CATEGORY_GRAINS = [1, 2, K, KM];
/**
 * The longer rows of the category totals in cells of k × 50 m, of the incidents within one month
 * (migration 0030): per quarter and year in 100 m, 250 m and 1 km cells, per year alone in 50 m cells,
 * where a quarter's rows were nearly as many as its three months'.
 */
const categoryBlocks = (k: number): Blocks => (k === 1 ? [[12, yearOf]] : [[3, quarterOf], [12, yearOf]]);
/**
 * The category totals (migration 0030) in cells of k × 50 m (k of CATEGORY_GRAINS): per cell and
 * category, restricted reports per organisation; rows per month of the incidents that end in a later
 * month (months = 0) and of those within one month (1), and of the latter per quarter (3) and year (12).
 */
function categoryTotals(k: number): string {
  return `(SELECT ${CATEGORY_KEYS}, n, sum_dx, sum_dy FROM ${categoryTable(k)} WHERE cell_m = ${k * ROLLUP_CELL_M})`;
}

/**
 * The category totals' table of cells of k × 50 m: the 50 m cells apart, in cell order, from the
 * coarser ones, in category order (migration 0040).
 */
const categoryTable = (k: number) => (k === 1 ? 'incident_category_totals_50m' : 'incident_category_totals');

/**
 * Whether the category totals can answer for the actor and the filter: as the monthly totals
 * (totalsAnswer), but they keep the category.
 */
function categoryTotalsAnswer(actor: Actor, f: ResolvedFilter): boolean {
  return reachOf(actor, 'incident.read') !== 'own' && !f.organisations?.length && !f.reviewStatus?.length;
}

/**
 * Whether the monthly totals can answer for the actor and the filter: no filter by what they sum
 * over (category, organisation, review status), and a reader who sees every report, or its
 * organisation's and every unrestricted one. One who sees only its own organisation's cannot tell
 * its unrestricted reports from others' there.
 */
function totalsAnswer(actor: Actor, f: ResolvedFilter): boolean {
  return reachOf(actor, 'incident.read') !== 'own' && !f.categoryIds && !f.organisations?.length && !f.reviewStatus?.length;
}

/**
 * A view's monthly cells are read only when its edge is far from its middle: the band between the
 * 50 m and the 250 m inner cells is counted from the incidents, over the whole period, and on a
 * small view that costs more than the months save.
 */
const MONTHLY_VIEW_MIN_M = 40 * MONTHLY_CELL_M;

/**
 * The most columns a read of one block seeks one by one (inInner's `seek`): a street's, a
 * neighbourhood's or a district's (4 km in 50 m cells). Each costs a descent of the index; a wider
 * view spans more of its municipality's height. At 40, a year's heatmap of two categories over 3 km
 * of Stockholm read 62,000 daily rows (89 ms at 10,000,000 incidents); seeking its 65 columns in the
 * 50 m category totals, 27 ms.
 */
const SEEK_COLUMNS_MAX = 80;

/** Whether a block's read seeks the inner cells' columns (of k × 50 m) one by one. */
const seeksColumns = (inner: InnerCells, k: number) => Math.floor(inner.c1 / k) - Math.floor(inner.c0 / k) < SEEK_COLUMNS_MAX;

/**
 * Rows whose cell (cx, cy: expressions, in cells of k × 50 m) is one of the inner cells, which must
 * then be whole k × k blocks. The rectangle first, for the indexes; then each column's own rows.
 * `seek`: the read fixes every key before the cell (one block of the category totals), so the columns
 * are named one by one and the index reads each from the view's lowest row to its highest. As a
 * range of columns it passed over each column's rows from the municipality's southern end to its
 * northern, and only filtered them by row: on a street over two years, eight times the rows.
 */
function inInner(inner: InnerCells, k: number, cx: string, cy: string, p: Params, seek = false): string {
  const lo: number[] = [], hi: number[] = [], columns: number[] = [];
  for (let c = inner.c0; c <= inner.c1; c += k) {
    const l = inner.lo[c - inner.c0], h = inner.hi[c - inner.c0];
    if (l > h) { lo.push(1); hi.push(0); } else { lo.push(l / k); hi.push((h + 1) / k - 1); columns.push(c / k); }
  }
  const c0 = p.add(inner.c0 / k), at = `${cx} - ${c0} + 1`;
  const across = seek && seeksColumns(inner, k) ? `${cx} = ANY(${p.add(columns)}::int[])` : `${cx} BETWEEN ${c0} AND ${p.add((inner.c1 + 1) / k - 1)}`;
  return `${across} AND ${cy} BETWEEN ${p.add(Math.floor(inner.r0 / k))} AND ${p.add(Math.floor((inner.r1 + 1) / k) - 1)}
    AND ${cy} BETWEEN (${p.add(lo)}::int[])[${at}] AND (${p.add(hi)}::int[])[${at}]`;
}

/**
 * How a query over a period reads the rollups: the whole months from the monthly level when the
 * period has some and the view allows it (`months`), and the inner cells the daily and monthly rows
 * are taken from (narrowed to whole monthly cells when the months are read).
 */
interface Plan {
  months: MonthCover | null;
  inner: InnerCells | null;
  /** Where the whole months are read: the monthly rollups (250 m cells, null), or the monthly totals in cells of this many 50 m cells (1, 2 or 5). */
  totals: number | null;
  /** The whole months are read from the category totals instead, in quarters and years where they fit, in cells of this many 50 m cells (1, 2, 5 or 20). */
  blocks?: number;
}

/**
 * The months a period is read from (monthCover), the days still to come free to take away: no
 * incident lies there yet, so a period that ends today reads this month, quarter or year whole.
 */
const coverOf = (period: DayPeriod) => monthCover(period, period.emptyFrom);

/** Whether a query may read the monthly level at all (its cells nest, its view is large), and the inner cells it then reads. */
function monthlyView(f: ResolvedFilter, inner: InnerCells | null, cellSize?: number): { ok: boolean; inner: InnerCells | null } {
  if (cellSize !== undefined && cellSize % MONTHLY_CELL_M !== 0) return { ok: false, inner };
  if (!f.bbox) return { ok: true, inner: null };
  if (!inner) return { ok: false, inner };
  // A grid's cells counted whole have no edge: the months serve any view, in whole 250 m cells.
  if (inner.whole) return { ok: inner.whole % K === 0, inner };
  const [x0, y0, x1, y1] = inner.view.extent;
  const wide = insideCells(inner.view, K);
  return wide && x1 - x0 >= MONTHLY_VIEW_MIN_M && y1 - y0 >= MONTHLY_VIEW_MIN_M ? { ok: true, inner: wide } : { ok: false, inner };
}

/**
 * The plan of a query over a period. `totals`: the query needs no count per key (category,
 * organisation, status) and the monthly totals answer for the actor and filter. It reads them for
 * the whole months in cells of 250 m where the monthly rollups could be read; else in cells of 100 m
 * for a grid of a multiple of 100 m (the view's inner cells then whole 100 m cells), or of 50 m
 * (any grid of a multiple of 50 m, any view: its inner cells are the daily rows' own). Otherwise,
 * `blocks`: the category totals answer (categoryTotalsAnswer), read in cells of 250 m where the
 * monthly rollups could be (of 1 km for a grid of whole kilometres), else of 100 m for a grid of a
 * multiple of 100 m (with a category filter too), else of 50 m.
 */
function planOf(f: ResolvedFilter, period: DayPeriod, inner: InnerCells | null, cellSize?: number, totals = false, blocks = false): Plan {
  const view = monthlyView(f, inner, cellSize);
  const months = coverOf(period);
  if (!months) return { months: null, inner, totals: null };
  if (view.ok) {
    // Grids of whole kilometres (a town's clusters, hotspots of 1 km) from the category totals' 1 km cells.
    const km = cellSize !== undefined && cellSize % (KM * ROLLUP_CELL_M) === 0 && (!f.bbox || (view.inner?.whole ?? 0) % KM === 0);
    return { months, inner: view.inner, totals: totals ? K : null, blocks: !totals && blocks ? (km ? KM : K) : undefined };
  }
  if (cellSize !== undefined && cellSize % ROLLUP_CELL_M !== 0) return { months: null, inner, totals: null };
  // Grids of whole 100 m cells (the hotspots' finest, the heatmap at zoom 13, clusters at 14 and 15)
  // from the category totals' 100 m cells, filtered by category too: their index by category reads
  // a whole municipality's rows of one category without the others'.
  const hundreds = cellSize !== undefined && cellSize % (2 * ROLLUP_CELL_M) === 0 && (!f.bbox || (!!inner?.whole && inner.whole % 2 === 0));
  if (!totals && blocks && hundreds) return { months, inner, totals: null, blocks: 2 };
  // A smaller view: the category totals of 50 m cells, whose inner cells are the daily rows' own. For
  // a filter by category only over a whole year and where each block's columns are sought one by one
  // (inInner): the daily rows are indexed by category first, these hold every category's, and over
  // a few months the daily rows of a street's categories were fewer. A year to date is a whole year
  // (monthCover).
  const yearOfStreet = () => !!inner && seeksColumns(inner, 1) && !!months.from && !!months.to && monthBlocks(months.from, months.to, false).years.length > 0;
  if (!totals) return blocks && (!f.categoryIds || yearOfStreet()) ? { months, inner, totals: null, blocks: 1 } : { months: null, inner, totals: null };
  if (cellSize !== undefined && cellSize % (2 * ROLLUP_CELL_M) === 0) {
    if (!f.bbox) return { months, inner: null, totals: 2 };
    // A grid's cells, whole cells of a multiple of 100 m (gridParts).
    if (inner) return { months, inner, totals: 2 };
  }
  return { months, inner, totals: 1 };
}

/** One read of a period (periodReads); `block`: it is one block of months, each key before the cell fixed. */
interface PeriodRead { monthly: boolean; where: string; sign: 1 | -1; block?: boolean }

/**
 * The rollup rows (alias r) of a period, as separate reads, each added or (sign −1) taken away. With
 * months (monthCover): the monthly rows of the incidents inside them; the daily rows of those that
 * start before them and end in the period, and of those that start in them but end after them; and
 * where the months reach beyond the period, the daily rows of their incidents that end before it
 * starts or start after it ends, taken away. Else the daily rows that overlap the period.
 */
function periodReads(period: DayPeriod, plan: Plan, p: Params): PeriodRead[] {
  const daily = (arms: string[], and = '', sign: 1 | -1 = 1) => arms.map((w): PeriodRead => ({ monthly: false, where: `${w}${and}`, sign }));
  const m = plan.months;
  if (!m) return daily(overlapArms(period, p));
  // The category and the monthly totals keep quarters and years beside the months.
  const blocks = plan.blocks ? categoryBlocks(plan.blocks) : plan.totals ? TOTAL_BLOCKS : null;
  const reads: PeriodRead[] = blocks ? blockArms(m, blocks, p).map(({ where, block }) => ({ monthly: true, where, sign: 1, block }))
    : [{ monthly: true, where: [m.from ? `r.month_from >= ${p.add(m.from)}::date` : 'TRUE', m.to ? `r.month_to < ${p.add(m.to)}::date` : 'TRUE'].join(' AND '), sign: 1 }];
  const within = (a: string, b: string, end: string) => [`r.day_from >= ${p.add(a)}::date AND r.day_from < ${p.add(b)}::date AND r.day_to < ${p.add(end)}::date`];
  if (m.from) {
    // Added: those that start before the months and end in the period (or, where the months start
    // inside the period, overlap its days before them). Taken away: the months' own that end before it.
    reads.push(...daily(overlapArms({ from: period.from, to: m.from }, p)));
    if (m.lead === 'subtract') reads.push(...daily(within(m.from, period.from!, period.from!), '', -1));
  }
  if (m.to) {
    reads.push(...daily(overlapArms({ from: m.to, to: period.to }, p), m.from ? ` AND r.day_from >= ${p.add(m.from)}::date` : ''));
    if (m.trail === 'subtract') reads.push(...daily(within(period.to!, m.to, m.to), '', -1));
  }
  return reads;
}

/**
 * The rows (alias r) of the category or monthly totals of the incidents within the whole months
 * [from, to), as disjoint reads: the months outside the table's blocks (quarters, years) and each
 * block's own rows (the incidents within one month), and the rows of the incidents that end in a
 * later month than they start (months = 0), all in one read.
 */
function blockArms(m: { from?: string; to?: string }, blocks: Blocks, p: Params): Array<{ where: string; block: boolean }> {
  const to = m.to ? `r.month_to < ${p.add(m.to)}::date` : 'TRUE';
  const from = m.from ? `r.month_from >= ${p.add(m.from)}::date` : 'TRUE';
  const crossers = { where: `r.months = 0 AND ${from} AND ${to}`, block: false };
  if (!m.from || !m.to) return [{ where: `r.months = 1 AND ${from} AND ${to}`, block: false }, crossers];
  const b = monthBlocks(m.from, m.to, blocks.some(([len]) => len === 3));
  // Each block a read of its own, by equality: the primary key then seeks the view's columns (cell_x)
  // within it. As a range of months the scan passed over the whole municipality's rows of the range,
  // and with = ANY the planner of PostgreSQL 15 filtered all of them.
  const one = (len: number) => (start: string) => ({ where: `r.months = ${len} AND r.month_from = ${p.add(start)}::date AND r.month_to = ${p.add(start)}::date`, block: true });
  return [...b.months.map(one(1)), ...b.quarters.map(one(3)), ...b.years.map(one(12)), crossers];
}

/**
 * The queued deltas (alias r, QUEUE) of the actor's incidents that the filter keeps and that overlap
 * the period, in the inner cells when there are any. A delta is one incident's, at the finest grain
 * of every rollup, so one read over the whole period counts it as the rollups' reads together count
 * it once applied, however they split the period. Read into each of those reads instead, the deltas
 * made a police area's two-year clusters a statement of 41 unions, which Citus planned for 30 ms.
 */
function queueRead(actor: Actor, f: ResolvedFilter, period: DayPeriod, inner: InnerCells | null, p: Params): string {
  const w = keyWhere(actor, f, p, 'r');
  if (period.to) w.push(`r.day_from < ${p.add(period.to)}::date`);
  if (period.from) w.push(`r.day_to >= ${p.add(period.from)}::date`);
  if (inner) w.push(inInner(inner, 1, 'r.cell_x', 'r.cell_y', p));
  return w.join(' AND ');
}

/**
 * Each read of a query over the rollups: its table and its WHERE, for the actor's incidents that the
 * filter keeps, in the plan's inner cells when there are any; the queued deltas' read last.
 */
function rollupReads(actor: Actor, f: ResolvedFilter, period: DayPeriod, plan: Plan, cells: boolean, p: Params): Array<{ k: number; totals: boolean; from: string; where: string; sign: 1 | -1 }> {
  return [...periodReads(period, plan, p).map(({ monthly, where, sign, block }) => {
    const w = keyWhere(actor, f, p, 'r');
    w.push(where);
    const totals = monthly && plan.totals !== null;
    // The row's cell in 50 m cells: the monthly rollups' are 250 m, the totals' their own.
    const k = !monthly ? 1 : plan.totals ?? plan.blocks ?? K;
    // Only the category totals read through their primary key, whose rows of every category lie
    // dense in each column: all of the 50 m cells', the coarser ones' without a filter by category.
    // With one those are read by category through their own index, and a descent per column and
    // category cost more than the rows it skipped; on the monthly totals the planner took the
    // columns' list for more rows and a parallel plan that cost a street's view 15 ms to start.
    const seek = !!block && (plan.blocks === 1 || (plan.blocks !== undefined && !f.categoryIds));
    if (plan.inner) w.push(inInner(plan.inner, k, 'r.cell_x', 'r.cell_y', p, seek));
    const from = totals ? monthTotals(k) : monthly && plan.blocks ? categoryTotals(k) : monthly ? (cells ? MONTH_CELLS : MONTHS) : (cells ? CELLS : DAYS);
    return { k, totals, from, where: w.join(' AND '), sign };
  }), { k: 1, totals: false, from: QUEUE, where: queueRead(actor, f, period, plan.inner, p), sign: 1 }];
}

/**
 * Rows of a rollup (alias r) overlapping a period, as disjoint conditions that each go through an index
 * of their own: by day_from the rows that start at most a week before the period, by day_to (the
 * *_long_idx indexes) the longer windows that start earlier. Joined by OR, the planner combined both
 * indexes in a bitmap and visited a table page per row; apart, the first is an index-only scan of the
 * primary key (migration 0025), three times faster warm and tens of times cold.
 */
function overlapArms(period: DayPeriod, p: Params): string[] {
  if (!period.from && !period.to) return ['TRUE'];
  const to = period.to ? `r.day_from < ${p.add(period.to)}::date` : 'TRUE';
  if (!period.from) return [to];
  const from = p.add(period.from);
  const both = `${to} AND r.day_to >= ${from}::date`;
  return [`${both} AND r.day_from >= ${from}::date - ${SHORT_SPAN_DAYS}`,
    `${both} AND r.day_from < ${from}::date - ${SHORT_SPAN_DAYS} AND r.day_to - r.day_from > ${SHORT_SPAN_DAYS}`];
}

const atTimes = ([a, b]: [Date, Date], p: Params) => `(i.occurred_to >= ${p.add(a)} AND i.occurred_from < ${p.add(b)})`;

/**
 * The rollup rows (alias r) of the actor's incidents that the filter keeps, in the view's inner cells
 * when it has one: one WHERE per disjoint arm of the period (overlapArms), each to be read on its own.
 */
function rollupWheres(actor: Actor, f: ResolvedFilter, period: DayPeriod, inner: InnerCells | null, p: Params): string[] {
  return overlapArms(period, p).map((arm) => {
    const w = keyWhere(actor, f, p, 'r');
    w.push(arm);
    if (inner) w.push(inInner(inner, 1, 'r.cell_x', 'r.cell_y', p));
    return w.join(' AND ');
  });
}

/**
 * Periods up to this long read a view's edge cell by cell (incidents_cell_time_idx): the 250 m cells
 * hold a few times the incidents of the narrow rectangles along the edge, but only the period's are
 * fetched. Over longer periods the GiST index, which fetches every incident of the rectangles of all
 * time, fetches fewer.
 */
const EDGE_CELLS_MAX_DAYS = 92;
/** The index probes an edge may take cell by cell (each a few microseconds). */
const EDGE_CELLS_MAX_PROBES = 1000;

/**
 * The incidents (alias i) of a view outside its inner cells: along its edge, rectangle by rectangle,
 * through the cells of incidents_cell_time_idx over a short `period` (the filter's by default), else
 * through the GiST index.
 */
function edgeWhere(actor: Actor, f: ResolvedFilter, inner: InnerCells, p: Params, period: { from?: Date; to?: Date } = f): string {
  const c = `floor(ST_X(i.geom) / ${ROLLUP_CELL_M})::int`, r = `floor(ST_Y(i.geom) / ${ROLLUP_CELL_M})::int`;
  const where = incidentWhere(actor, f, p, { viewIndex: false });
  const short = period.from && period.to && period.to.getTime() - period.from.getTime() <= EDGE_CELLS_MAX_DAYS * 86_400_000;
  const probes = short ? inner.edge.reduce((n, e) => { const { cols, rows } = cellsOf(e); return n + cols.length * rows.length; }, 0) : Infinity;
  const edge = inner.edge.length === 0 ? 'FALSE'
    : probes <= EDGE_CELLS_MAX_PROBES
      ? `(${inner.edge.map((e) => `(${inCellsOf('i', e, p, Infinity)})`).join(' OR ')}) AND i.occurred_to >= ${p.add(period.from)} AND i.occurred_from < ${p.add(period.to)}`
      : `(${inner.edge.map(([a, b, x, y]) => `i.geom && ST_MakeEnvelope(${p.add(a)}, ${p.add(b)}, ${p.add(x)}, ${p.add(y)}, 3006)`).join(' OR ')})`;
  return `${where}
    AND ${edge}
    AND NOT (${inInner(inner, 1, c, r, p)})`;
}

/** The view's inner cells when the filter has a view, else null (the rollups answer everything). */
const innerOf = (f: IncidentFilter, inner: InnerCells | null | undefined) => (f.bbox ? inner ?? null : null);

export async function rollupCount(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, inner?: InnerCells | null): Promise<number> {
  const f = await resolveFilter(q, filter);
  const p = new Params();
  // With a view, the cells' totals; without one, the monthly rollups without a cell hold fewer rows.
  const plan = planOf(f, period, innerOf(f, inner), undefined, !!f.bbox && totalsAnswer(actor, f));
  const cut = plan.inner;
  const parts = [];
  if (!f.bbox || cut) for (const r of rollupReads(actor, f, period, plan, !!cut, p)) parts.push(`SELECT ${r.sign < 0 ? '-' : ''}sum(r.n) AS n FROM ${r.from} r WHERE ${r.where}`);
  if (f.bbox) parts.push(`SELECT count(*) AS n FROM incidents i WHERE ${cut ? edgeWhere(actor, f, cut, p) : incidentWhere(actor, f, p)}`);
  const r = await q.query<{ n: number }>(`SELECT COALESCE(sum(n), 0)::int AS n FROM (${parts.join(' UNION ALL ')}) x(n)`, p.values);
  return r.rows[0].n;
}

/**
 * The rows a grid over the rollups sums (alias-free: cell_x, cell_y in 50 m cells, n; with
 * `byCategory` the category_id, with `positions` the members' summed coordinates sx, sy), as UNION ALL
 * arms, for a grid whose size is a multiple of 50 m; null when the filter's view touches no cell (it
 * lies outside Sweden). A view's cells are counted whole (grid-view.ts): all of them from the
 * rollups, nothing from the incidents.
 */
async function gridParts(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, cellSize: number, byCategory: boolean, positions: boolean, p: Params): Promise<string[] | null> {
  const f = await resolveFilter(q, filter);
  const k = cellSize / ROLLUP_CELL_M;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`the rollups answer grids of multiples of ${ROLLUP_CELL_M} m, not ${cellSize}`);
  const grid = f.bbox ? gridViewCells(f.bbox, cellSize) : null;
  if (f.bbox && !grid) return null;
  const plan = planOf(f, period, grid && wholeCells(grid), cellSize, !byCategory && totalsAnswer(actor, f), categoryTotalsAnswer(actor, f));
  return rollupReads(actor, f, period, plan, true, p).map((r) => {
    // A row of a larger cell stands at its first 50 m cell: the grid's cells are multiples of both.
    const [m, size] = [r.k, r.k * ROLLUP_CELL_M];
    const s = r.sign < 0 ? '-' : '';
    // Every column named: Citus sends the arms to the workers without the CTE's column list. The
    // totals have no category. Only the columns summed: a hotspot grid of a municipality's two years
    // sums over a hundred thousand rows.
    const category = byCategory ? `, ${r.totals ? 'NULL::uuid' : 'r.category_id'} AS category_id` : '';
    const sums = positions ? `, ${s}(r.cell_x::float8 * ${size} * r.n + r.sum_dx) AS sx, ${s}(r.cell_y::float8 * ${size} * r.n + r.sum_dy) AS sy` : '';
    return `SELECT r.cell_x * ${m} AS cell_x, r.cell_y * ${m} AS cell_y${category}, ${s}r.n AS n${sums}
        FROM ${r.from} r WHERE ${r.where}`;
  });
}

type RankedRow = Omit<RankedCell, 'id' | 'occurredFrom' | 'reviewStatus'>;
type Member = { id: string; occurredFrom: Date; reviewStatus: string };

/**
 * Counts per cell of a grid whose size is a multiple of 50 m, with the members' mean position and
 * commonest category (the smallest id among equals, as SQL's mode()) and that category's count.
 * With `members`, a cell of one also carries its incident (the map draws it as that incident), looked
 * up in the same statement (memberOfOne); without, the caller looks them up (cellMembers). One
 * statement saves a round trip, but Citus takes its lateral join on one municipality's shard only.
 */
export async function rollupGridCells(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, cellSize: number, members: true): Promise<RankedCell[]>;
export async function rollupGridCells(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, cellSize: number, members?: false): Promise<RankedRow[]>;
export async function rollupGridCells(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, cellSize: number, members = false): Promise<RankedRow[]> {
  const f = await resolveFilter(q, filter);
  const p = new Params();
  const parts = await gridParts(q, actor, f, period, cellSize, true, true, p);
  if (!parts) return [];
  const kk = p.add(cellSize / ROLLUP_CELL_M);
  const cells = `WITH parts(cell_x, cell_y, category_id, n, sx, sy) AS (${parts.join(' UNION ALL ')}),
          by_category AS (SELECT floor(cell_x::float8 / ${kk})::int AS col, floor(cell_y::float8 / ${kk})::int AS row, category_id,
                                 sum(n)::int AS n, sum(sx) AS sx, sum(sy) AS sy FROM parts GROUP BY 1, 2, 3)
     SELECT col, row, sum(n)::int AS count, sum(sx) / sum(n) AS x, sum(sy) / sum(n) AS y,
            (array_agg(category_id ORDER BY n DESC, category_id))[1] AS "categoryId", max(n) AS "categoryCount"
       FROM by_category GROUP BY col, row HAVING sum(n) > 0`;
  if (!members) return (await q.query<RankedRow>(cells, p.values)).rows;
  const r = await q.query<RankedRow & Member>(
    `SELECT c.*, m.id, COALESCE(m.occurred_from, 'epoch') AS "occurredFrom", COALESCE(m.review_status, '') AS "reviewStatus"
       FROM (${cells}) c
       LEFT JOIN LATERAL (${memberOfOne(actor, { ...f, bbox: undefined }, cellSize, p)}) m ON true`, p.values);
  return r.rows.map((c) => ({ ...c, id: c.id ?? '' }));
}

/**
 * The one incident of a cluster cell (alias c: col, row, count in a grid of cellSize) whose count is
 * one, as a lateral subquery: through the 250 m cells of incidents_cell_time_idx that it touches (a
 * busy cell's incidents of all time, which the GiST index finds, are many more than its one of the
 * period), or through the GiST index for a cell that touches more of them than CELL_TIME_MAX_PROBES.
 */
function memberOfOne(actor: Actor, f: ResolvedFilter, cellSize: number, p: Params): string {
  const s = p.add(cellSize);
  const span = Math.ceil(cellSize / CELL_TIME_M) + 1;
  const range = (c: string) => `ARRAY(SELECT generate_series(floor(${c} * ${s}::float8 / ${CELL_TIME_M})::int, (ceil((${c} + 1) * ${s}::float8 / ${CELL_TIME_M}) - 1)::int))`;
  const locate = span * span <= CELL_TIME_MAX_PROBES
    ? `${cellColumn('i')} = ANY(${range('c.col')}) AND ${cellRow('i')} = ANY(${range('c.row')})`
    : `i.geom && ST_MakeEnvelope(c.col * ${s}::float8, c.row * ${s}::float8, (c.col + 1) * ${s}::float8, (c.row + 1) * ${s}::float8, 3006)`;
  return `SELECT i.id, i.occurred_from, i.review_status FROM incidents i
     WHERE c.count = 1 AND ${locate} AND floor(ST_X(i.geom) / ${s}) = c.col AND floor(ST_Y(i.geom) / ${s}) = c.row
       AND ${incidentWhere(actor, f, p, { viewIndex: false })}
     ORDER BY i.id LIMIT 1`;
}

/**
 * One sum per cell over the grid's rows, without the count per category that the commonest category
 * takes (half the time of rollupGridCells over a municipality's two years); the members' mean
 * position too with `positions`.
 */
async function gridSums<T extends CellCount>(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, cellSize: number, positions: boolean): Promise<T[]> {
  const p = new Params();
  const parts = await gridParts(q, actor, filter, period, cellSize, false, positions, p);
  if (!parts) return [];
  const kk = p.add(cellSize / ROLLUP_CELL_M);
  const r = await q.query<T>(
    `SELECT floor(cell_x::float8 / ${kk})::int AS col, floor(cell_y::float8 / ${kk})::int AS row, sum(n)::int AS count${positions ? ', sum(sx) / sum(n) AS x, sum(sy) / sum(n) AS y' : ''}
       FROM (${parts.join(' UNION ALL ')}) x GROUP BY 1, 2 HAVING sum(n) > 0`, p.values);
  return r.rows;
}

/** Counts per cell of a grid whose size is a multiple of 50 m. */
export async function rollupGridCounts(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, cellSize: number): Promise<CellCount[]> {
  return gridSums<CellCount>(q, actor, filter, period, cellSize, false);
}

/** Counts per cell of a grid whose size is a multiple of 50 m, with the members' mean position. */
export async function rollupGridMeans(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, cellSize: number): Promise<CellMean[]> {
  return gridSums<CellMean>(q, actor, filter, period, cellSize, true);
}

/** The one incident of each given cell (a grid of cellSize) that the filter keeps: id, start and review status. */
export async function cellMembers(q: Queryable, actor: Actor, filter: IncidentFilter, cellSize: number, cells: Array<{ col: number; row: number }>): Promise<Array<{ col: number; row: number; id: string; occurredFrom: Date; reviewStatus: string }>> {
  const f = await resolveFilter(q, filter);
  if (cells.length === 0) return [];
  const p = new Params();
  // Each cell through the 250 m cells of incidents_cell_time_idx that it touches: a busy cell's
  // incidents of all time (what the GiST index finds) are many more than its one of the period.
  const sub = { col: [] as number[], row: [] as number[], subCol: [] as number[], subRow: [] as number[] };
  for (const c of cells) {
    const { cols, rows } = cellsOf([c.col * cellSize, c.row * cellSize, (c.col + 1) * cellSize - 1e-6, (c.row + 1) * cellSize - 1e-6]);
    for (const x of cols) for (const y of rows) { sub.col.push(c.col); sub.row.push(c.row); sub.subCol.push(x); sub.subRow.push(y); }
    if (sub.col.length > CELL_MEMBER_MAX_PROBES) break;
  }
  const s = p.add(cellSize);
  const [from, join] = sub.col.length <= CELL_MEMBER_MAX_PROBES
    ? [`unnest(${p.add(sub.col)}::int[], ${p.add(sub.row)}::int[], ${p.add(sub.subCol)}::int[], ${p.add(sub.subRow)}::int[]) AS c(col, row, sc, sr)`,
      `${cellColumn('i')} = c.sc AND ${cellRow('i')} = c.sr`]
    : [`unnest(${p.add(cells.map((c) => c.col))}::int[], ${p.add(cells.map((c) => c.row))}::int[]) AS c(col, row)`,
      `i.geom && ST_MakeEnvelope(c.col * ${s}::float8, c.row * ${s}::float8, (c.col + 1) * ${s}::float8, (c.row + 1) * ${s}::float8, 3006)`];
  const r = await q.query<{ col: number; row: number; id: string; occurredFrom: Date; reviewStatus: string }>(
    `SELECT DISTINCT ON (c.col, c.row) c.col, c.row, i.id, i.occurred_from AS "occurredFrom", i.review_status AS "reviewStatus"
       FROM ${from}
       JOIN incidents i ON ${join} AND floor(ST_X(i.geom) / ${s}) = c.col AND floor(ST_Y(i.geom) / ${s}) = c.row
      WHERE ${incidentWhere(actor, f, p, { viewIndex: false })}
      ORDER BY c.col, c.row, i.id`, p.values);
  return r.rows;
}

/** The index probes (cell, 250 m cell) the cells of one may take; beyond, each cell through the GiST index. */
const CELL_MEMBER_MAX_PROBES = 20_000;

/**
 * Counts per category or organisation in each window, in one pass over the rollups (and the view's cut
 * cells). Each arm groups by municipality too: Citus sends a union of arms grouped by the
 * distribution column whole to each shard, where arms grouped by the key alone each became a subplan
 * of their own (a police area's keys: 37 → 15 ms on Citus, 9 → 10 ms on PostgreSQL).
 */
export async function rollupCountsByKey(
  q: Queryable, actor: Actor, filter: IncidentFilter, key: 'category_id' | 'organisation_id',
  windows: { current: DayWindow; previous: DayWindow; lastYear: DayWindow; emptyFrom?: string }, inner?: InnerCells | null,
): Promise<Array<{ key: string; current: number; previous: number; lastYear: number }>> {
  const f = await resolveFilter(q, filter);
  const p = new Params();
  const ws = [windows.current, windows.previous, windows.lastYear];
  // One set of inner cells for every window: the edge is counted once, over all three.
  const view = monthlyView(f, innerOf(f, inner));
  // Only where a window holds a whole month: three four-week windows each read as a month less its
  // outer days were slower than their days alone (the bench's 14 four-week panels at 1,000,000
  // incidents: 218–232 against 197–204 ms), the keys' monthly rows being few anyway.
  const monthly = view.ok && ws.some((w) => wholeMonths({ from: w.days[0], to: w.days[1] }));
  const cut = monthly ? view.inner : innerOf(f, inner);
  const parts = [];
  if (!f.bbox || cut) {
    // Each window through the indexes on its own days and months (the gaps between them are not read).
    // The period filter of f does not apply: each window counts its own days.
    ws.forEach((w, i) => {
      const period = { from: w.days[0], to: w.days[1], emptyFrom: windows.emptyFrom };
      const plan: Plan = { months: monthly ? coverOf(period) : null, inner: cut, totals: null };
      for (const r of rollupReads(actor, f, period, plan, !!cut, p)) {
        const by = ws.map((_, j) => `${j === i ? `${r.sign < 0 ? '-' : ''}sum(r.n)` : '0'} AS ${'cbl'[j]}`);
        parts.push(`SELECT r.municipality_id, r.${key} AS key, ${by.join(', ')} FROM ${r.from} r WHERE ${r.where} GROUP BY 1, 2`);
      }
    });
  }
  if (f.bbox) {
    const all = { ...f, from: undefined, to: undefined };
    const span = ws.map((w) => atTimes(w.at, p)).join(' OR ');
    const by = ws.map((w, j) => `count(*) FILTER (WHERE ${atTimes(w.at, p)}) AS ${'cbl'[j]}`);
    // The edge over the span of the three windows: the earliest start to the current end.
    const start = ws.reduce((a, w) => (w.at[0] < a ? w.at[0] : a), ws[0].at[0]);
    parts.push(`SELECT i.municipality_id, i.${key} AS key, ${by.join(', ')} FROM incidents i WHERE ${cut ? edgeWhere(actor, all, cut, p, { from: start, to: windows.current.at[1] }) : incidentWhere(actor, all, p)} AND (${span}) GROUP BY 1, 2`);
  }
  const r = await q.query<{ key: string; current: number; previous: number; lastYear: number }>(
    `SELECT key, sum(c)::int AS current, sum(b)::int AS previous, sum(l)::int AS "lastYear"
       FROM (${parts.join(' UNION ALL ')}) x(m, key, c, b, l) GROUP BY key HAVING sum(c) <> 0 OR sum(b) <> 0 OR sum(l) <> 0`, p.values);
  return r.rows;
}

/** Incidents per week (Monday, Swedish local time) of the day they started. */
export async function rollupWeekly(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, inner?: InnerCells | null): Promise<Array<{ weekStart: string; count: number }>> {
  const f = await resolveFilter(q, filter);
  const p = new Params();
  const cut = innerOf(f, inner);
  const parts = [];
  if (!f.bbox || cut) {
    const week = 'r.day_from - (extract(isodow FROM r.day_from)::int - 1)';
    for (const where of rollupWheres(actor, f, period, cut, p)) parts.push(`SELECT ${week} AS w, sum(r.n) AS n FROM ${cut ? CELLS : DAYS} r WHERE ${where} GROUP BY 1`);
    parts.push(`SELECT ${week} AS w, sum(r.n) AS n FROM ${QUEUE} r WHERE ${queueRead(actor, f, period, cut, p)} GROUP BY 1`);
  }
  if (f.bbox) parts.push(`SELECT date_trunc('week', i.occurred_from AT TIME ZONE 'Europe/Stockholm')::date, count(*) FROM incidents i WHERE ${cut ? edgeWhere(actor, f, cut, p) : incidentWhere(actor, f, p)} GROUP BY 1`);
  const r = await q.query<{ weekStart: string; count: number }>(
    `SELECT w::text AS "weekStart", sum(n)::int AS count FROM (${parts.join(' UNION ALL ')}) x(w, n) GROUP BY w HAVING sum(n) <> 0 ORDER BY w`, p.values);
  return r.rows;
}

/**
 * Incidents per (ISO weekday 1–7, hour 0–23) of their start, Swedish local time. No view: the hours
 * carry no cell. The whole months from the monthly hour totals where they answer, the rest (and every
 * other filter) from the daily hours.
 */
export async function rollupHourWeekday(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod): Promise<number[][]> {
  const f = { ...(await resolveFilter(q, filter)), bbox: undefined };
  const p = new Params();
  // The hour totals keep the category: a filter by it may read them too.
  const months = totalsAnswer(actor, { ...f, categoryIds: undefined }) ? coverOf(period) : null;
  const arms = periodReads(period, { months, inner: null, totals: null }, p).map(({ monthly, where, sign }) => {
    const n = sign < 0 ? '-r.n' : 'r.n';
    const w = [...keyWhere(actor, f, p, 'r'), where];
    if (monthly && !f.categoryIds) w.push(`r.category_id = ${ALL_CATEGORIES}`);
    return monthly
      ? `SELECT r.weekday::int AS d, r.hour, ${n} AS n FROM ${MONTH_HOURS} r WHERE ${w.join(' AND ')}`
      : `SELECT extract(isodow FROM r.day_from)::int AS d, r.hour, ${n} AS n FROM ${HOURS} r WHERE ${w.join(' AND ')}`;
  });
  arms.push(`SELECT extract(isodow FROM r.day_from)::int AS d, r.hour, r.n AS n FROM ${QUEUE} r WHERE ${queueRead(actor, f, period, null, p)}`);
  const r = await q.query<{ d: number; h: number; n: number }>(
    `SELECT d, hour AS h, sum(n)::int AS n FROM (${arms.join(' UNION ALL ')}) x GROUP BY 1, 2`, p.values);
  const table = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const row of r.rows) table[row.d - 1][row.h] = row.n;
  return table;
}

/**
 * The places with the most incidents in the period, with their count in the window before. No view.
 * Each window's whole months from the monthly place totals where they answer (as the hour totals),
 * its other days from the daily rows.
 */
export async function rollupTopPlaces(q: Queryable, actor: Actor, filter: IncidentFilter, period: DayPeriod, previous: [string, string], limit = 10): Promise<Array<{ name: string; count: number; previous: number }>> {
  const f = await resolveFilter(q, filter);
  const p = new Params();
  // The place totals keep the category: a filter by it may read them too.
  const totals = totalsAnswer(actor, { ...f, categoryIds: undefined });
  const windows: Array<[DayPeriod, boolean]> = [[period, true], [{ from: previous[0], to: previous[1], emptyFrom: period.emptyFrom }, false]];
  const arms = windows.flatMap(([w, current]) => periodReads(w, { months: totals ? coverOf(w) : null, inner: null, totals: null }, p).map(({ monthly, where, sign }) => {
    const n = sign < 0 ? '-r.n' : 'r.n', [c, b] = current ? [n, '0'] : ['0', n];
    const x = [...keyWhere(actor, f, p, 'r'), where];
    if (monthly && !f.categoryIds) x.push(`r.category_id = ${ALL_CATEGORIES}`);
    // Every column named: Citus sends the arms to the workers without the outer query's names.
    return `SELECT r.municipality_id, r.place_id, r.place_name, ${c} AS c, ${b} AS b FROM ${monthly ? MONTH_PLACES : PLACES} r WHERE ${x.join(' AND ')}`;
  }).concat(`SELECT r.municipality_id, r.place_id, r.place_name, ${current ? 'r.n AS c, 0 AS b' : '0 AS c, r.n AS b'} FROM ${QUEUE} r
      WHERE ${queueRead(actor, f, w, null, p)} AND (r.place_id <> ${NO_PLACE} OR r.place_name <> '')`));
  const r = await q.query<{ name: string; count: number; previous: number }>(
    `WITH k AS (SELECT municipality_id, place_id, place_name, sum(c) AS c, sum(b) AS b FROM (${arms.join(' UNION ALL ')}) x GROUP BY 1, 2, 3)
     SELECT COALESCE(pl.name, NULLIF(k.place_name, '')) AS name, sum(k.c)::int AS count, sum(k.b)::int AS previous
       FROM k LEFT JOIN places pl ON pl.municipality_id = k.municipality_id AND pl.id = k.place_id
      GROUP BY 1 HAVING sum(k.c) > 0 AND COALESCE(pl.name, NULLIF(k.place_name, '')) IS NOT NULL
      ORDER BY 2 DESC, 1 LIMIT ${p.add(limit)}`, p.values);
  return r.rows;
}

/** Deltas waiting to be moved into the rollups. */
export async function rollupQueueLength(q: Queryable): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_rollup_queue');
  return r.rows[0].n;
}

/** Every table the applier adds to. */
export const ROLLUP_TABLES = ['incident_cells', 'incident_days', 'incident_hours', 'incident_places', 'incident_month_cells', 'incident_months', 'incident_month_totals', 'incident_month_hours', 'incident_month_places', 'incident_category_totals', 'incident_category_totals_50m'];

/**
 * The rollups whose counts change in place (migration 0040): no index holds their counts, so the
 * applier finds the rows it emptied by their keys (blockTables' `delete`), not through an index of
 * the empty ones, whose predicate on n would make every change write the indexes again.
 */
export const BLOCK_TABLES = ['incident_month_totals', 'incident_category_totals', 'incident_category_totals_50m'];

/** An application-wide advisory lock key: one applier at a time, whichever process. */
const APPLIER_LOCK = 1_443_021_214;

interface Delta {
  /** Days since 2000-01-01: a date as text depends on the session's DateStyle, which Citus refuses in RETURNING. */
  day_from: number; day_to: number; cell_x: number; cell_y: number; dx: number; dy: number; hour: number;
  category_id: string; organisation_id: string; review_status: string; visibility: string; place_id: string; place_name: string; sign: number;
}

/**
 * Moves up to `batch` committed deltas from the queue into the rollups and deletes them, in one
 * transaction, so every snapshot sees each delta exactly once (queued or applied). Returns how many
 * were moved, or null when another process is applying (it holds the lock; `wait` waits for it instead). Deltas of transactions
 * still open are not visible here, however old: a later pass takes them, after their commit.
 *
 * One municipality at a time, each statement naming it: on Citus every statement then runs on the
 * one worker that holds that municipality's co-located shards.
 */
export async function applyRollupQueue(db: Database, batch = 20_000, wait = false): Promise<number | null> {
  return db.transaction(async (tx) => {
    // With `wait`, after the other applier's commit: each later statement sees what it moved.
    const locked = await tx.query<{ ok: boolean }>(wait ? 'SELECT true AS ok FROM (SELECT pg_advisory_xact_lock($1)) l' : 'SELECT pg_try_advisory_xact_lock($1) AS ok', [APPLIER_LOCK]);
    if (!locked.rows[0].ok) return null;
    let moved = 0;
    // The municipalities with deltas one at a time, each the next after the last through the primary
    // key, until the batch is full: after a bulk load the first fills it, where listing them all
    // (DISTINCT) read every queued delta for each batch.
    for (let m = await nextQueued(tx, ''); m !== null; m = moved < batch ? await nextQueued(tx, m) : null) {
      // The oldest transactions' deltas first. The batch's keys go through an array, not `seq IN
      // (subquery)`: right after a bulk insert the queue's statistics may still say it is empty, and
      // the planner then joins the batch to the queue in a nested loop over a sequential scan —
      // minutes for 100,000 deltas. An array is looked up by the primary key (or a hash) whatever
      // the statistics say.
      const taken = await tx.query<Delta>(
        `DELETE FROM incident_rollup_queue WHERE municipality_id = $1
            AND seq = ANY(ARRAY(SELECT seq FROM incident_rollup_queue WHERE municipality_id = $1 ORDER BY xid, seq LIMIT $2))
         RETURNING day_from - DATE '2000-01-01' AS day_from, day_to - DATE '2000-01-01' AS day_to, cell_x, cell_y, dx, dy, hour, category_id, organisation_id, review_status, visibility, place_id, place_name, sign`,
        [m, batch - moved]);
      if (taken.rows.length) { const q = queuedDeltas(m, taken.rows); await addToRollups(tx, q.source, q.params); }
      moved += taken.rows.length;
      // Keys whose incidents all moved away, which only a negative delta leaves (a new report adds
      // only): the partial indexes find them without a scan, in the totals the negative deltas' own
      // keys. Naming the municipality keeps the pass on its one worker on Citus, where a statement
      // over every shard would make each commit a two-phase commit across all workers.
      const removed = taken.rows.filter((r) => r.sign < 0);
      if (removed.length) {
        for (const t of ROLLUP_TABLES) if (!BLOCK_TABLES.includes(t)) await tx.query(`DELETE FROM ${t} WHERE municipality_id = $1 AND n = 0`, [m]);
        const q = queuedDeltas(m, removed);
        for (const b of blockTables(q.source)) await tx.query(b.delete, q.params);
      }
    }
    return moved;
  });
}

/**
 * Builds a municipality's rollups again from its incidents, and deletes its queued deltas that they
 * now hold: after a bulk load, grouping the incidents is minutes where taking the queue's deltas
 * batch by batch is hours (bench/README.md). One transaction in one snapshot (REPEATABLE READ): the
 * deltas of the incidents it sees are the queued deltas it sees, and those of transactions still open
 * stay queued for the applier. Returns the deltas taken from the queue, or null when another process
 * is applying (it holds the applier's lock, or committed a pass on this municipality after this
 * snapshot began: the queue's rows it took cannot be deleted again, a serialization failure), or
 * when `signal` cancelled it (rolled back, the queue and the rollups as they were).
 */
export async function rebuildRollups(db: Database, m: string, signal?: AbortSignal): Promise<number | null> {
  if (signal?.aborted) return null;
  let cancel: (() => void) | null = null;
  try {
    return await db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const locked = await tx.query<{ ok: boolean; pid: number }>('SELECT pg_try_advisory_xact_lock($1) AS ok, pg_backend_pid() AS pid', [APPLIER_LOCK]);
      if (!locked.rows[0].ok) return null;
      // A stop (a rolling restart) does not wait minutes for a large municipality: its statement is
      // cancelled from another connection and the transaction rolled back, the queue left as it was.
      if (signal && db.engine !== 'pglite') {
        const pid = locked.rows[0].pid;
        cancel = () => { void db.query('SELECT pg_cancel_backend($1::int)', [pid]).catch(() => undefined); };
        signal.addEventListener('abort', cancel, { once: true });
      }
      const taken = await tx.query('DELETE FROM incident_rollup_queue WHERE municipality_id = $1', [m]);
      for (const t of ROLLUP_TABLES) await tx.query(`DELETE FROM ${t} WHERE municipality_id = $1`, [m]);
      await addToRollups(tx, INCIDENT_DELTAS, [m], true);
      return taken.affectedRows;
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '40001' || (code === '57014' && signal?.aborted)) return null;
    throw e;
  } finally {
    if (cancel) signal?.removeEventListener('abort', cancel);
  }
}

/** How many incidents a municipality's rollups hold (from the monthly rollup, where each is one row's part). */
export async function appliedIncidents(q: Queryable, m: string): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT COALESCE(sum(n), 0)::int AS n FROM incident_months WHERE municipality_id = $1', [m]);
  return r.rows[0].n;
}

/** Whether a municipality has at least `n` deltas queued: counts through the queue's order index, up to n only. */
export async function queuedAtLeast(q: Queryable, m: string, n: number): Promise<boolean> {
  const r = await q.query<{ k: number }>('SELECT count(*)::int AS k FROM (SELECT 1 FROM incident_rollup_queue WHERE municipality_id = $1 LIMIT $2) l', [m, n]);
  return r.rows[0].k >= n;
}

/** The municipalities with queued deltas, in key order, each found through the primary key. */
export async function* queuedMunicipalities(q: Queryable): AsyncGenerator<string> {
  for (let m = await nextQueued(q, ''); m !== null; m = await nextQueued(q, m)) yield m;
}

/** The first municipality after `after` (in the primary key's order) with queued deltas, or null. */
async function nextQueued(tx: Queryable, after: string): Promise<string | null> {
  const r = await tx.query<{ m: string }>('SELECT municipality_id AS m FROM incident_rollup_queue WHERE municipality_id > $1 ORDER BY municipality_id LIMIT 1', [after]);
  return r.rows[0]?.m ?? null;
}

/**
 * The applier's rows of a table kept per month and per block of months (the monthly and category
 * totals), from the deltas per month (`months`, as addToRollups names them), in each cell size of
 * `grains`: every delta per month (months = 0 for those that end in a later month than they start),
 * and those within one month once more per block. The columns in
 * the tables' order: municipality, cell size, length, months, cell, with `category` the category,
 * organisation (restricted reports' own), visibility, then n and the summed offsets.
 */
function blockRows(months: string, grains: readonly number[], blocksOf: (k: number) => Blocks, category: boolean): string {
  const arm = (k: number, len: string, from: string, to: string, within: boolean) => `SELECT municipality_id, ${k * ROLLUP_CELL_M}, ${len}, ${from}, ${to},
      ${coarseCell(k, 'cell_x')}, ${coarseCell(k, 'cell_y')},${category ? ' category_id,' : ''} ${SCOPE}, visibility,
      sum(sign), sum(sign * (${coarseOffset(k, 'cell_x', 'dx')})), sum(sign * (${coarseOffset(k, 'cell_y', 'dy')}))
      FROM ${months}${within ? ' WHERE month_from = month_to' : ''} GROUP BY 1, 3, 4, 5, 6, 7, 8, 9${category ? ', 10' : ''}`;
  return grains.flatMap((k) => [arm(k, 'CASE WHEN month_to > month_from THEN 0 ELSE 1 END', 'month_from', 'month_to', false),
    ...blocksOf(k).map(([len, start]) => arm(k, String(len), start('day_from'), start('day_from'), true))]).join(' UNION ALL ');
}

/** Queued deltas taken from the queue, as a source of deltas ($1 the municipality, $2… the columns). */
function queuedDeltas(m: string, d: Delta[]): { source: string; params: unknown[] } {
  const col = <K extends keyof Delta>(k: K) => d.map((r) => r[k]);
  return {
    source: `(SELECT $1::text AS municipality_id, DATE '2000-01-01' + d0 AS day_from, DATE '2000-01-01' + d1 AS day_to, cell_x, cell_y, dx, dy, hour, category_id, organisation_id, review_status, visibility, place_id, place_name, sign
      FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::float8[], $7::float8[], $8::smallint[], $9::uuid[], $10::uuid[],
        $11::text[], $12::text[], $13::uuid[], $14::text[], $15::int[])
      AS u(d0, d1, cell_x, cell_y, dx, dy, hour, category_id, organisation_id, review_status, visibility, place_id, place_name, sign)) b`,
    params: [m, col('day_from'), col('day_to'), col('cell_x'), col('cell_y'), col('dx'), col('dy'), col('hour'),
      col('category_id'), col('organisation_id'), col('review_status'), col('visibility'), col('place_id'), col('place_name'), col('sign')],
  };
}

/**
 * Every incident of a municipality ($1) as a +1 delta: the same keys as the queue's trigger writes
 * (migration 0012), so rollups built from it equal those the applier builds from the queue.
 */
const INCIDENT_DELTAS = `(SELECT municipality_id,
      (occurred_from AT TIME ZONE 'Europe/Stockholm')::date AS day_from, (occurred_to AT TIME ZONE 'Europe/Stockholm')::date AS day_to,
      floor(ST_X(geom) / 50)::int AS cell_x, floor(ST_Y(geom) / 50)::int AS cell_y,
      ST_X(geom) - floor(ST_X(geom) / 50) * 50 AS dx, ST_Y(geom) - floor(ST_Y(geom) / 50) * 50 AS dy,
      extract(hour FROM occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint AS hour,
      category_id, organisation_id, review_status, visibility,
      COALESCE(place_id, ${NO_PLACE}) AS place_id,
      CASE WHEN place_id IS NULL THEN COALESCE(trim(place_name), '') ELSE '' END AS place_name, 1 AS sign
    FROM incidents WHERE municipality_id = $1) b`;

/**
 * Adds deltas (a source of one municipality's, with the queue's columns: municipality_id, day_from,
 * day_to, cell_x, cell_y, dx, dy, hour, category_id, organisation_id, review_status, visibility,
 * place_id, place_name, sign) to the ten rollups, summed per key first (an upsert may touch a row
 * once); `fresh` when the municipality's rollups are empty (a rebuild). The municipality is taken
 * from the source, not written in: on Citus an insert from a table's rows of one municipality then
 * runs whole on that municipality's worker.
 */
async function addToRollups(tx: Queryable, deltas: string, params: unknown[], fresh = false): Promise<void> {
  // Into a municipality's emptied rollups (a rebuild), plain inserts: no row can conflict.
  const add = (sql: string) => tx.query(fresh ? sql.replace(/\n\s*ON CONFLICT[\s\S]*$/, '') : sql, params);
  const keys = 'municipality_id, day_from, day_to, category_id, organisation_id, review_status, visibility';
  const conflict = 'municipality_id, day_from, day_to';
  const rest = 'category_id, organisation_id, review_status, visibility';
  await add(
    `INSERT INTO incident_cells AS t (${keys}, cell_x, cell_y, n, sum_dx, sum_dy)
     SELECT ${keys}, cell_x, cell_y, sum(sign), sum(sign * dx), sum(sign * dy) FROM ${deltas} GROUP BY ${keys}, cell_x, cell_y
     ON CONFLICT (${conflict}, cell_x, cell_y, ${rest}) DO UPDATE SET n = t.n + excluded.n, sum_dx = t.sum_dx + excluded.sum_dx, sum_dy = t.sum_dy + excluded.sum_dy`);
  await add(
    `INSERT INTO incident_days AS t (${keys}, n)
     SELECT ${keys}, sum(sign) FROM ${deltas} GROUP BY ${keys}
     ON CONFLICT (${conflict}, ${rest}) DO UPDATE SET n = t.n + excluded.n`);
  await add(
    `INSERT INTO incident_hours AS t (${keys}, hour, n)
     SELECT ${keys}, hour, sum(sign) FROM ${deltas} GROUP BY ${keys}, hour
     ON CONFLICT (${conflict}, hour, ${rest}) DO UPDATE SET n = t.n + excluded.n`);
  const withMonths = monthsOf(deltas);
  const months = 'm';
  await add(
    `${withMonths} INSERT INTO incident_month_cells AS t (municipality_id, month_from, month_to, cell_x, cell_y, ${rest}, n, sum_dx, sum_dy)
     SELECT municipality_id, month_from, month_to, mx, my, ${rest}, sum(sign), sum(sign * mdx), sum(sign * mdy) FROM ${months} GROUP BY municipality_id, month_from, month_to, mx, my, ${rest}
     ON CONFLICT (municipality_id, month_from, month_to, cell_x, cell_y, ${rest}) DO UPDATE SET n = t.n + excluded.n, sum_dx = t.sum_dx + excluded.sum_dx, sum_dy = t.sum_dy + excluded.sum_dy`);
  await add(
    `${withMonths} INSERT INTO incident_months AS t (municipality_id, month_from, month_to, ${rest}, n)
     SELECT municipality_id, month_from, month_to, ${rest}, sum(sign) FROM ${months} GROUP BY municipality_id, month_from, month_to, ${rest}
     ON CONFLICT (municipality_id, month_from, month_to, ${rest}) DO UPDATE SET n = t.n + excluded.n`);
  // The monthly totals and the category totals.
  for (const b of blockTables(deltas)) await add(b.insert);
  await add(
    `${withMonths} INSERT INTO incident_month_hours AS t (municipality_id, category_id, month_from, month_to, weekday, hour, organisation_id, visibility, n)
     ${['category_id', ALL_CATEGORIES].map((c) => `SELECT municipality_id, ${c}, month_from, month_to, extract(isodow FROM day_from)::int, hour, ${SCOPE}, visibility, sum(sign)
       FROM ${months} GROUP BY 1, 2, month_from, month_to, 5, hour, 7, visibility`).join(' UNION ALL ')}
     ON CONFLICT (municipality_id, category_id, month_from, month_to, weekday, hour, organisation_id, visibility) DO UPDATE SET n = t.n + excluded.n`);
  await add(
    `${withMonths} INSERT INTO incident_month_places AS t (municipality_id, category_id, month_from, month_to, place_id, place_name, organisation_id, visibility, n)
     ${['category_id', ALL_CATEGORIES].map((c) => `SELECT municipality_id, ${c}, month_from, month_to, place_id, place_name, ${SCOPE}, visibility, sum(sign)
       FROM ${months} WHERE place_id <> ${NO_PLACE} OR place_name <> '' GROUP BY 1, 2, month_from, month_to, place_id, place_name, 7, visibility`).join(' UNION ALL ')}
     ON CONFLICT (municipality_id, category_id, month_from, month_to, place_id, place_name, organisation_id, visibility) DO UPDATE SET n = t.n + excluded.n`);
  await add(
    `INSERT INTO incident_places AS t (${keys}, place_id, place_name, n)
     SELECT ${keys}, place_id, place_name, sum(sign) FROM ${deltas} WHERE place_id <> ${NO_PLACE} OR place_name <> ''
      GROUP BY ${keys}, place_id, place_name
     ON CONFLICT (${conflict}, place_id, place_name, ${rest}) DO UPDATE SET n = t.n + excluded.n`);
}

/**
 * The deltas of a source per month and 250 m cell (offsets from that cell's corner), beside their own
 * columns, as `m`. Read once per statement (MATERIALIZED): the totals' statements read them in up to
 * eleven arms, and a rebuild's deltas are an incident table's rows, each arm a scan of them.
 */
function monthsOf(deltas: string): string {
  return `WITH m AS MATERIALIZED (SELECT municipality_id, ${monthOf('day_from')} AS month_from, ${monthOf('day_to')} AS month_to, ${coarseCell(K, 'cell_x')} AS mx, ${coarseCell(K, 'cell_y')} AS my,
      ${coarseOffset(K, 'cell_x', 'dx')} AS mdx, ${coarseOffset(K, 'cell_y', 'dy')} AS mdy,
      cell_x, cell_y, dx, dy, day_from, hour, place_id, place_name, category_id, organisation_id, review_status, visibility, sign FROM ${deltas})`;
}

const TOTAL_COLUMNS = 'municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, organisation_id, visibility';

/**
 * The rollups kept per month and per block of months (BLOCK_TABLES), for a source of deltas: each
 * table's upsert of their rows, and the deletion of its rows of the same keys that they left empty.
 * The monthly totals per 50 m, 100 m and 250 m cell, every category, organisation and status
 * together; the category totals of 50 m cells and of the coarser ones (CATEGORY_GRAINS) in tables of
 * their own. Restricted reports per organisation in each. The rows are written in the order of the
 * index their reads take (`order`, positions in blockRows' columns; migration 0040): a rebuild's
 * then lie together in the table, in the order a read wants them.
 */
function blockTables(deltas: string): Array<{ insert: string; delete: string }> {
  const withMonths = monthsOf(deltas);
  const cellOrder = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  return [
    { table: 'incident_month_totals', keys: TOTAL_COLUMNS, rows: blockRows('m', TOTAL_GRAINS, () => TOTAL_BLOCKS, false), order: cellOrder(9) },
    { table: categoryTable(1), keys: CATEGORY_KEYS, rows: blockRows('m', [1], categoryBlocks, true), order: cellOrder(10) },
    // The category index's order: the block, then the category, then the cell.
    { table: categoryTable(2), keys: CATEGORY_KEYS, rows: blockRows('m', CATEGORY_GRAINS.slice(1), categoryBlocks, true), order: [1, 2, 3, 4, 5, 8, 6, 7, 9, 10] },
  ].map(({ table, keys, rows, order }) => ({
    insert: `${withMonths} INSERT INTO ${table} AS t (${keys}, n, sum_dx, sum_dy)
     ${rows} ORDER BY ${order.join(', ')}
     ON CONFLICT (${keys}) DO UPDATE SET n = t.n + excluded.n, sum_dx = t.sum_dx + excluded.sum_dx, sum_dy = t.sum_dy + excluded.sum_dy`,
    delete: `${withMonths} DELETE FROM ${table} t USING (${rows}) AS k(${keys}, n, sum_dx, sum_dy)
      WHERE t.municipality_id = $1 AND ${keys.split(', ').map((c) => `t.${c} = k.${c}`).join(' AND ')} AND t.n = 0`,
  }));
}

/**
 * Reclaims the space of applied deltas and of replaced rollup rows. PostgreSQL's autovacuum does this
 * by itself; the embedded engine has none, and its queue would otherwise grow with every change.
 */
export async function vacuumRollups(q: Queryable): Promise<void> {
  await q.exec(`VACUUM incident_rollup_queue, ${ROLLUP_TABLES.join(', ')}`);
}
