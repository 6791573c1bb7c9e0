/** The generator's options, defaults and output: incidents as objects or as columns, and the metadata. */
import type { MultiPolygonRings } from '../geo/index.ts';
import type { CategoryModel, DemoHotspot, DemoOrganisation } from './model.ts';

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
