/**
 * Deterministic synthetic EST incidents for demos, tests and benchmarks. See README.md for the model.
 * Pure: the caller passes the boundary and built-up areas (EPSG:3006); nothing is read from disk.
 * The columnar form holds 1,000,000 incidents in typed arrays without one object per incident; the
 * array form materialises the same incidents as objects.
 */
import { localToUtc } from '../time/index.ts';
import { resolvePlan, type Plan } from './plan.ts';
import { buildTables, type Tables } from './tables.ts';
import { createDraw, drawIncident, type Draw } from './draw.ts';
import { expo, pick } from './sampling.ts';
import { PROFILES } from './weights.ts';
import {
  POSITION_PRECISIONS, type DemoIncident, type DemoMetadata, type DemoTrend, type GenerateOptions, type IncidentColumns,
  type NearRepeatOptions,
} from './types.ts';

// src/demo/measures.ts and test/e2e/support/demo.ts import the type from here.
export type { DemoTrend } from './types.ts';

/** An incident whose follow-ups are still to be drawn. */
interface Pending { parent: number; generation: number }

/**
 * Generate `count` incidents in columnar form.
 * @example
 * const { columns, metadata } = generateIncidentColumns({ seed: 1, count: 1_000_000, boundary, centres });
 */
export function generateIncidentColumns(options: GenerateOptions): { columns: IncidentColumns; metadata: DemoMetadata } {
  const plan = resolvePlan(options);
  const tables = buildTables(plan);
  const columns = allocateColumns(plan, tables);
  const followUps = drawAll(plan, tables, createDraw(plan, tables, columns));
  return { columns, metadata: metadataOf(plan, followUps) };
}

function allocateColumns({ count, categories, organisations, geometry }: Plan, tables: Tables): IncidentColumns {
  return {
    count,
    idWords: new Uint32Array(count * 4),
    category: new Uint8Array(count), categoryCodes: categories.codes,
    occurredFrom: new Float64Array(count), occurredTo: new Float64Array(count), reportedAt: new Float64Array(count),
    x: new Float64Array(count), y: new Float64Array(count),
    organisation: new Uint8Array(count), organisationKeys: organisations.map((o) => o.key),
    place: new Int16Array(count), placeNames: [...geometry.hotspots.map((h) => h.name), ...geometry.centres.map((c) => c.name)],
    description: new Uint16Array(count), descriptions: tables.descriptions,
    reportedToPolice: new Uint8Array(count), assessment: new Uint8Array(count), precision: new Uint8Array(count),
    source: new Uint16Array(count), parent: new Int32Array(count),
  };
}

/**
 * Every incident in order: an independent one, then at once the near-repeat chain it spawned, depth
 * first. Returns the number of follow-ups.
 */
function drawAll({ count, nearRepeat: nr, spawns }: Plan, tables: Tables, dr: Draw): number {
  const rng = dr.rng;
  let i = 0, followUps = 0;
  const queue: Pending[] = [];
  while (i < count) {
    const k = drawIndependent(tables, dr, i);
    if (nr && spawns[k] && rng.next() < nr.probability) queue.push({ parent: i, generation: 1 });
    i++;
    while (queue.length > 0 && i < count) {
      const { parent, generation } = queue.pop()!;
      const next = drawFollowUps(dr, nr!, parent, generation, queue, i);
      followUps += next - i;
      i = next;
    }
  }
  return followUps;
}

/** Incident i: source and category jointly, then the day by the source's trend and the category's profile. Returns the category. */
function drawIndependent({ jointCum, dayCum, trendClass }: Tables, dr: Draw, i: number): number {
  const K = dr.cols.categoryCodes.length;
  const cell = pick(jointCum, dr.rng.next());
  const s = (cell / K) | 0, k = cell - s * K;
  const d = pick(dayCum[trendClass[s] * PROFILES.length + dr.profile[k]], dr.rng.next());
  drawIncident(dr, i, s, k, d, -1);
  return k;
}

/**
 * The follow-ups of `parent` from index i on, each of which may spawn a chain of its own (pushed on
 * `queue`); none falls after the period or beyond `count`. Returns the next free index.
 */
function drawFollowUps(dr: Draw, nr: NearRepeatOptions, parent: number, generation: number, queue: Pending[], i: number): number {
  const { rng, cols, dayOf } = dr;
  let n = 1; // 1 + geometric, mean meanFollowUps
  while (rng.next() < 1 - 1 / nr.meanFollowUps) n++;
  for (let f = 0; f < n && i < cols.count; f++) {
    const dd = dayOf[parent] + 1 + Math.min(nr.maxDays - 2, Math.floor(expo(rng, nr.meanDays)));
    if (dd >= dr.days.length) continue;
    drawIncident(dr, i, cols.source[parent], cols.category[parent], dd, parent);
    if (generation < 3 && rng.next() < nr.probability / 2 ** generation) queue.push({ parent: i, generation: generation + 1 });
    i++;
  }
  return i;
}

function metadataOf(plan: Plan, followUps: number): DemoMetadata {
  const { seed, count, period: { fromMs, toMs }, geometry: { mainCentre, hotspots }, categories, sources, organisations, nearRepeat } = plan;
  const period = { from: new Date(fromMs), to: new Date(toMs) };
  const categoryShares: Record<string, number> = {};
  categories.codes.forEach((c, k) => { categoryShares[c] = categories.share[k]; });
  return {
    seed, count, ...period, mainCentre: mainCentre.name, sources, hotspots: [...hotspots], trends: trendsOf(plan, period),
    categoryShares, organisations: [...organisations], nearRepeat, followUps,
  };
}

function trendsOf({ period: { days }, geometry: { hotspots }, measureDay }: Plan, period: { from: Date; to: Date }): DemoTrend[] {
  const trends: DemoTrend[] = [];
  hotspots.forEach((h, idx) => {
    if (!h.trend) return;
    const base = { placeName: h.name, x: h.x, y: h.y, radius: h.radius, ...period };
    if (h.trend.kind === 'worsening') {
      trends.push({ ...base, kind: 'worsening', description: h.trend.description, multiplierAtStart: h.trend.start, multiplierAtEnd: h.trend.end });
    } else {
      trends.push({ ...base, kind: 'improving', measure: h.trend.measure, measureDate: new Date(localToUtc(days[measureDay[idx]].localMidnight)), multiplierAtStart: 1, multiplierAtEnd: h.trend.after });
    }
  });
  return trends;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function hex32(w: number): string {
  return HEX[(w >>> 24) & 255] + HEX[(w >>> 16) & 255] + HEX[(w >>> 8) & 255] + HEX[w & 255];
}

/** The UUID (version 4 shape, RFC 9562 variant) of incident i. */
export function uuidAt(cols: Pick<IncidentColumns, 'idWords'>, i: number): string {
  const a = hex32(cols.idWords[i * 4]), b = hex32(cols.idWords[i * 4 + 1]), c = hex32(cols.idWords[i * 4 + 2]), d = hex32(cols.idWords[i * 4 + 3]);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/** Incident i of the columns as an object. */
export function incidentAt(cols: IncidentColumns, i: number): DemoIncident {
  if (!(i >= 0 && i < cols.count)) throw new RangeError(`incident index ${i} out of range [0, ${cols.count})`);
  const place = cols.place[i];
  return {
    id: uuidAt(cols, i),
    categoryCode: cols.categoryCodes[cols.category[i]],
    occurredFrom: new Date(cols.occurredFrom[i]),
    occurredTo: new Date(cols.occurredTo[i]),
    reportedAt: new Date(cols.reportedAt[i]),
    x: cols.x[i],
    y: cols.y[i],
    organisationKey: cols.organisationKeys[cols.organisation[i]],
    ...(place >= 0 ? { placeName: cols.placeNames[place] } : {}),
    description: cols.descriptions[cols.description[i]],
    reportedToPolice: cols.reportedToPolice[i] === 1,
    assessment: cols.assessment[i] === 0 ? null : cols.assessment[i],
    positionPrecision: POSITION_PRECISIONS[cols.precision[i]],
  };
}

/**
 * Generate `count` incidents as objects (for seeding a few thousand). Same incidents, in the same
 * order, as generateIncidentColumns with the same options.
 */
export function generateIncidents(options: GenerateOptions): { incidents: DemoIncident[]; metadata: DemoMetadata } {
  const { columns, metadata } = generateIncidentColumns(options);
  const incidents = new Array<DemoIncident>(columns.count);
  for (let i = 0; i < columns.count; i++) incidents[i] = incidentAt(columns, i);
  return { incidents, metadata };
}
