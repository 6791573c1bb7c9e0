/**
 * Options → a validated plan: the period's days, the geometry, the normalised category model, the
 * organisations, the sources with their shares and the near-repeat options. Every invalid option
 * throws here, in this order, before anything is drawn.
 */
import { bbox, createPointInPolygon, type BBox } from '../geo/index.ts';
import {
  ALINGSAS_HOTSPOTS, ALINGSAS_TATORTER, DEFAULT_CATEGORY_MODEL, DEFAULT_ORGANISATIONS,
  type CategoryModel, type DemoHotspot, type DemoOrganisation,
} from './model.ts';
import { daysOfPeriod, type DayInfo } from './calendar.ts';
import { DEFAULT_GENERATE_OPTIONS as D, type DemoCentre, type DemoSource, type GenerateOptions, type NearRepeatOptions } from './types.ts';
import { matches, PROFILES, trendMultiplier } from './weights.ts';

export interface Plan {
  seed: number;
  count: number;
  period: Period;
  geometry: Geometry;
  categories: Categories;
  organisations: ReadonlyArray<DemoOrganisation>;
  /** Hotspots, then centres, then the countryside. */
  sources: DemoSource[];
  /** Per hotspot: the day its improving trend's measure starts, −1 for other hotspots. */
  measureDay: number[];
  nearRepeat: NearRepeatOptions | null;
  /** Per category: 1 if its incidents can spawn follow-ups. */
  spawns: Uint8Array;
}

export interface Period {
  fromMs: number;
  toMs: number;
  days: DayInfo[];
}

/** A built-up area with its population and spread resolved. */
export interface Centre {
  name: string;
  x: number;
  y: number;
  population: number;
  sigma: number;
}

export interface Geometry {
  inside: (x: number, y: number) => boolean;
  box: BBox;
  centres: Centre[];
  /** The most populous centre: the town itself, without the small centres' affinities. */
  mainCentre: Centre;
  hotspots: ReadonlyArray<DemoHotspot>;
}

export interface Categories {
  codes: string[];
  model: Readonly<Record<string, CategoryModel>>;
  /** Target share per category, normalised. */
  share: Float64Array;
  /** Index into PROFILES per category. */
  profile: number[];
}

function fail(msg: string): never { throw new RangeError(`generateIncidents: ${msg}`); }

export function resolvePlan(options: GenerateOptions): Plan {
  const { seed, count } = options;
  if (!Number.isFinite(seed)) fail(`seed must be a finite number, got ${String(seed)}`);
  if (!Number.isInteger(count) || count < 0 || count > 50_000_000) fail(`count must be an integer in [0, 50,000,000], got ${String(count)}`);
  const period = resolvePeriod(options);
  const geometry = resolveGeometry(options);
  const categories = resolveCategories(options.categories ?? DEFAULT_CATEGORY_MODEL);
  const organisations = resolveOrganisations(options.organisations ?? DEFAULT_ORGANISATIONS);
  const measureDay = measureDays(geometry.hotspots, period.days);
  const sources = resolveSources(options, geometry, period.days, measureDay);
  const nearRepeat = resolveNearRepeat(options.nearRepeat);
  return { seed, count, period, geometry, categories, organisations, sources, measureDay, nearRepeat, spawns: spawningCategories(nearRepeat, categories.codes) };
}

function resolvePeriod(options: GenerateOptions): Period {
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
  return { fromMs, toMs, days: daysOfPeriod(fromMs, toMs) };
}

function resolveGeometry(options: GenerateOptions): Geometry {
  if (!options.boundary || options.boundary.length === 0) fail('boundary has no polygons');
  const inside = createPointInPolygon(options.boundary);
  const box = bbox(options.boundary);
  if (!options.centres || options.centres.length === 0) fail('at least one centre (built-up area) is needed');
  const centres = options.centres.map((c) => resolveCentre(c, inside));
  const mainCentre = centres.reduce((a, b) => (b.population > a.population ? b : a));
  const hotspots = options.hotspots
    ? options.hotspots.map((h) => checkHotspot(h, inside))
    : ALINGSAS_HOTSPOTS.filter((h) => inside(h.x, h.y));
  return { inside, box, centres, mainCentre, hotspots };
}

function resolveCentre(c: DemoCentre, inside: Geometry['inside']): Centre {
  if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) fail(`centre ${c.name}: x and y must be finite EPSG:3006 metres`);
  if (!inside(c.x, c.y)) fail(`centre ${c.name} (${c.x}, ${c.y}) is outside the boundary; are both in EPSG:3006?`);
  const table = ALINGSAS_TATORTER[c.name];
  const population = c.population ?? table?.population ?? 500;
  const areaHa = c.areaHa ?? table?.areaHa ?? 100 * Math.sqrt(population / 1000) + 30;
  if (!(population > 0) || !(areaHa > 0)) fail(`centre ${c.name}: population and areaHa must be positive`);
  return { name: c.name, x: c.x, y: c.y, population, sigma: 0.5 * Math.sqrt((areaHa * 1e4) / Math.PI) };
}

function checkHotspot(h: DemoHotspot, inside: Geometry['inside']): DemoHotspot {
  if (!inside(h.x, h.y)) fail(`hotspot ${h.name} is outside the boundary`);
  if (!(h.radius > 0) || !(h.weight > 0)) fail(`hotspot ${h.name}: radius and weight must be positive`);
  return h;
}

function resolveCategories(model: Readonly<Record<string, CategoryModel>>): Categories {
  const codes = Object.keys(model);
  if (codes.length === 0 || codes.length > 255) fail('between 1 and 255 categories are needed');
  const K = codes.length;
  const share = new Float64Array(K);
  codes.forEach((code, k) => {
    const s = model[code].share;
    if (!(s >= 0) || !Number.isFinite(s)) fail(`category ${code}: share must be a finite number ≥ 0`);
    share[k] = s;
  });
  const shareSum = share.reduce((a, b) => a + b, 0);
  if (!(shareSum > 0)) fail('category shares sum to 0');
  for (let k = 0; k < K; k++) share[k] /= shareSum;
  const profile = codes.map((c) => PROFILES.indexOf(model[c].profile));
  if (profile.some((p) => p < 0)) fail('unknown time profile in the category model');
  return { codes, model, share, profile };
}

function resolveOrganisations(orgs: ReadonlyArray<DemoOrganisation>): ReadonlyArray<DemoOrganisation> {
  if (orgs.length === 0 || orgs.length > 255) fail('between 1 and 255 organisations are needed');
  if (new Set(orgs.map((o) => o.key)).size !== orgs.length) fail('organisation keys must be unique');
  for (const o of orgs) if (!(o.share > 0)) fail(`organisation ${o.key}: share must be > 0`);
  return orgs;
}

/** An improving hotspot's measure starts on the first Monday from its point `at` in the period. */
function measureDays(hotspots: ReadonlyArray<DemoHotspot>, days: DayInfo[]): number[] {
  return hotspots.map((h) => {
    if (h.trend?.kind !== 'improving') return -1;
    const at = h.trend.at;
    let i = days.findIndex((d) => d.t >= at);
    if (i < 0) i = days.length - 1;
    while (i < days.length - 1 && days[i].weekday !== 0) i++;
    return i;
  });
}

/** Hotspots split hotspotShare by weight × mean trend (so a worsening place draws more); centres split what is left after the countryside by population. */
function resolveSources(options: GenerateOptions, { hotspots, centres }: Geometry, days: DayInfo[], measureDay: number[]): DemoSource[] {
  const hotShare = hotspots.length ? (options.hotspotShare ?? D.hotspotShare) : 0;
  const ruralShare = options.ruralShare ?? D.ruralShare;
  if (!(hotShare >= 0 && ruralShare >= 0 && hotShare + ruralShare < 1)) fail('hotspotShare and ruralShare must be ≥ 0 and sum below 1');
  const meanTrend = hotspots.map((h, i) => days.reduce((s, d, j) => s + trendMultiplier(h, d, j, measureDay[i]), 0) / days.length);
  const hotWeightSum = hotspots.reduce((s, h, i) => s + h.weight * meanTrend[i], 0);
  const popSum = centres.reduce((s, c) => s + c.population, 0);
  return [
    ...hotspots.map((h, i) => ({ kind: 'hotspot' as const, name: h.name, x: h.x, y: h.y, sigma: h.radius / 2, share: (hotShare * h.weight * meanTrend[i]) / hotWeightSum })),
    ...centres.map((c) => ({ kind: 'centre' as const, name: c.name, x: c.x, y: c.y, sigma: c.sigma, share: ((1 - hotShare - ruralShare) * c.population) / popSum })),
    { kind: 'rural' as const, name: 'landsbygd', x: NaN, y: NaN, sigma: 0, share: ruralShare },
  ];
}

function resolveNearRepeat(option: GenerateOptions['nearRepeat']): NearRepeatOptions | null {
  if (option === false) return null;
  const nr: NearRepeatOptions = { ...D.nearRepeat, ...(option ?? {}) };
  if (!(nr.maxDays >= 1 && nr.maxDistance > 0 && nr.probability >= 0 && nr.probability <= 1 && nr.meanFollowUps >= 1)) fail('invalid nearRepeat options');
  return nr;
}

function spawningCategories(nr: NearRepeatOptions | null, codes: string[]): Uint8Array {
  const spawns = new Uint8Array(codes.length);
  if (nr) for (let k = 0; k < codes.length; k++) spawns[k] = nr.categories.some((p) => matches(codes[k], p)) ? 1 : 0;
  return spawns;
}
