/**
 * The coordinate systems a Swedish municipality's own GIS may hand over a boundary in: WGS 84
 * (EPSG:4326), SWEREF 99 TM (3006) and the twelve local SWEREF 99 zones (3007–3018, a transverse
 * Mercator each with its own central meridian, scale 1 and false easting 150 000 m). The proj4
 * strings are PostGIS's `spatial_ref_sys` rows for these codes (SWEREF 99 treated as WGS 84, as in
 * ./crs.ts). Pure.
 */
import proj4 from 'proj4';
import { CRS_DEFINITIONS } from './crs.ts';

/** Central meridian (degrees east) and name of each local zone, by EPSG code. */
export const LOCAL_SWEREF_ZONES: Readonly<Record<number, { lon0: number; name: string }>> = {
  3007: { lon0: 12, name: 'SWEREF 99 12 00' },
  3008: { lon0: 13.5, name: 'SWEREF 99 13 30' },
  3009: { lon0: 15, name: 'SWEREF 99 15 00' },
  3010: { lon0: 16.5, name: 'SWEREF 99 16 30' },
  3011: { lon0: 18, name: 'SWEREF 99 18 00' },
  3012: { lon0: 14.25, name: 'SWEREF 99 14 15' },
  3013: { lon0: 15.75, name: 'SWEREF 99 15 45' },
  3014: { lon0: 17.25, name: 'SWEREF 99 17 15' },
  3015: { lon0: 18.75, name: 'SWEREF 99 18 45' },
  3016: { lon0: 20.25, name: 'SWEREF 99 20 15' },
  3017: { lon0: 21.75, name: 'SWEREF 99 21 45' },
  3018: { lon0: 23.25, name: 'SWEREF 99 23 15' },
};

export const LOCAL_ZONE_CODES: readonly number[] = Object.keys(LOCAL_SWEREF_ZONES).map(Number).sort((a, b) => a - b);

/** Every EPSG code a boundary may come in. */
export const BOUNDARY_CRS_CODES: readonly number[] = [4326, 3006, ...LOCAL_ZONE_CODES];

export const isLocalZone = (epsg: number): boolean => epsg in LOCAL_SWEREF_ZONES;

/** "SWEREF 99 TM (EPSG:3006)", for messages. */
export function crsLabel(epsg: number): string {
  const name = epsg === 4326 ? 'WGS 84' : epsg === 3006 ? 'SWEREF 99 TM' : LOCAL_SWEREF_ZONES[epsg]?.name;
  return name ? `${name} (EPSG:${epsg})` : `EPSG:${epsg}`;
}

export function proj4Definition(epsg: number): string {
  if (epsg === 4326 || epsg === 3006) return CRS_DEFINITIONS[epsg];
  const zone = LOCAL_SWEREF_ZONES[epsg];
  if (!zone) throw new TypeError(`unsupported CRS EPSG:${epsg}; supported: ${BOUNDARY_CRS_CODES.join(', ')}`);
  return `+proj=tmerc +lat_0=0 +lon_0=${zone.lon0} +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs`;
}

/** A function taking [x, y] in `from` to [x, y] in `to`. */
export function projector(from: number, to: number): (p: readonly number[]) => [number, number] {
  if (from === to) return (p) => [p[0], p[1]];
  const c = proj4(proj4Definition(from), proj4Definition(to)) as unknown as { forward(p: [number, number]): number[] };
  return (p) => {
    const [x, y] = c.forward([p[0], p[1]]);
    return [x, y];
  };
}

/** The local zone whose central meridian is nearest a longitude: the one a municipality there most likely uses. */
export function nearestLocalZone(lon: number): number {
  return LOCAL_ZONE_CODES.reduce((best, code) =>
    Math.abs(LOCAL_SWEREF_ZONES[code].lon0 - lon) < Math.abs(LOCAL_SWEREF_ZONES[best].lon0 - lon) ? code : best);
}
