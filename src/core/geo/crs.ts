/**
 * Coordinate transforms between the three reference systems a Swedish municipality meets:
 * WGS84 lon/lat (EPSG:4326, GPS and web maps), SWEREF 99 TM (EPSG:3006, the national grid; the
 * database stores points in it) and SWEREF 99 12 00 (EPSG:3007, the local grid of western Sweden's
 * municipal GIS). The proj4 strings come from `shared/data/proj/epsg_3006_3007_sweref99.txt` (PROJ 9.5.1);
 * SWEREF 99 and WGS84 are treated as identical (towgs84 all zeros), as PROJ does at this accuracy.
 * Pure: no I/O, runs in Node and the browser.
 */
import proj4 from 'proj4';

export const SUPPORTED_CRS = [4326, 3006, 3007] as const;
export type Crs = (typeof SUPPORTED_CRS)[number];

/** proj4 definitions, keyed by EPSG code. */
export const CRS_DEFINITIONS: Readonly<Record<Crs, string>> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs +type=crs',
  3006: '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  3007: '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
};

/** Human-readable names, for messages and UI. */
export const CRS_NAMES: Readonly<Record<Crs, string>> = {
  4326: 'WGS 84 (lon/lat)',
  3006: 'SWEREF 99 TM',
  3007: 'SWEREF 99 12 00',
};

for (const code of SUPPORTED_CRS) proj4.defs(`EPSG:${code}`, CRS_DEFINITIONS[code]);

type Converter = { forward(p: [number, number]): number[] };
const converters = new Map<string, Converter>();
function converter(from: Crs, to: Crs): Converter {
  const key = `${from}>${to}`;
  let c = converters.get(key);
  if (!c) {
    c = proj4(CRS_DEFINITIONS[from], CRS_DEFINITIONS[to]) as unknown as Converter;
    converters.set(key, c);
  }
  return c;
}

export function isSupportedCrs(code: unknown): code is Crs {
  return (SUPPORTED_CRS as readonly unknown[]).includes(code);
}

/** Throws a RangeError unless lon ∈ [−180, 180] and lat ∈ [−90, 90] (finite numbers). */
export function assertLonLat(lon: number, lat: number): void {
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    throw new RangeError(`longitude must be a finite number in [-180, 180], got ${String(lon)}`);
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new RangeError(`latitude must be a finite number in [-90, 90], got ${String(lat)}`);
  }
}

/** Throws a RangeError unless both grid coordinates are finite numbers. */
export function assertGrid(x: number, y: number, crs: Crs): void {
  if (typeof x !== 'number' || !Number.isFinite(x) || typeof y !== 'number' || !Number.isFinite(y)) {
    throw new RangeError(`${CRS_NAMES[crs]} coordinates must be finite numbers, got (${String(x)}, ${String(y)})`);
  }
}

/**
 * Transform one point. For 4326 x is longitude and y latitude (degrees); for 3006/3007 x is easting
 * and y northing (metres). Throws RangeError on NaN/out-of-range input, TypeError on unknown CRS.
 * @example transform(4326, 3006, 12.527515, 57.92972) // → [353586.95, 6423563.36]
 */
export function transform(from: Crs, to: Crs, x: number, y: number): [number, number] {
  if (!isSupportedCrs(from)) throw new TypeError(`unsupported source CRS ${String(from)}; supported: ${SUPPORTED_CRS.join(', ')}`);
  if (!isSupportedCrs(to)) throw new TypeError(`unsupported target CRS ${String(to)}; supported: ${SUPPORTED_CRS.join(', ')}`);
  if (from === 4326) assertLonLat(x, y); else assertGrid(x, y, from);
  if (from === to) return [x, y];
  const out = converter(from, to).forward([x, y]);
  const rx = out[0], ry = out[1];
  if (!Number.isFinite(rx) || !Number.isFinite(ry)) {
    throw new RangeError(`(${x}, ${y}) cannot be transformed from ${CRS_NAMES[from]} to ${CRS_NAMES[to]}`);
  }
  if (to === 4326) assertLonLat(rx, ry);
  return [rx, ry];
}

/**
 * Transform many points in place or into `out`: `coords` is interleaved [x0, y0, x1, y1, …].
 * Returns the output array.
 */
export function transformArray(from: Crs, to: Crs, coords: ArrayLike<number>, out: Float64Array = new Float64Array(coords.length)): Float64Array {
  if (coords.length % 2 !== 0) throw new RangeError(`interleaved coordinates need an even length, got ${coords.length}`);
  if (out.length < coords.length) throw new RangeError(`output array too short: ${out.length} < ${coords.length}`);
  for (let i = 0; i < coords.length; i += 2) {
    const [x, y] = transform(from, to, coords[i], coords[i + 1]);
    out[i] = x; out[i + 1] = y;
  }
  return out;
}

/** WGS84 lon/lat (degrees) → SWEREF 99 TM easting/northing (metres). */
export function toSweref99tm(lon: number, lat: number): { e: number; n: number } {
  const [e, n] = transform(4326, 3006, lon, lat);
  return { e, n };
}

/** SWEREF 99 TM easting/northing (metres) → WGS84 lon/lat (degrees). */
export function fromSweref99tm(e: number, n: number): { lon: number; lat: number } {
  const [lon, lat] = transform(3006, 4326, e, n);
  return { lon, lat };
}

/** WGS84 lon/lat (degrees) → SWEREF 99 12 00 easting/northing (metres). */
export function toSweref991200(lon: number, lat: number): { e: number; n: number } {
  const [e, n] = transform(4326, 3007, lon, lat);
  return { e, n };
}

/** SWEREF 99 12 00 easting/northing (metres) → WGS84 lon/lat (degrees). */
export function fromSweref991200(e: number, n: number): { lon: number; lat: number } {
  const [lon, lat] = transform(3007, 4326, e, n);
  return { lon, lat };
}
