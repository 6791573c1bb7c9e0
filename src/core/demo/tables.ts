/**
 * The sampling tables, built once from the plan so that drawing an incident only looks things up:
 * the joint source × category table, cumulative day and hour weights, each day's clock, the
 * organisations' weights and the description texts.
 */
import { HOUR_MS as HOUR, localToUtc } from '../time/index.ts';
import { DESCRIPTIONS, HOUR_WEIGHTS, RURAL_AFFINITY, SMALL_CENTRE_AFFINITY, type DemoHotspot, type DemoOrganisation, type TimeProfile } from './model.ts';
import type { DayInfo } from './calendar.ts';
import type { Plan } from './plan.ts';
import { cumulative } from './sampling.ts';
import { affinity, dayWeight, matches, PROFILES, trendMultiplier } from './weights.ts';

export interface Tables {
  /** Cumulative weights of the independent incidents by cell s · K + k (source s, category k). */
  jointCum: Float64Array;
  /** Per source: 0, or the trend class of its hotspot if that has a trend. */
  trendClass: Int32Array;
  /** Cumulative day weights by trend class · PROFILES.length + profile. */
  dayCum: Float64Array[];
  /** Cumulative hour weights by profile; nightlife in June–August uses hourCumSummer. */
  hourCum: Float64Array[];
  hourCumSummer: Float64Array;
  clock: DayClock;
  /** Organisation weight by category k · O + organisation o: share × whether it reports the category. */
  orgMatch: Float64Array;
  /** 1 when organisation o's reporters are out, else 0.1, by (o · 2 + weekend) · 24 + hour. */
  orgHour: Float64Array;
  descriptions: string[];
  /** Per category: its descriptions are descriptions[descStart … descStart + descLen). */
  descStart: Uint16Array;
  descLen: Uint16Array;
}

/** Per operational day (06:00–06:00 local). */
export interface DayClock {
  /** Local midnight as local ms. */
  midnight: Float64Array;
  /** Local − UTC ms where constant over the day, NaN across a DST switch. */
  offset: Float64Array;
  /** 1 in June–August. */
  summer: Uint8Array;
}

export function buildTables(plan: Plan): Tables {
  const { trendClass, dayCum } = dayTables(plan);
  return {
    jointCum: jointTable(plan, primaryShares(plan)),
    trendClass,
    dayCum,
    hourCum: PROFILES.map((p) => cumulative(HOUR_WEIGHTS[p])),
    hourCumSummer: cumulative(HOUR_WEIGHTS.nightlifeSummer),
    clock: dayClock(plan.period.days),
    orgMatch: organisationMatch(plan.organisations, plan.categories.codes),
    orgHour: organisationHours(plan.organisations),
    ...descriptionTable(plan.categories.codes),
  };
}

// Independent incidents of near-repeat categories bring T follow-ups on average (T − 1 of them,
// generation g spawning with probability p / 2^g, up to three generations); their primary share is
// divided by T so that the realised category shares match the targets.
function primaryShares({ categories, nearRepeat: nr, spawns }: Plan): Float64Array {
  const K = categories.codes.length;
  const primaryShare = new Float64Array(categories.share);
  if (nr) {
    const m = nr.meanFollowUps, p = nr.probability;
    const cluster = 1 + p * m * (1 + (p / 2) * m * (1 + (p / 4) * m));
    for (let k = 0; k < K; k++) if (spawns[k]) primaryShare[k] /= cluster;
    const sum = primaryShare.reduce((a, b) => a + b, 0);
    for (let k = 0; k < K; k++) primaryShare[k] /= sum;
  }
  return primaryShare;
}

// Joint source × category table: prior π_s · q_c · affinity, fitted to both margins (IPF).
function jointTable(plan: Plan, primaryShare: Float64Array): Float64Array {
  const { sources, categories: { codes } } = plan;
  const S = sources.length, K = codes.length;
  const joint = new Float64Array(S * K);
  for (let s = 0; s < S; s++) {
    const aff = sourceAffinity(plan, s);
    for (let k = 0; k < K; k++) joint[s * K + k] = sources[s].share * primaryShare[k] * affinity(codes[k], aff);
  }
  fitMargins(joint, sources.map((src) => src.share), primaryShare);
  return cumulative(joint);
}

/** Small villages have no town centre; the main town keeps every category at its plain share. */
function sourceAffinity({ sources, geometry: { hotspots, mainCentre } }: Plan, s: number): Readonly<Record<string, number>> {
  if (s < hotspots.length) return hotspots[s].affinity;
  if (s === sources.length - 1) return RURAL_AFFINITY;
  return sources[s].name === mainCentre.name ? {} : SMALL_CENTRE_AFFINITY;
}

/** Iterative proportional fitting of joint (rows × columns, row-major) to the given margins, in place. */
function fitMargins(joint: Float64Array, rowShare: number[], colShare: Float64Array): void {
  const S = rowShare.length, K = colShare.length;
  for (let it = 0; it < 200; it++) {
    for (let s = 0; s < S; s++) {
      let r = 0; for (let k = 0; k < K; k++) r += joint[s * K + k];
      const f = r > 0 ? rowShare[s] / r : 0;
      for (let k = 0; k < K; k++) joint[s * K + k] *= f;
    }
    for (let k = 0; k < K; k++) {
      let c = 0; for (let s = 0; s < S; s++) c += joint[s * K + k];
      const f = c > 0 ? colShare[k] / c : 0;
      for (let s = 0; s < S; s++) joint[s * K + k] *= f;
    }
  }
}

// Day tables per (trend class, profile): trend class 0 = none, then one per trending hotspot.
function dayTables({ sources, geometry: { hotspots }, period: { days }, measureDay }: Plan): { trendClass: Int32Array; dayCum: Float64Array[] } {
  const trendClass = new Int32Array(sources.length);
  const classHotspot: number[] = [-1];
  hotspots.forEach((h, i) => { if (h.trend) { trendClass[i] = classHotspot.length; classHotspot.push(i); } });
  const dayCum: Float64Array[] = [];
  for (const hi of classHotspot) {
    for (const profile of PROFILES) dayCum.push(cumulative(dayWeights(profile, days, hi >= 0 ? hotspots[hi] : null, measureDay[hi])));
  }
  return { trendClass, dayCum };
}

function dayWeights(profile: TimeProfile, days: DayInfo[], hotspot: DemoHotspot | null, measureDay: number): Float64Array {
  const w = new Float64Array(days.length);
  for (let d = 0; d < days.length; d++) {
    w[d] = dayWeight(profile, days[d]) * (hotspot ? trendMultiplier(hotspot, days[d], d, measureDay) : 1);
  }
  return w;
}

function dayClock(days: DayInfo[]): DayClock {
  const N = days.length;
  const clock: DayClock = { midnight: new Float64Array(N), offset: new Float64Array(N), summer: new Uint8Array(N) };
  for (let d = 0; d < N; d++) {
    const m = days[d].localMidnight, a = m + 6 * HOUR, b = m + 30 * HOUR;
    const oa = a - localToUtc(a), ob = b - localToUtc(b);
    clock.offset[d] = oa === ob ? oa : NaN;
    clock.midnight[d] = m;
    clock.summer[d] = days[d].month >= 5 && days[d].month <= 7 ? 1 : 0;
  }
  return clock;
}

function organisationMatch(orgs: ReadonlyArray<DemoOrganisation>, codes: string[]): Float64Array {
  const K = codes.length, O = orgs.length;
  const orgMatch = new Float64Array(K * O);
  for (let k = 0; k < K; k++) for (let o = 0; o < O; o++) {
    orgMatch[k * O + o] = orgs[o].share * (orgs[o].categories.some((p) => matches(codes[k], p)) ? 1 : 0.005);
  }
  return orgMatch;
}

function organisationHours(orgs: ReadonlyArray<DemoOrganisation>): Float64Array {
  const O = orgs.length;
  const orgHour = new Float64Array(O * 24 * 2);
  for (let o = 0; o < O; o++) for (let we = 0; we < 2; we++) for (let h = 0; h < 24; h++) {
    const mode = orgs[o].hours;
    const active = mode === 'any' || (mode === 'day' && h >= 7 && h < 17 && we === 0)
      || (mode === 'evening' && h >= 15) || (mode === 'night' && (h >= 19 || h < 6));
    orgHour[(o * 2 + we) * 24 + h] = active ? 1 : 0.1;
  }
  return orgHour;
}

/** A category without texts of its own borrows those of a subcategory or of its top level. */
function descriptionTable(codes: string[]): Pick<Tables, 'descriptions' | 'descStart' | 'descLen'> {
  const descriptions: string[] = [];
  const descStart = new Uint16Array(codes.length), descLen = new Uint16Array(codes.length);
  codes.forEach((code, k) => {
    const top = code.split('.')[0];
    const near = Object.keys(DESCRIPTIONS).find((d) => matches(d, code)) ?? Object.keys(DESCRIPTIONS).find((d) => matches(d, top));
    const list = DESCRIPTIONS[code] ?? (near ? DESCRIPTIONS[near] : ['Iakttagelse']);
    descStart[k] = descriptions.length; descLen[k] = list.length;
    descriptions.push(...list);
  });
  return { descriptions, descStart, descLen };
}
