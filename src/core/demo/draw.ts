/**
 * Drawing one incident into the columns: its id, when it happened and was reported, where, and who
 * reported what. The PRNG is called in a fixed order (id, time, position, reporter), so the same
 * seed gives the same incidents; nothing here allocates per incident.
 */
import { createRandom, type Random } from '../random/index.ts';
import type { BBox } from '../geo/index.ts';
import { DAY_MS, HOUR_MS as HOUR, localToUtc } from '../time/index.ts';
import type { DayInfo } from './calendar.ts';
import type { Plan } from './plan.ts';
import type { DayClock, Tables } from './tables.ts';
import { expo, pick, u32 } from './sampling.ts';
import { DEFAULT_GENERATE_OPTIONS as D, type DemoSource, type IncidentColumns, type NearRepeatOptions } from './types.ts';

/** Everything drawing reads, flat so that the hot loop looks each thing up once. */
export interface Draw {
  readonly rng: Random;
  readonly cols: IncidentColumns;
  /** Operational day of each incident drawn; follow-ups count their days from their parent's. */
  readonly dayOf: Int32Array;
  readonly fromMs: number;
  readonly toMs: number;
  readonly days: DayInfo[];
  readonly clock: DayClock;
  /** Index into PROFILES per category. */
  readonly profile: number[];
  readonly hourCum: Float64Array[];
  readonly hourCumSummer: Float64Array;
  readonly inside: (x: number, y: number) => boolean;
  readonly box: BBox;
  readonly sources: DemoSource[];
  /** Sources below this index are hotspots; the last one is the countryside. */
  readonly hotspotCount: number;
  readonly mainCentre: string;
  readonly nearRepeat: NearRepeatOptions | null;
  readonly orgCount: number;
  readonly orgMatch: Float64Array;
  readonly orgHour: Float64Array;
  readonly policeOrg: number;
  readonly descStart: Uint16Array;
  readonly descLen: Uint16Array;
  readonly police: number[];
  readonly assessment: number[];
  /** The point being drawn, kept here so that drawing it allocates nothing. */
  px: number;
  py: number;
}

export function createDraw(plan: Plan, tables: Tables, cols: IncidentColumns): Draw {
  const { codes, model, profile } = plan.categories;
  return {
    rng: createRandom(plan.seed),
    cols,
    dayOf: new Int32Array(plan.count),
    fromMs: plan.period.fromMs,
    toMs: plan.period.toMs,
    days: plan.period.days,
    clock: tables.clock,
    profile,
    hourCum: tables.hourCum,
    hourCumSummer: tables.hourCumSummer,
    inside: plan.geometry.inside,
    box: plan.geometry.box,
    sources: plan.sources,
    hotspotCount: plan.geometry.hotspots.length,
    mainCentre: plan.geometry.mainCentre.name,
    nearRepeat: plan.nearRepeat,
    orgCount: plan.organisations.length,
    orgMatch: tables.orgMatch,
    orgHour: tables.orgHour,
    policeOrg: plan.organisations.findIndex((o) => o.key === 'polisen'),
    descStart: tables.descStart,
    descLen: tables.descLen,
    police: codes.map((c) => model[c].police),
    assessment: codes.map((c) => model[c].assessment),
    px: 0,
    py: 0,
  };
}

/** Fill incident i: category k from source s on day d; a follow-up (parent ≥ 0) lies near its parent. */
export function drawIncident(dr: Draw, i: number, s: number, k: number, d: number, parent: number): void {
  drawId(dr, i);
  dr.cols.category[i] = k; dr.cols.source[i] = s; dr.cols.parent[i] = parent; dr.dayOf[i] = d;
  const h = drawTime(dr, i, k, d);
  drawPosition(dr, i, s, parent);
  drawReporter(dr, i, k, d, h);
}

/** Version 4 and RFC 9562 variant bits set, so that the words read as a valid UUID. */
function drawId({ rng, cols }: Draw, i: number): void {
  const w = i * 4;
  cols.idWords[w] = u32(rng);
  cols.idWords[w + 1] = ((u32(rng) & 0xffff0fff) | 0x00004000) >>> 0;
  cols.idWords[w + 2] = ((u32(rng) & 0x3fffffff) | 0x80000000) >>> 0;
  cols.idWords[w + 3] = u32(rng);
}

/** Sets occurredFrom/To and reportedAt of incident i; returns the local hour, which the reporter depends on. */
function drawTime(dr: Draw, i: number, k: number, d: number): number {
  const { fromMs, toMs } = dr;
  let h = 0, t = NaN;
  for (let tries = 0; tries < 20; tries++) {
    h = drawHour(dr, k, d);
    t = timeAt(dr, d, h);
    if (t >= fromMs && t < toMs) break;
  }
  if (!(t >= fromMs && t < toMs)) t = Math.min(toMs - 1, Math.max(fromMs, t));
  drawWindow(dr, i, k, t);
  drawReportedAt(dr, i);
  return h;
}

function drawHour({ rng, profile, clock, hourCum, hourCumSummer }: Draw, k: number, d: number): number {
  const p = profile[k];
  const cum = p === 0 && clock.summer[d] === 1 ? hourCumSummer : hourCum[p];
  return pick(cum, rng.next());
}

/** Local hour h (0–23) on operational day d → UTC ms, with random minutes/seconds. */
function timeAt({ rng, clock }: Draw, d: number, h: number): number {
  const local = clock.midnight[d] + (h < 6 ? h + 24 : h) * HOUR + Math.floor(rng.next() * 3600) * 1000;
  const off = clock.offset[d];
  return Number.isNaN(off) ? localToUtc(local) : local - off;
}

/** Damage and burglary are often found after the fact, so they get a window ending at t; others sometimes a band. */
function drawWindow({ rng, cols, profile, fromMs, toMs }: Draw, i: number, k: number, t: number): void {
  let from = t, to = t;
  if (profile[k] === 1 && rng.next() < D.discoveredWindowShare) {
    from = Math.max(fromMs, t - Math.round((4 + rng.next() * 10) * 4) * 15 * 60_000);
  } else if (rng.next() < D.bandShare) {
    from = Math.max(fromMs, Math.floor(t / HOUR) * HOUR);
    const end = from + (1 + rng.int(3)) * HOUR;
    to = end < toMs ? end : from;
  }
  cols.occurredFrom[i] = from; cols.occurredTo[i] = to;
}

/** Minutes (50 %), hours (35 %) or days (15 %) after the window, never after the period. */
function drawReportedAt({ rng, cols, toMs }: Draw, i: number): void {
  const to = cols.occurredTo[i];
  const u = rng.next();
  let delay = u < 0.5 ? (5 + expo(rng, 40)) * 60_000 : u < 0.85 ? Math.min(24, 1 + expo(rng, 6)) * HOUR : Math.min(10, 1 + expo(rng, 2)) * DAY_MS;
  if (to + delay > toMs) delay = Math.max(0, toMs - 1000 - to) * rng.next();
  cols.reportedAt[i] = Math.round((to + delay) / 1000) * 1000;
}

/** Sets x, y, place and precision of incident i. */
function drawPosition(dr: Draw, i: number, s: number, parent: number): void {
  const { rng, cols } = dr;
  let precision = rng.next() < D.gpsShare ? 0 : 1;
  let place = -1;
  if (parent >= 0) {
    place = cols.place[parent];
    nearParent(dr, parent);
  } else if (s < dr.hotspotCount) {
    const src = dr.sources[s];
    if (rng.next() < D.placePrecisionShare) { precision = 2; place = s; dr.px = src.x; dr.py = src.y; }
    else {
      place = rng.next() < 0.85 ? s : -1;
      aroundSource(dr, src);
    }
  } else if (s === dr.sources.length - 1) {
    anywhereInside(dr);
    if (precision === 1 && rng.next() < 0.5) precision = 0;
  } else {
    const src = dr.sources[s];
    aroundSource(dr, src);
    if (src.name !== dr.mainCentre && rng.next() < 0.5) place = s; // placeNames: hotspots, then centres
  }
  cols.x[i] = Math.round(dr.px * 10) / 10; cols.y[i] = Math.round(dr.py * 10) / 10;
  cols.place[i] = place; cols.precision[i] = precision;
}

/** At an exponential distance from the parent; the parent's own point if 8 tries fall outside the boundary. */
function nearParent(dr: Draw, parent: number): void {
  const { rng, inside } = dr, nr = dr.nearRepeat!;
  let px = dr.cols.x[parent], py = dr.cols.y[parent];
  let ok = false;
  for (let tries = 0; tries < 8 && !ok; tries++) {
    const r = Math.min(nr.maxDistance, expo(rng, nr.meanDistance)), a = rng.next() * 2 * Math.PI;
    const qx = px + r * Math.cos(a), qy = py + r * Math.sin(a);
    if (inside(qx, qy)) { px = qx; py = qy; ok = true; }
  }
  dr.px = px; dr.py = py;
}

/** Normal around the source, redrawn until inside the boundary; the source's own point after 30 misses. */
function aroundSource(dr: Draw, src: DemoSource): void {
  const { rng, inside } = dr;
  let px = 0, py = 0, ok = false;
  for (let tries = 0; tries < 30 && !ok; tries++) {
    px = src.x + rng.normal() * src.sigma; py = src.y + rng.normal() * src.sigma;
    ok = inside(px, py);
  }
  if (!ok) { px = src.x; py = src.y; }
  dr.px = px; dr.py = py;
}

/** Uniform over the municipality: uniform in the bounding box, redrawn until inside. */
function anywhereInside(dr: Draw): void {
  const { rng, inside, box } = dr;
  let px: number, py: number;
  do { px = box.minX + rng.next() * (box.maxX - box.minX); py = box.minY + rng.next() * (box.maxY - box.minY); } while (!inside(px, py));
  dr.px = px; dr.py = py;
}

/** Who reported incident i, and what they said. */
function drawReporter(dr: Draw, i: number, k: number, d: number, h: number): void {
  const { rng, cols } = dr;
  const org = drawOrganisation(dr, k, dr.days[d].weekday >= 5 ? 1 : 0, h);
  cols.organisation[i] = org;
  cols.description[i] = dr.descStart[k] + rng.int(dr.descLen[k]);
  cols.reportedToPolice[i] = org === dr.policeOrg || rng.next() < dr.police[k] ? 1 : 0;
  if (rng.next() < D.noAssessmentShare) cols.assessment[i] = 0;
  else cols.assessment[i] = Math.min(5, Math.max(1, Math.round(dr.assessment[k] + 0.9 * rng.normal())));
}

/** An organisation ∝ its weight for category k × whether its reporters are out at hour h. */
function drawOrganisation({ rng, orgCount: O, orgMatch, orgHour }: Draw, k: number, weekend: number, h: number): number {
  let total = 0;
  for (let o = 0; o < O; o++) total += orgMatch[k * O + o] * orgHour[(o * 2 + weekend) * 24 + h];
  let target = rng.next() * total, org = O - 1;
  for (let o = 0; o < O; o++) {
    target -= orgMatch[k * O + o] * orgHour[(o * 2 + weekend) * 24 + h];
    if (target < 0) { org = o; break; }
  }
  return org;
}
