/**
 * Deterministic synthetic EST incidents for demos, tests and benchmarks. See README.md for the model.
 * Pure: the caller passes the boundary and built-up areas (EPSG:3006); nothing is read from disk.
 * The columnar form holds 1,000,000 incidents in typed arrays without one object per incident; the
 * array form materialises the same incidents as objects.
 */
import { createRandom, type Random } from '../random/index.ts';
import { bbox, createPointInPolygon, type MultiPolygonRings } from '../geo/index.ts';
import {
  ALINGSAS_HOTSPOTS, ALINGSAS_TATORTER, DEFAULT_CATEGORY_MODEL, DEFAULT_ORGANISATIONS, DESCRIPTIONS, HOLIDAY_WEIGHTS,
  HOUR_WEIGHTS, MONTH_WEIGHTS, RURAL_AFFINITY, SMALL_CENTRE_AFFINITY, SPECIAL_DAYS, WEEKDAY_WEIGHTS,
  type CategoryModel, type DemoHotspot, type DemoOrganisation, type TimeProfile,
} from './model.ts';
import { DAY_MS, localToUtc } from '../time/index.ts';
import { daysOfPeriod, type DayInfo } from './calendar.ts';

const HOUR = 3_600_000;

/** A built-up area (tätort) as a weighted point. */
export interface DemoCentre {
  name: string;
  /** EPSG:3006 metres. */
  x: number;
  y: number;
  /** Inhabitants; default from ALINGSAS_TATORTER by name, else 500. */
  population?: number;
  /** Land area in hectares; sets the spread (σ = 0.5 × radius of a disc of that area). */
  areaHa?: number;
}

export interface NearRepeatOptions {
  /** Category codes or prefixes whose incidents can spawn follow-ups. */
  categories: readonly string[];
  /** Probability that an incident of those categories spawns a chain (halved for each generation). */
  probability: number;
  /** Mean number of follow-ups of a spawning incident (1 + geometric). */
  meanFollowUps: number;
  /** Follow-ups lie at exponential distance with this mean, cut at maxDistance (metres). */
  meanDistance: number;
  maxDistance: number;
  /** Follow-ups happen 1 + exponential(meanDays) days later, cut below maxDays. */
  meanDays: number;
  maxDays: number;
}

export interface GenerateOptions {
  /** PRNG seed: same seed and inputs give identical output. */
  seed: number;
  /** Number of incidents, exactly. */
  count: number;
  /** Period [from, to). Default: the two years before `end`. */
  from?: Date;
  to?: Date;
  /** End of the default period. Default 2026-09-01 00:00 Swedish time (fixed, for determinism). */
  end?: Date;
  /** Municipality boundary in EPSG:3006; every incident falls inside. */
  boundary: MultiPolygonRings;
  /** Built-up areas in EPSG:3006; the most populous is the main town. */
  centres: ReadonlyArray<DemoCentre>;
  /** Hotspots in the main town. Default ALINGSAS_HOTSPOTS, keeping those inside the boundary. */
  hotspots?: ReadonlyArray<DemoHotspot>;
  /** Category model keyed by code. Default DEFAULT_CATEGORY_MODEL. */
  categories?: Readonly<Record<string, CategoryModel>>;
  /** Reporting organisations. Default DEFAULT_ORGANISATIONS. */
  organisations?: ReadonlyArray<DemoOrganisation>;
  /** Share of incidents at hotspots (default 0.35). */
  hotspotShare?: number;
  /** Share spread uniformly over the whole municipality (default 0.05). */
  ruralShare?: number;
  /** Near-repeat follow-ups; `false` turns them off. */
  nearRepeat?: Partial<NearRepeatOptions> | false;
}

/** Defaults, one comment each. */
export const DEFAULT_GENERATE_OPTIONS = {
  /** End of the default period. */
  end: new Date('2026-09-01T00:00:00+02:00'),
  /** Length of the default period in years. */
  periodYears: 2,
  hotspotShare: 0.35,
  ruralShare: 0.05,
  nearRepeat: {
    categories: ['skadegorelse.klotter', 'skadegorelse.krossat_glas', 'inbrott_stold', 'brand.anlagd'],
    probability: 0.35,
    meanFollowUps: 1.6,
    meanDistance: 60,
    maxDistance: 200,
    meanDays: 3,
    maxDays: 14,
  } satisfies NearRepeatOptions,
  /** Share of 'discovered' incidents (damage, burglary) with a window: from the evening before to when found. */
  discoveredWindowShare: 0.55,
  /** Share of other incidents reported as a time band of 1–3 hours. */
  bandShare: 0.1,
  /** Share of hotspot incidents positioned by place name (exactly at the place point). */
  placePrecisionShare: 0.25,
  /** Share of GPS (vs map click) among the other incidents. */
  gpsShare: 0.6,
  /** Share of incidents without an own assessment. */
  noAssessmentShare: 0.35,
} as const;

export const POSITION_PRECISIONS = ['gps', 'map', 'place'] as const;
export type PositionPrecision = (typeof POSITION_PRECISIONS)[number];

export interface DemoIncident {
  id: string;
  categoryCode: string;
  occurredFrom: Date;
  occurredTo: Date;
  reportedAt: Date;
  /** EPSG:3006 metres. */
  x: number;
  y: number;
  organisationKey: string;
  placeName?: string;
  description: string;
  reportedToPolice: boolean;
  assessment: number | null;
  positionPrecision: PositionPrecision;
}

/** Columnar incidents: index i across every array is one incident. */
export interface IncidentColumns {
  count: number;
  /** Four 32-bit words per incident forming a UUID-v4-shaped id; see uuidAt. */
  idWords: Uint32Array;
  category: Uint8Array;
  categoryCodes: readonly string[];
  /** Epoch milliseconds. */
  occurredFrom: Float64Array;
  occurredTo: Float64Array;
  reportedAt: Float64Array;
  x: Float64Array;
  y: Float64Array;
  organisation: Uint8Array;
  organisationKeys: readonly string[];
  /** Index into placeNames, −1 for none. */
  place: Int16Array;
  placeNames: readonly string[];
  description: Uint16Array;
  descriptions: readonly string[];
  /** 1 = reported to the police. */
  reportedToPolice: Uint8Array;
  /** 1–5, 0 = no assessment. */
  assessment: Uint8Array;
  /** Index into POSITION_PRECISIONS. */
  precision: Uint8Array;
  /** Index into metadata.sources: the hotspot, centre or countryside the incident was drawn from. */
  source: Uint16Array;
  /** Index of the incident this one is a near-repeat follow-up of, −1 for independent ones. */
  parent: Int32Array;
}

export interface DemoTrend {
  placeName: string;
  x: number;
  y: number;
  /** Radius of the place in metres (points are normal around it with σ = radius / 2). */
  radius: number;
  kind: 'worsening' | 'improving';
  /** The period. */
  from: Date;
  to: Date;
  /** For 'improving': when the measure started (local midnight of a Monday). */
  measureDate?: Date;
  measure?: string;
  description?: string;
  /** Intensity multiplier of the hotspot at the start and the end of the period. */
  multiplierAtStart: number;
  multiplierAtEnd: number;
}

export interface DemoSource {
  kind: 'hotspot' | 'centre' | 'rural';
  name: string;
  x: number;
  y: number;
  /** Spread σ in metres (0 for rural: uniform over the boundary). */
  sigma: number;
  /** Share of independent incidents drawn from it. */
  share: number;
}

export interface DemoMetadata {
  seed: number;
  count: number;
  from: Date;
  to: Date;
  mainCentre: string;
  sources: DemoSource[];
  hotspots: DemoHotspot[];
  trends: DemoTrend[];
  /** Target share per category code (normalised). */
  categoryShares: Record<string, number>;
  organisations: DemoOrganisation[];
  nearRepeat: NearRepeatOptions | null;
  /** Number of incidents that are near-repeat follow-ups. */
  followUps: number;
}

function fail(msg: string): never { throw new RangeError(`generateIncidents: ${msg}`); }

function cumulative(weights: ArrayLike<number>): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) { s += weights[i]; c[i] = s; }
  return c;
}

/** Index i with cum[i−1] ≤ u·total < cum[i]. */
function pick(cum: Float64Array, u: number, lo = 0, hi = cum.length): number {
  const total = cum[hi - 1], base = lo > 0 ? cum[lo - 1] : 0;
  const target = base + u * (total - base);
  hi -= 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > target) hi = mid; else lo = mid + 1;
  }
  return lo;
}

function matches(code: string, prefix: string): boolean {
  return code === prefix || code.startsWith(`${prefix}.`);
}

function affinity(code: string, aff: Readonly<Record<string, number>>): number {
  let best = -1, value = 1;
  for (const k in aff) if (matches(code, k) && k.length > best) { best = k.length; value = aff[k]; }
  return value;
}

function trendMultiplier(h: DemoHotspot, day: DayInfo, dayIndex: number, measureDay: number): number {
  const tr = h.trend;
  if (!tr) return 1;
  if (tr.kind === 'worsening') return tr.start + (tr.end - tr.start) * day.t;
  if (dayIndex < measureDay) return 1;
  const k = Math.min(1, (dayIndex - measureDay) / Math.max(1, tr.rampDays));
  return 1 + (tr.after - 1) * k;
}

function dayWeight(profile: TimeProfile, d: DayInfo): number {
  let w = WEEKDAY_WEIGHTS[profile][d.weekday] * MONTH_WEIGHTS[profile][d.month];
  if (d.schoolHoliday) w *= HOLIDAY_WEIGHTS[profile];
  for (const s of SPECIAL_DAYS[profile]) if (s.month === d.month && s.day === d.dayOfMonth) w *= s.weight;
  return w;
}

const PROFILES: readonly TimeProfile[] = ['nightlife', 'discovered', 'daytime', 'darkness', 'fire'];

function expo(rng: Random, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/**
 * Generate `count` incidents in columnar form.
 * @example
 * const { columns, metadata } = generateIncidentColumns({ seed: 1, count: 1_000_000, boundary, centres });
 */
export function generateIncidentColumns(options: GenerateOptions): { columns: IncidentColumns; metadata: DemoMetadata } {
  const D = DEFAULT_GENERATE_OPTIONS;
  const { seed, count } = options;
  if (!Number.isFinite(seed)) fail(`seed must be a finite number, got ${String(seed)}`);
  if (!Number.isInteger(count) || count < 0 || count > 50_000_000) fail(`count must be an integer in [0, 50,000,000], got ${String(count)}`);

  // Period.
  let fromMs: number, toMs: number;
  if (options.from || options.to) {
    if (!(options.from instanceof Date) || !(options.to instanceof Date)) fail('give both from and to, or neither');
    fromMs = options.from.getTime(); toMs = options.to.getTime();
  } else {
    const end = options.end ?? D.end;
    if (!(end instanceof Date)) fail('end must be a Date');
    toMs = end.getTime();
    const f = new Date(toMs); f.setUTCFullYear(f.getUTCFullYear() - D.periodYears);
    fromMs = f.getTime();
  }
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(fromMs < toMs)) fail('the period needs valid dates with from < to');
  const days = daysOfPeriod(fromMs, toMs);

  // Geometry.
  if (!options.boundary || options.boundary.length === 0) fail('boundary has no polygons');
  const inside = createPointInPolygon(options.boundary);
  const box = bbox(options.boundary);
  if (!options.centres || options.centres.length === 0) fail('at least one centre (built-up area) is needed');
  const centres = options.centres.map((c) => {
    if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) fail(`centre ${c.name}: x and y must be finite EPSG:3006 metres`);
    if (!inside(c.x, c.y)) fail(`centre ${c.name} (${c.x}, ${c.y}) is outside the boundary; are both in EPSG:3006?`);
    const table = ALINGSAS_TATORTER[c.name];
    const population = c.population ?? table?.population ?? 500;
    const areaHa = c.areaHa ?? table?.areaHa ?? 100 * Math.sqrt(population / 1000) + 30;
    if (!(population > 0) || !(areaHa > 0)) fail(`centre ${c.name}: population and areaHa must be positive`);
    return { name: c.name, x: c.x, y: c.y, population, sigma: 0.5 * Math.sqrt((areaHa * 1e4) / Math.PI) };
  });
  const mainCentre = centres.reduce((a, b) => (b.population > a.population ? b : a));
  const hotspots = options.hotspots
    ? options.hotspots.map((h) => {
      if (!inside(h.x, h.y)) fail(`hotspot ${h.name} is outside the boundary`);
      if (!(h.radius > 0) || !(h.weight > 0)) fail(`hotspot ${h.name}: radius and weight must be positive`);
      return h;
    })
    : ALINGSAS_HOTSPOTS.filter((h) => inside(h.x, h.y));

  // Categories.
  const catModel = options.categories ?? DEFAULT_CATEGORY_MODEL;
  const categoryCodes = Object.keys(catModel);
  if (categoryCodes.length === 0 || categoryCodes.length > 255) fail('between 1 and 255 categories are needed');
  const K = categoryCodes.length;
  const catShare = new Float64Array(K);
  categoryCodes.forEach((code, k) => {
    const s = catModel[code].share;
    if (!(s >= 0) || !Number.isFinite(s)) fail(`category ${code}: share must be a finite number ≥ 0`);
    catShare[k] = s;
  });
  const shareSum = catShare.reduce((a, b) => a + b, 0);
  if (!(shareSum > 0)) fail('category shares sum to 0');
  for (let k = 0; k < K; k++) catShare[k] /= shareSum;
  const catProfile = categoryCodes.map((c) => PROFILES.indexOf(catModel[c].profile));
  if (catProfile.some((p) => p < 0)) fail('unknown time profile in the category model');

  // Organisations.
  const orgs = options.organisations ?? DEFAULT_ORGANISATIONS;
  if (orgs.length === 0 || orgs.length > 255) fail('between 1 and 255 organisations are needed');
  if (new Set(orgs.map((o) => o.key)).size !== orgs.length) fail('organisation keys must be unique');
  for (const o of orgs) if (!(o.share > 0)) fail(`organisation ${o.key}: share must be > 0`);
  const O = orgs.length;
  const orgMatch = new Float64Array(K * O);
  for (let k = 0; k < K; k++) for (let o = 0; o < O; o++) {
    orgMatch[k * O + o] = orgs[o].share * (orgs[o].categories.some((p) => matches(categoryCodes[k], p)) ? 1 : 0.005);
  }
  const orgHour = new Float64Array(O * 24 * 2); // [org][weekend][hour]
  for (let o = 0; o < O; o++) for (let we = 0; we < 2; we++) for (let h = 0; h < 24; h++) {
    const mode = orgs[o].hours;
    const active = mode === 'any' || (mode === 'day' && h >= 7 && h < 17 && we === 0)
      || (mode === 'evening' && h >= 15) || (mode === 'night' && (h >= 19 || h < 6));
    orgHour[(o * 2 + we) * 24 + h] = active ? 1 : 0.1;
  }

  // Sources and their shares.
  const hotShare = hotspots.length ? (options.hotspotShare ?? D.hotspotShare) : 0;
  const ruralShare = options.ruralShare ?? D.ruralShare;
  if (!(hotShare >= 0 && ruralShare >= 0 && hotShare + ruralShare < 1)) fail('hotspotShare and ruralShare must be ≥ 0 and sum below 1');
  const measureDay = hotspots.map((h) => {
    if (h.trend?.kind !== 'improving') return -1;
    const at = h.trend.at;
    let i = days.findIndex((d) => d.t >= at);
    if (i < 0) i = days.length - 1;
    while (i < days.length - 1 && days[i].weekday !== 0) i++;
    return i;
  });
  const meanTrend = hotspots.map((h, i) => days.reduce((s, d, j) => s + trendMultiplier(h, d, j, measureDay[i]), 0) / days.length);
  const hotWeightSum = hotspots.reduce((s, h, i) => s + h.weight * meanTrend[i], 0);
  const popSum = centres.reduce((s, c) => s + c.population, 0);
  const sources: DemoSource[] = [
    ...hotspots.map((h, i) => ({ kind: 'hotspot' as const, name: h.name, x: h.x, y: h.y, sigma: h.radius / 2, share: (hotShare * h.weight * meanTrend[i]) / hotWeightSum })),
    ...centres.map((c) => ({ kind: 'centre' as const, name: c.name, x: c.x, y: c.y, sigma: c.sigma, share: ((1 - hotShare - ruralShare) * c.population) / popSum })),
    { kind: 'rural' as const, name: 'landsbygd', x: NaN, y: NaN, sigma: 0, share: ruralShare },
  ];
  const S = sources.length, H = hotspots.length, RURAL = S - 1;

  // Near repeat.
  const nr: NearRepeatOptions | null = options.nearRepeat === false ? null : { ...D.nearRepeat, ...(options.nearRepeat ?? {}) };
  const nrCat = new Uint8Array(K);
  if (nr) {
    if (!(nr.maxDays >= 1 && nr.maxDistance > 0 && nr.probability >= 0 && nr.probability <= 1 && nr.meanFollowUps >= 1)) fail('invalid nearRepeat options');
    for (let k = 0; k < K; k++) nrCat[k] = nr.categories.some((p) => matches(categoryCodes[k], p)) ? 1 : 0;
  }

  // Independent incidents of near-repeat categories bring T follow-ups on average (T − 1 of them,
  // generation g spawning with probability p / 2^g, up to three generations); their primary share is
  // divided by T so that the realised category shares match the targets.
  const primaryShare = new Float64Array(catShare);
  if (nr) {
    const m = nr.meanFollowUps, p = nr.probability;
    const cluster = 1 + p * m * (1 + (p / 2) * m * (1 + (p / 4) * m));
    for (let k = 0; k < K; k++) if (nrCat[k]) primaryShare[k] /= cluster;
    const sum = primaryShare.reduce((a, b) => a + b, 0);
    for (let k = 0; k < K; k++) primaryShare[k] /= sum;
  }

  // Joint source × category table: prior π_s · q_c · affinity, fitted to both margins (IPF).
  const joint = new Float64Array(S * K);
  for (let s = 0; s < S; s++) {
    const aff = s < H ? hotspots[s].affinity : s === RURAL ? RURAL_AFFINITY : sources[s].name === mainCentre.name ? {} : SMALL_CENTRE_AFFINITY;
    for (let k = 0; k < K; k++) joint[s * K + k] = sources[s].share * primaryShare[k] * affinity(categoryCodes[k], aff);
  }
  for (let it = 0; it < 200; it++) {
    for (let s = 0; s < S; s++) {
      let r = 0; for (let k = 0; k < K; k++) r += joint[s * K + k];
      const f = r > 0 ? sources[s].share / r : 0;
      for (let k = 0; k < K; k++) joint[s * K + k] *= f;
    }
    for (let k = 0; k < K; k++) {
      let c = 0; for (let s = 0; s < S; s++) c += joint[s * K + k];
      const f = c > 0 ? primaryShare[k] / c : 0;
      for (let s = 0; s < S; s++) joint[s * K + k] *= f;
    }
  }
  const jointCum = cumulative(joint);

  // Day tables per (trend class, profile): trend class 0 = none, then one per trending hotspot.
  const trendClass = new Int32Array(S);
  const classHotspot: number[] = [-1];
  hotspots.forEach((h, i) => { if (h.trend) { trendClass[i] = classHotspot.length; classHotspot.push(i); } });
  const P = PROFILES.length, N = days.length;
  const dayCum: Float64Array[] = [];
  for (let c = 0; c < classHotspot.length; c++) {
    for (let p = 0; p < P; p++) {
      const w = new Float64Array(N);
      const hi = classHotspot[c];
      for (let d = 0; d < N; d++) {
        w[d] = dayWeight(PROFILES[p], days[d]) * (hi >= 0 ? trendMultiplier(hotspots[hi], days[d], d, measureDay[hi]) : 1);
      }
      dayCum.push(cumulative(w));
    }
  }
  const hourCum = PROFILES.map((p) => cumulative(HOUR_WEIGHTS[p]));
  const hourCumSummer = cumulative(HOUR_WEIGHTS.nightlifeSummer);

  // Texts and places.
  const descriptions: string[] = [];
  const descStart = new Uint16Array(K), descLen = new Uint16Array(K);
  categoryCodes.forEach((code, k) => {
    const top = code.split('.')[0];
    const near = Object.keys(DESCRIPTIONS).find((d) => matches(d, code)) ?? Object.keys(DESCRIPTIONS).find((d) => matches(d, top));
    const list = DESCRIPTIONS[code] ?? (near ? DESCRIPTIONS[near] : ['Iakttagelse']);
    descStart[k] = descriptions.length; descLen[k] = list.length;
    descriptions.push(...list);
  });
  const placeNames = [...hotspots.map((h) => h.name), ...centres.map((c) => c.name)];
  const catPolice = categoryCodes.map((c) => catModel[c].police);
  const catAssessment = categoryCodes.map((c) => catModel[c].assessment);
  const policeOrg = orgs.findIndex((o) => o.key === 'polisen');

  // Output.
  const cols: IncidentColumns = {
    count,
    idWords: new Uint32Array(count * 4),
    category: new Uint8Array(count), categoryCodes,
    occurredFrom: new Float64Array(count), occurredTo: new Float64Array(count), reportedAt: new Float64Array(count),
    x: new Float64Array(count), y: new Float64Array(count),
    organisation: new Uint8Array(count), organisationKeys: orgs.map((o) => o.key),
    place: new Int16Array(count), placeNames,
    description: new Uint16Array(count), descriptions,
    reportedToPolice: new Uint8Array(count), assessment: new Uint8Array(count), precision: new Uint8Array(count),
    source: new Uint16Array(count), parent: new Int32Array(count),
  };
  const dayOf = new Int32Array(count);
  const rng = createRandom(seed);
  const u32 = () => Math.floor(rng.next() * 4294967296) >>> 0;

  // UTC offset of each operational day (06:00–06:00 local) where it is constant; NaN across a DST switch.
  const dayOffset = new Float64Array(N);
  const dayMidnight = new Float64Array(N);
  const daySummer = new Uint8Array(N);
  for (let d = 0; d < N; d++) {
    const m = days[d].localMidnight, a = m + 6 * HOUR, b = m + 30 * HOUR;
    const oa = a - localToUtc(a), ob = b - localToUtc(b);
    dayOffset[d] = oa === ob ? oa : NaN;
    dayMidnight[d] = m;
    daySummer[d] = days[d].month >= 5 && days[d].month <= 7 ? 1 : 0;
  }
  /** Local hour h (0–23) on operational day d → UTC ms, with random minutes/seconds. */
  const timeAt = (d: number, h: number): number => {
    const local = dayMidnight[d] + (h < 6 ? h + 24 : h) * HOUR + Math.floor(rng.next() * 3600) * 1000;
    const off = dayOffset[d];
    return off === off ? local - off : localToUtc(local);
  };

  const sampleHour = (k: number, d: number): number => {
    const p = catProfile[k];
    const cum = p === 0 && daySummer[d] === 1 ? hourCumSummer : hourCum[p];
    return pick(cum, rng.next());
  };

  /** Fill incident i: category k from source s on day d; position given or drawn. */
  const fill = (i: number, s: number, k: number, d: number, px: number, py: number, parent: number): void => {
    const w = i * 4;
    cols.idWords[w] = u32();
    cols.idWords[w + 1] = ((u32() & 0xffff0fff) | 0x00004000) >>> 0;
    cols.idWords[w + 2] = ((u32() & 0x3fffffff) | 0x80000000) >>> 0;
    cols.idWords[w + 3] = u32();
    cols.category[i] = k; cols.source[i] = s; cols.parent[i] = parent; dayOf[i] = d;

    // Time.
    let h = 0, t = NaN;
    for (let tries = 0; tries < 20; tries++) {
      h = sampleHour(k, d);
      t = timeAt(d, h);
      if (t >= fromMs && t < toMs) break;
    }
    if (!(t >= fromMs && t < toMs)) t = Math.min(toMs - 1, Math.max(fromMs, t));
    let from = t, to = t;
    if (catProfile[k] === 1 && rng.next() < D.discoveredWindowShare) {
      from = Math.max(fromMs, t - Math.round((4 + rng.next() * 10) * 4) * 15 * 60_000);
    } else if (rng.next() < D.bandShare) {
      from = Math.max(fromMs, Math.floor(t / HOUR) * HOUR);
      const end = from + (1 + rng.int(3)) * HOUR;
      to = end < toMs ? end : from;
    }
    cols.occurredFrom[i] = from; cols.occurredTo[i] = to;
    const u = rng.next();
    let delay = u < 0.5 ? (5 + expo(rng, 40)) * 60_000 : u < 0.85 ? Math.min(24, 1 + expo(rng, 6)) * HOUR : Math.min(10, 1 + expo(rng, 2)) * DAY_MS;
    if (to + delay > toMs) delay = Math.max(0, toMs - 1000 - to) * rng.next();
    cols.reportedAt[i] = Math.round((to + delay) / 1000) * 1000;

    // Place.
    let precision = rng.next() < D.gpsShare ? 0 : 1;
    let place = -1;
    if (parent >= 0) {
      place = cols.place[parent];
      let ok = false;
      for (let tries = 0; tries < 8 && !ok; tries++) {
        const r = Math.min(nr!.maxDistance, expo(rng, nr!.meanDistance)), a = rng.next() * 2 * Math.PI;
        const qx = px + r * Math.cos(a), qy = py + r * Math.sin(a);
        if (inside(qx, qy)) { px = qx; py = qy; ok = true; }
      }
    } else if (s < H) {
      if (rng.next() < D.placePrecisionShare) { precision = 2; place = s; px = sources[s].x; py = sources[s].y; }
      else {
        place = rng.next() < 0.85 ? s : -1;
        const src = sources[s];
        let ok = false;
        for (let tries = 0; tries < 30 && !ok; tries++) {
          px = src.x + rng.normal() * src.sigma; py = src.y + rng.normal() * src.sigma;
          ok = inside(px, py);
        }
        if (!ok) { px = src.x; py = src.y; }
      }
    } else if (s === RURAL) {
      do { px = box.minX + rng.next() * (box.maxX - box.minX); py = box.minY + rng.next() * (box.maxY - box.minY); } while (!inside(px, py));
      if (precision === 1 && rng.next() < 0.5) precision = 0;
    } else {
      const src = sources[s];
      let ok = false;
      for (let tries = 0; tries < 30 && !ok; tries++) {
        px = src.x + rng.normal() * src.sigma; py = src.y + rng.normal() * src.sigma;
        ok = inside(px, py);
      }
      if (!ok) { px = src.x; py = src.y; }
      if (src.name !== mainCentre.name && rng.next() < 0.5) place = s; // placeNames: hotspots, then centres
    }
    cols.x[i] = Math.round(px * 10) / 10; cols.y[i] = Math.round(py * 10) / 10;
    cols.place[i] = place; cols.precision[i] = precision;

    // Who reported, and what they said.
    const weekend = days[d].weekday >= 5 ? 1 : 0;
    let total = 0;
    for (let o = 0; o < O; o++) total += orgMatch[k * O + o] * orgHour[(o * 2 + weekend) * 24 + h];
    let target = rng.next() * total, org = O - 1;
    for (let o = 0; o < O; o++) {
      target -= orgMatch[k * O + o] * orgHour[(o * 2 + weekend) * 24 + h];
      if (target < 0) { org = o; break; }
    }
    cols.organisation[i] = org;
    cols.description[i] = descStart[k] + rng.int(descLen[k]);
    cols.reportedToPolice[i] = org === policeOrg || rng.next() < catPolice[k] ? 1 : 0;
    if (rng.next() < D.noAssessmentShare) cols.assessment[i] = 0;
    else cols.assessment[i] = Math.min(5, Math.max(1, Math.round(catAssessment[k] + 0.9 * rng.normal())));
  };

  let i = 0, followUps = 0;
  const queue: Array<{ parent: number; generation: number }> = [];
  while (i < count) {
    const cell = pick(jointCum, rng.next());
    const s = (cell / K) | 0, k = cell - s * K;
    const d = pick(dayCum[trendClass[s] * P + catProfile[k]], rng.next());
    fill(i, s, k, d, 0, 0, -1);
    if (nr && nrCat[k] && rng.next() < nr.probability) queue.push({ parent: i, generation: 1 });
    i++;
    while (queue.length > 0 && i < count) {
      const { parent, generation } = queue.pop()!;
      let n = 1; // 1 + geometric, mean meanFollowUps
      while (rng.next() < 1 - 1 / nr!.meanFollowUps) n++;
      for (let f = 0; f < n && i < count; f++) {
        const dd = dayOf[parent] + 1 + Math.min(nr!.maxDays - 2, Math.floor(expo(rng, nr!.meanDays)));
        if (dd >= N) continue;
        const pk = cols.category[parent];
        fill(i, cols.source[parent], pk, dd, cols.x[parent], cols.y[parent], parent);
        followUps++;
        if (generation < 3 && rng.next() < nr!.probability / 2 ** generation) queue.push({ parent: i, generation: generation + 1 });
        i++;
      }
    }
  }

  const period = { from: new Date(fromMs), to: new Date(toMs) };
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
  const categoryShares: Record<string, number> = {};
  categoryCodes.forEach((c, k) => { categoryShares[c] = catShare[k]; });
  return {
    columns: cols,
    metadata: {
      seed, count, ...period, mainCentre: mainCentre.name, sources, hotspots: [...hotspots], trends, categoryShares,
      organisations: [...orgs], nearRepeat: nr, followUps,
    },
  };
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
