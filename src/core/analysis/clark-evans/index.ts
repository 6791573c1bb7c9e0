/**
 * Clark–Evans nearest-neighbour index (P. J. Clark, F. C. Evans, "Distance to nearest neighbor as a
 * measure of spatial relationships in populations", Ecology 35, 1954), as ArcGIS's Average Nearest
 * Neighbor and spatstat's `clarkevans(X, correction = "none")`:
 *
 *   R = D̄_obs / D̄_exp,  D̄_exp = 0.5 / √λ,  λ = n / A,
 *   z = (D̄_obs − D̄_exp) / SE,  SE = 0.26136 / √(n λ),  two-sided p = 2 Φ(−|z|).
 *
 * R < 1: clustered; R > 1: dispersed. No edge correction. The study area A is the convex hull of the
 * points (default, as ArcGIS), their bounding rectangle, or an area the caller knows (the
 * municipality's land area): state it with the result, it changes R by a factor √(A₁/A₂).
 * 0.26136 is Clark & Evans' rounded √((4 − π)/(4π)) = 0.2613616…; `se: 'exact'` uses the unrounded
 * constant, as spatstat's `clarkevans.test` does.
 */
import { checkPoints, convexHullArea, type Points2D } from '../convex-hull/index.ts';
import { twoSidedP } from '../normal/index.ts';
import { nearestNeighbourDistances } from './nearest.ts';

export { nearestNeighbourDistances } from './nearest.ts';

export interface ClarkEvansOptions {
  /** Study area: 'hull' (convex hull of the points), 'bbox' (bounding rectangle) or a known area > 0. */
  area?: 'hull' | 'bbox' | number;
  /** Standard-error constant: 'rounded' 0.26136 (Clark & Evans, ArcGIS) or 'exact' √((4 − π)/(4π)) (spatstat). */
  se?: 'rounded' | 'exact';
}

const defaultOptions: Required<ClarkEvansOptions> = {
  // Convex hull, as ArcGIS's Average Nearest Neighbor when no area is given.
  area: 'hull',
  // The constant as published and as domain.md gives it.
  se: 'rounded',
};

export interface ClarkEvansResult {
  /** Number of points. */
  n: number;
  /** The area used and how it was obtained. */
  area: number;
  areaMethod: 'hull' | 'bbox' | 'given';
  /** Intensity λ = n / area. */
  intensity: number;
  /** Observed mean nearest-neighbour distance. */
  meanDistance: number;
  /** Expected mean under complete spatial randomness, 0.5/√λ. */
  expectedMeanDistance: number;
  /** Clark–Evans ratio R. */
  ratio: number;
  /** z-score of the observed mean. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** 'clustered' (R < 1), 'dispersed' (R > 1) or 'random' (R = 1) — descriptive only; see pValue. */
  pattern: 'clustered' | 'dispersed' | 'random';
}

/**
 * Clark–Evans nearest-neighbour analysis of a point pattern.
 *
 * @param {Points2D} points at least two points in projected coordinates (metres)
 * @param {ClarkEvansOptions} [options] area: 'hull' (default) | 'bbox' | number; se: 'rounded' (default) | 'exact'
 * @returns {ClarkEvansResult} mean nearest-neighbour distance, R, z and two-sided p
 * @example
 * clarkEvans({ x: [66.22, 22.52, 31.01, 9.47, 30.78, 75.21, 79.26, 8.23, 98.73, 89.78, 65.19, 54.46],
 *              y: [32.54, 22.39, 81.21, 31.02, 60.1, 58.93, 7.68, 39.93, 77.17, 42.53, 92.08, 8.48] });
 * // { meanDistance: 21.612139802…, area: 5294.00395, ratio: 2.0579094…, … }
 */
export function clarkEvans(points: Points2D, options: ClarkEvansOptions = {}): ClarkEvansResult {
  const n = checkPoints(points, 'clarkEvans', 2);
  const areaOption = options.area ?? defaultOptions.area;
  const seOption = options.se ?? defaultOptions.se;
  if (seOption !== 'rounded' && seOption !== 'exact') {
    throw new RangeError(`clarkEvans: options.se must be 'rounded' or 'exact', got ${String(seOption)}`);
  }
  let area: number;
  let areaMethod: ClarkEvansResult['areaMethod'];
  if (areaOption === 'hull') {
    area = convexHullArea(points);
    areaMethod = 'hull';
  } else if (areaOption === 'bbox') {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, points.x[i]); maxX = Math.max(maxX, points.x[i]);
      minY = Math.min(minY, points.y[i]); maxY = Math.max(maxY, points.y[i]);
    }
    area = (maxX - minX) * (maxY - minY);
    areaMethod = 'bbox';
  } else if (typeof areaOption === 'number') {
    if (!Number.isFinite(areaOption) || !(areaOption > 0)) {
      throw new RangeError(`clarkEvans: options.area must be 'hull', 'bbox' or a finite area > 0, got ${areaOption}`);
    }
    area = areaOption;
    areaMethod = 'given';
  } else {
    throw new RangeError(`clarkEvans: options.area must be 'hull', 'bbox' or a finite area > 0, got ${String(areaOption)}`);
  }
  if (!(area > 0)) {
    throw new RangeError(`clarkEvans: the ${areaMethod === 'hull' ? 'convex hull' : 'bounding rectangle'} of the ${n} points has area 0 (all points on a line); give options.area`);
  }
  const d = nearestNeighbourDistances(points);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += d[i];
  const meanDistance = sum / n;
  const intensity = n / area;
  const expectedMeanDistance = 0.5 / Math.sqrt(intensity);
  const constant = seOption === 'exact' ? Math.sqrt((4 - Math.PI) / (4 * Math.PI)) : 0.26136;
  const se = constant / Math.sqrt(n * intensity);
  const z = (meanDistance - expectedMeanDistance) / se;
  const ratio = meanDistance / expectedMeanDistance;
  return {
    n,
    area,
    areaMethod,
    intensity,
    meanDistance,
    expectedMeanDistance,
    ratio,
    z,
    pValue: twoSidedP(z),
    pattern: ratio < 1 ? 'clustered' : ratio > 1 ? 'dispersed' : 'random',
  };
}
