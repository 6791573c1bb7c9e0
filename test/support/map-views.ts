/**
 * Map views across Sweden for the tests of what a view covers (view-cells.ts, grid-view.ts), and the
 * view as the database draws it, finely.
 */
import { transform } from '../../src/core/geo/index.ts';

export type Box = [number, number, number, number];

/** West of, on and east of SWEREF 99 TM's central meridian (15° E), in the south and the far north, from a street to a region. */
export const VIEWS: Array<[string, Box]> = [
  ['Stockholm, a street (zoom 16)', [17.9476, 59.3263, 17.9613, 59.3307]],
  ['Stockholm, a district (zoom 14)', [17.92702, 59.31141, 17.98195, 59.32893]],
  ['Stockholm, the town (zoom 11)', [17.83, 59.25, 18.27, 59.39]],
  ['Alingsås (zoom 12)', [12.42, 57.89, 12.64, 57.96]],
  ['Östersund, on the central meridian (zoom 13)', [14.58, 63.16, 14.69, 63.19]],
  ['Haparanda (zoom 12)', [24.03, 65.81, 24.25, 65.86]],
  ['Kiruna (zoom 10)', [19.8, 67.75, 20.68, 67.9]],
  ['western Götaland (zoom 8)', [11.0, 57.0, 14.0, 59.0]],
];

/** The view as the database draws it, more finely: segments of 0.001°, a tenth of the database's. */
export function referenceRing([w, s, e, n]: Box): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const edge = (a: [number, number], b: [number, number]) => {
    const steps = Math.ceil(Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])) / 0.001);
    for (let k = 0; k < steps; k++) out.push(transform(4326, 3006, a[0] + ((b[0] - a[0]) * k) / steps, a[1] + ((b[1] - a[1]) * k) / steps));
  };
  edge([w, s], [e, s]); edge([e, s], [e, n]); edge([e, n], [w, n]); edge([w, n], [w, s]);
  return out;
}
