/**
 * Reads a municipality's own boundary from a GeoJSON file: a Polygon or MultiPolygon, or a Feature
 * or FeatureCollection of them, in WGS 84, SWEREF 99 TM or a local SWEREF 99 zone. The coordinate
 * system is the one stated (on the command line, or in the file's `crs` member as QGIS and ogr2ogr
 * write it) or, when neither states one, read from the coordinates' ranges; a file whose
 * coordinates cannot be in the system it states is refused rather than reprojected into the wrong
 * place. The result is one MultiPolygon in SWEREF 99 TM. Pure: the caller reads the file, and checks
 * validity and the overlap with SCB's boundary in the database.
 */
import type { MultiPolygon, Position } from 'geojson';
import { BOUNDARY_CRS_CODES, LOCAL_ZONE_CODES, crsLabel, isLocalZone, projector } from '../geo/sweref-zones.ts';
import { SetupRefusal } from './setup-refusal.ts';

export interface BoundaryFile {
  /** The boundary in SWEREF 99 TM (EPSG:3006), 2D. */
  geometry3006: MultiPolygon;
  /** The EPSG code the file's coordinates were read in. */
  crs: number;
  /** Where that code came from: the caller's statement, the file's `crs` member, or the coordinates' ranges. */
  crsFrom: 'stated' | 'file' | 'coordinates';
  polygons: number;
  vertices: number;
}

/** What kind of coordinates a file holds, from their ranges (Sweden with a margin). */
export type CoordinateKind = 'degrees' | 'swapped-degrees' | 'tm' | 'local' | 'unknown';

const KIND_WORDS: Record<CoordinateKind, string> = {
  degrees: 'WGS 84 longitude/latitude in degrees',
  'swapped-degrees': 'latitude/longitude in degrees with the axes swapped (latitude first)',
  tm: 'SWEREF 99 TM metres, eastings 260 000–930 000',
  local: 'metres of a local SWEREF 99 zone, eastings around 150 000',
  unknown: 'no coordinate system used in Sweden that Lägesbild reads',
};

/** Ranges in which each kind of coordinate lies for a place in Sweden (a margin around the country). */
const inRange = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
const NORTHING: [number, number] = [6_050_000, 7_750_000];

const FITS: Record<Exclude<CoordinateKind, 'unknown'>, (x: number, y: number) => boolean> = {
  degrees: (x, y) => inRange(x, 9, 26) && inRange(y, 54, 70),
  'swapped-degrees': (x, y) => inRange(x, 54, 70) && inRange(y, 9, 26),
  tm: (x, y) => inRange(x, 240_000, 960_000) && inRange(y, ...NORTHING),
  // A zone is a few degrees wide: eastings stay within about 130 km of the false easting.
  local: (x, y) => inRange(x, 20_000, 280_000) && inRange(y, ...NORTHING),
};

const fits = (positions: readonly Position[], kind: Exclude<CoordinateKind, 'unknown'>) =>
  positions.length > 0 && positions.every((p) => FITS[kind](p[0], p[1]));

/** The kind of coordinates every position of the file agrees on ('unknown' when they agree on none). */
export function coordinateKind(positions: readonly Position[]): CoordinateKind {
  return (['degrees', 'swapped-degrees', 'tm', 'local'] as const).find((k) => fits(positions, k)) ?? 'unknown';
}

/** The kind of coordinates a CRS gives for places in Sweden. */
const kindOf = (epsg: number): 'degrees' | 'tm' | 'local' => (epsg === 4326 ? 'degrees' : epsg === 3006 ? 'tm' : 'local');

/**
 * The EPSG code a CRS is named by: "3006", "EPSG:3006", "urn:ogc:def:crs:EPSG::3006",
 * "urn:ogc:def:crs:OGC:1.3:CRS84", "WGS84"; null when the name is none of those.
 */
export function parseCrsName(name: string): number | null {
  const s = name.trim();
  if (/^(urn:ogc:def:crs:OGC:1\.3:)?CRS84$/i.test(s) || /^WGS\s*84$/i.test(s)) return 4326;
  const m = /^(?:(?:urn:ogc:def:crs:)?EPSG:{1,2}(?:[\d.]*:)?)?(\d{4,5})$/i.exec(s);
  return m ? Number(m[1]) : null;
}

function checkSupported(epsg: number | null, what: string, raw: string): number {
  if (epsg === null || !BOUNDARY_CRS_CODES.includes(epsg)) {
    throw new SetupRefusal('unsupported_crs',
      `${what} names the coordinate system "${raw}", which Lägesbild does not read; use WGS 84 (EPSG:4326), SWEREF 99 TM (EPSG:3006) or a local SWEREF 99 zone (EPSG:${LOCAL_ZONE_CODES[0]}–${LOCAL_ZONE_CODES[LOCAL_ZONE_CODES.length - 1]})`,
      { crs: raw });
  }
  return epsg;
}

/** A position for a message: degrees to 6 decimals, metres to whole ones. */
const example = (p: Position) => p.slice(0, 2).map((v) => (Math.abs(v) > 1000 ? v.toFixed(0) : String(Number(v.toFixed(6))))).join(', ');

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && p.length <= 4 && p.every((v) => typeof v === 'number' && Number.isFinite(v));

/** The polygons of one geometry as rings of positions; refuses anything that is not a well-formed polygon. */
function polygonsOf(g: unknown, where: string): Position[][][] {
  const type = g && typeof g === 'object' ? (g as { type?: unknown }).type : undefined;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new SetupRefusal('not_polygon', `${where} is ${type === undefined ? 'no geometry' : `a ${String(type)}`}, not a Polygon or MultiPolygon: a municipality's boundary is an area`, { type: String(type) });
  }
  const coords = (g as { coordinates?: unknown }).coordinates;
  const polys = (type === 'Polygon' ? [coords] : coords) as unknown;
  const bad = (why: string) => new SetupRefusal('bad_coordinates', `${where}: ${why}`);
  if (!Array.isArray(polys) || polys.length === 0) throw bad('the coordinates are not a list of polygons');
  return polys.map((poly: unknown, i) => {
    if (!Array.isArray(poly) || poly.length === 0) throw bad(`polygon ${i + 1} has no rings`);
    return poly.map((ring: unknown, j) => {
      if (!Array.isArray(ring) || !ring.every(isPosition)) throw bad(`ring ${j + 1} of polygon ${i + 1} holds something other than [x, y] number pairs`);
      if (ring.length < 4) throw bad(`ring ${j + 1} of polygon ${i + 1} has ${ring.length} positions; a ring needs at least 4`);
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) throw bad(`ring ${j + 1} of polygon ${i + 1} is not closed (its last position must repeat its first)`);
      return ring;
    });
  });
}

/** Every polygon in a GeoJSON object: a geometry, a Feature or a FeatureCollection. */
function collectPolygons(gj: Record<string, unknown>): Position[][][] {
  if (gj.type === 'FeatureCollection') {
    const features = gj.features;
    if (!Array.isArray(features) || features.length === 0) throw new SetupRefusal('not_polygon', 'the file is a FeatureCollection without features');
    return features.flatMap((f: unknown, i) => {
      if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') throw new SetupRefusal('not_polygon', `item ${i + 1} of the FeatureCollection is not a Feature`);
      return polygonsOf((f as { geometry?: unknown }).geometry, `the geometry of feature ${i + 1}`);
    });
  }
  if (gj.type === 'Feature') return polygonsOf(gj.geometry, "the Feature's geometry");
  return polygonsOf(gj, 'the file');
}

/** How close (metres) the centre of a file read in a local zone must come to the municipality's for that zone to be taken. */
export const ZONE_MATCH_M = 15_000;

/**
 * The local zone that puts these coordinates on the municipality: the one zone in which the centre
 * of their extent lies within ZONE_MATCH_M of the municipality's centre (SWEREF 99 TM). Neighbouring
 * zones are 0.75° or more apart (30 km and more even in the far north), so at most one can; null
 * when none does.
 */
export function matchLocalZone(positions: readonly Position[], centre3006: readonly [number, number]): number | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of positions) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  const mid = [(x0 + x1) / 2, (y0 + y1) / 2];
  const near = LOCAL_ZONE_CODES.filter((zone) => {
    const [e, n] = projector(zone, 3006)(mid);
    return Math.hypot(e - centre3006[0], n - centre3006[1]) <= ZONE_MATCH_M;
  });
  return near.length === 1 ? near[0] : null;
}

/**
 * Parses a boundary file and brings it into SWEREF 99 TM. `statedCrs` is what the caller says the
 * file is in (an EPSG code or CRS name), if anything. `centre3006`, the centre of the municipality's
 * extent, lets metres of an unnamed local zone be read in the one zone that puts them there. Throws
 * SetupRefusal naming what is wrong: not JSON, not a polygon, an unreadable or conflicting CRS,
 * coordinates that do not fit the CRS, or metres of a local zone that cannot be told.
 */
export function readBoundaryFile(text: string, opts: { statedCrs?: string; centre3006?: readonly [number, number] } = {}): BoundaryFile {
  const { statedCrs, centre3006 } = opts;
  let gj: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    gj = JSON.parse(json);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    throw new SetupRefusal('not_json', `the file is not JSON${at ? ` (the error is on line ${json.slice(0, Number(at[1])).split('\n').length})` : ''}`);
  }
  if (!gj || typeof gj !== 'object' || Array.isArray(gj) || typeof (gj as { type?: unknown }).type !== 'string') {
    throw new SetupRefusal('not_polygon', 'the file is JSON but not GeoJSON (no "type" member)');
  }
  const obj = gj as Record<string, unknown>;
  const polygons = collectPolygons(obj);
  const positions = polygons.flat(2);

  const member = (obj.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (obj.crs !== undefined && obj.crs !== null && typeof member !== 'string') {
    throw new SetupRefusal('unsupported_crs', 'the file has a "crs" member without a name (expected {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}})');
  }
  const fromFile = typeof member === 'string' ? checkSupported(parseCrsName(member), 'the file', member) : null;
  const fromCaller = statedCrs !== undefined ? checkSupported(parseCrsName(statedCrs), 'the stated CRS', statedCrs) : null;
  if (fromFile !== null && fromCaller !== null && fromFile !== fromCaller) {
    throw new SetupRefusal('crs_conflict', `the file says its coordinates are in ${crsLabel(fromFile)}, but ${crsLabel(fromCaller)} was stated; leave out --crs or correct it`, { file: fromFile, stated: fromCaller });
  }

  const kind = coordinateKind(positions);
  const stated = fromCaller ?? fromFile;
  let crs: number;
  if (stated !== null) {
    const says = fromCaller === null ? 'the file\'s "crs" member says' : '--crs says';
    if (!fits(positions, kindOf(stated))) {
      throw new SetupRefusal('crs_mismatch',
        `${says} ${crsLabel(stated)}, but the coordinates are ${KIND_WORDS[kind]} (e.g. ${example(positions[0])}): the boundary lies in another coordinate system than stated`,
        { stated, kind });
    }
    // Metres of one local zone read in another land 30 km or more off; the zone that puts them on the municipality is the one they are in.
    const zone = isLocalZone(stated) && centre3006 ? matchLocalZone(positions, centre3006) : null;
    if (zone !== null && zone !== stated) {
      throw new SetupRefusal('crs_mismatch',
        `${says} ${crsLabel(stated)}, but read in that zone the boundary lies off the municipality, and read in ${crsLabel(zone)} on it: the boundary lies in another coordinate system than stated (--crs ${zone}?)`,
        { stated, zone });
    }
    crs = stated;
  } else if (kind === 'degrees') crs = 4326;
  else if (kind === 'tm') crs = 3006;
  else if (kind === 'local') {
    const zone = centre3006 ? matchLocalZone(positions, centre3006) : null;
    if (zone === null) {
      throw new SetupRefusal('crs_undetermined',
        `the coordinates are metres of a local SWEREF 99 zone, but the file does not say which, and in none of EPSG:${LOCAL_ZONE_CODES[0]}–${LOCAL_ZONE_CODES[LOCAL_ZONE_CODES.length - 1]} do they lie on the municipality; if the file is this municipality's boundary, state its zone with --crs`);
    }
    crs = zone;
  } else {
    throw new SetupRefusal('crs_mismatch', `the coordinates are ${KIND_WORDS[kind]} (e.g. ${example(positions[0])}); export the boundary in WGS 84, SWEREF 99 TM or a local SWEREF 99 zone`, { kind });
  }

  const to3006 = projector(crs, 3006);
  const geometry3006: MultiPolygon = { type: 'MultiPolygon', coordinates: polygons.map((poly) => poly.map((ring) => ring.map(to3006))) };
  return { geometry3006, crs, crsFrom: fromCaller !== null ? 'stated' : fromFile !== null ? 'file' : 'coordinates', polygons: polygons.length, vertices: positions.length };
}
