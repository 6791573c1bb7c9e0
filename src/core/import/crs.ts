/**
 * The coordinate system of an imported file's coordinates, guessed from their values: WGS 84
 * lon/lat, SWEREF 99 TM or one of the twelve local SWEREF 99 zones, each plausible only within its
 * own ranges in Sweden. The zones share their ranges (false easting 150 000 m each), and the
 * westernmost TM eastings overlap them, so when several fit the municipality's location decides:
 * the system that puts the points nearest its centre. The same ranges tell when the two columns are
 * the wrong way round (latitudes in the longitude column, northings in the easting column). Pure.
 */
import { crsLabel, projector } from '../geo/sweref-zones.ts';
import type { ImportCrs } from './types.ts';

/** Every system a file may be in, WGS 84 and SWEREF 99 TM first. */
export const IMPORT_CRS: readonly ImportCrs[] = [4326, 3006, 3007, 3008, 3009, 3010, 3011, 3012, 3013, 3014, 3015, 3016, 3017, 3018];

export const isImportCrs = (v: unknown): v is ImportCrs => (IMPORT_CRS as readonly unknown[]).includes(v);

/** "SWEREF 99 TM (EPSG:3006)", for the preview and messages. */
export const crsName = (crs: ImportCrs): string => crsLabel(crs);

/**
 * Sweden with a margin, in SWEREF 99 TM (as src/core/incidents/rules.ts checks a report): a point
 * outside is certainly a wrong coordinate, whatever the municipality.
 */
const SWEDEN_3006 = { minE: 180_000, maxE: 1_000_000, minN: 6_050_000, maxN: 7_700_000 };

export const inSweden3006 = (e: number, n: number): boolean =>
  e >= SWEDEN_3006.minE && e <= SWEDEN_3006.maxE && n >= SWEDEN_3006.minN && n <= SWEDEN_3006.maxN;

/**
 * The values each system has in Sweden, before any transform: lon/lat in degrees, TM eastings from
 * the west coast (265 000) to the Finnish border (920 000), a local zone's eastings within about
 * 150 km of its meridian (its false easting 150 000 m ± 100 km and more).
 */
const RAW_RANGE: Record<'geographic' | 'tm' | 'zone', { x: [number, number]; y: [number, number] }> = {
  geographic: { x: [10, 25], y: [55, 70] },
  tm: { x: [200_000, 1_000_000], y: [6_100_000, 7_700_000] },
  zone: { x: [50_000, 300_000], y: [6_100_000, 7_700_000] },
};
const rangeOf = (crs: ImportCrs) => RAW_RANGE[crs === 4326 ? 'geographic' : crs === 3006 ? 'tm' : 'zone'];

const projectors = new Map<ImportCrs, (p: readonly number[]) => [number, number]>();
function toTm(crs: ImportCrs): (p: readonly number[]) => [number, number] {
  let p = projectors.get(crs);
  if (!p) projectors.set(crs, (p = projector(crs, 3006)));
  return p;
}

/**
 * A point in SWEREF 99 TM, or null when the transform gives no finite point (a latitude beyond the
 * pole). Whether it lies in Sweden is the caller's question (inSweden3006).
 * @example toSweref99tm(4326, 12.5325, 57.93) // { e: 353883.2, n: 6423583.73 }
 */
export function toSweref99tm(crs: ImportCrs, x: number, y: number): { e: number; n: number } | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  if (crs === 3006) return { e: x, n: y };
  if (crs === 4326 && (Math.abs(x) > 180 || Math.abs(y) > 90)) return null;
  const [e, n] = toTm(crs)([x, y]);
  return Number.isFinite(e) && Number.isFinite(n) ? { e, n } : null;
}

/** Whether (x, y) is a point in Sweden read in `crs`: within the system's own ranges, and inside Sweden once transformed. */
export function fitsCrs(crs: ImportCrs, x: number, y: number): boolean {
  const r = rangeOf(crs);
  if (x < r.x[0] || x > r.x[1] || y < r.y[0] || y > r.y[1]) return false;
  const p = toSweref99tm(crs, x, y);
  return p !== null && inSweden3006(p.e, p.n);
}

export interface CrsGuess {
  /** The system chosen, or null when none fits or several fit and nothing tells them apart. */
  crs: ImportCrs | null;
  /** The x column holds the northings or latitudes (and the y column the eastings or longitudes). */
  swapped: boolean;
  /**
   * Why: 'values' — only this system fits the values; 'named' — several fit and a header names
   * this one; 'location' — several fit and this one puts the points nearest the municipality's
   * centre; 'none' — nothing fits, or several do and there was no location to choose by.
   */
  by: 'values' | 'named' | 'location' | 'none';
  /** The systems that fit most points (several only when the values cannot tell them apart). */
  candidates: ImportCrs[];
  /** How many of the points the chosen system (or the best candidates) fits. */
  fitting: number;
  points: number;
}

export interface GuessOptions {
  /** A system named in a coordinate header ("Öst (SWEREF 99 TM)"): preferred when it fits. */
  named?: ImportCrs | null;
  /** The municipality's centre: chooses among systems that fit equally well. */
  hint?: { lon: number; lat: number };
  /** Consider only this system (one the user or the file gave): the guess then says only whether the columns are swapped. */
  only?: ImportCrs;
}

/** A candidate must fit this share of the points the best one fits: a few mistyped rows decide nothing. */
const NEAR_BEST = 0.95;

/**
 * Guesses the coordinate system of sample points given as [x, y] (x the column read as east or
 * longitude). Most points must fit; the rows that do not are the rows' own errors later.
 * @example guessCrs([[354012, 6423701]]).crs // 3006
 * @example guessCrs([[181549, 6423610]], { hint: { lon: 12.53, lat: 57.93 } }) // { crs: 3007, by: 'location', … }
 */
export function guessCrs(points: ReadonlyArray<readonly [number, number]>, opts: GuessOptions = {}): CrsGuess {
  const systems = opts.only !== undefined ? [opts.only] : IMPORT_CRS;
  const scored: Array<{ crs: ImportCrs; swapped: boolean; count: number }> = [];
  for (const crs of systems) {
    for (const swapped of [false, true]) {
      let count = 0;
      for (const [x, y] of points) if (swapped ? fitsCrs(crs, y, x) : fitsCrs(crs, x, y)) count++;
      scored.push({ crs, swapped, count });
    }
  }
  const best = Math.max(0, ...scored.map((s) => s.count));
  const none: CrsGuess = { crs: null, swapped: false, by: 'none', candidates: [], fitting: best, points: points.length };
  if (best === 0 || best < points.length / 2) return none;
  const top = scored.filter((s) => s.count >= best * NEAR_BEST);
  // The orientation of the best fit: latitudes and northings have no range in common with longitudes and eastings.
  const swapped = top.find((s) => s.count === best)!.swapped;
  const fitting = top.filter((s) => s.swapped === swapped);
  const candidates = fitting.map((s) => s.crs);
  const result = (crs: ImportCrs | null, by: CrsGuess['by']): CrsGuess => ({ crs, swapped, by, candidates, fitting: best, points: points.length });
  if (candidates.length === 1) return result(candidates[0], 'values');
  if (opts.named != null && candidates.includes(opts.named)) return result(opts.named, 'named');
  if (!opts.hint) return result(null, 'none');
  const centre = opts.hint;
  const distance = (crs: ImportCrs) => {
    const back = projector(3006, 4326);
    const lons: number[] = [], lats: number[] = [];
    for (const [x, y] of points) {
      const p = swapped ? toSweref99tm(crs, y, x) : toSweref99tm(crs, x, y);
      if (!p || !inSweden3006(p.e, p.n)) continue;
      const [lon, lat] = back([p.e, p.n]);
      lons.push(lon); lats.push(lat);
    }
    const dLon = (median(lons) - centre.lon) * Math.cos((centre.lat * Math.PI) / 180);
    return Math.hypot(dLon, median(lats) - centre.lat);
  };
  const ranked = candidates.map((crs) => ({ crs, d: distance(crs) })).sort((a, b) => a.d - b.d);
  return result(ranked[0].crs, 'location');
}

function median(v: number[]): number {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
