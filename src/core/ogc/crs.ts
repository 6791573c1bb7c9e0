/**
 * The coordinate systems of the OGC API (Features Part 2): CRS84 (WGS84 longitude, latitude — the
 * default of Part 1) and SWEREF 99 TM (EPSG:3006, what the database stores and the municipality's GIS
 * works in), each named by its OGC URI. Geometries are stored in EPSG:3006 and turned into CRS84
 * with the project's one transform (core/geo/crs.ts).
 */
import type { Geometry, Position } from 'geojson';
import { transform } from '../geo/crs.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG_3006 = 'http://www.opengis.net/def/crs/EPSG/0/3006';
export type OgcCrs = typeof CRS84 | typeof EPSG_3006;
/** Every system a collection is offered in; the storage system is EPSG:3006. */
export const OGC_CRS: readonly OgcCrs[] = [CRS84, EPSG_3006];

/** The system a `crs` or `bbox-crs` value names (its URI, or the short forms clients also send), or null. */
export function parseCrs(value: string): OgcCrs | null {
  const v = value.trim().replace(/^\[(.*)\]$/, '$1');
  if (v === CRS84 || v === 'OGC:CRS84' || v === 'http://www.opengis.net/def/crs/OGC/0/CRS84') return CRS84;
  if (v === EPSG_3006 || v === 'EPSG:3006' || v === 'http://www.opengis.net/def/crs/EPSG/0/3006/') return EPSG_3006;
  return null;
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/** A position in EPSG:3006 metres in the asked system: CRS84 to 7 decimals (about a centimetre), metres to 2. */
export function positionIn(crs: OgcCrs, [e, n]: Position): Position {
  if (crs === EPSG_3006) return [round(e, 2), round(n, 2)];
  const [lon, lat] = transform(3006, 4326, e, n);
  return [round(lon, 7), round(lat, 7)];
}

/** A geometry stored in EPSG:3006, in the asked system. */
export function geometryIn(crs: OgcCrs, g: Geometry): Geometry {
  const p = (c: Position) => positionIn(crs, c);
  switch (g.type) {
    case 'Point': return { type: 'Point', coordinates: p(g.coordinates) };
    case 'MultiPoint': return { type: 'MultiPoint', coordinates: g.coordinates.map(p) };
    case 'LineString': return { type: 'LineString', coordinates: g.coordinates.map(p) };
    case 'MultiLineString': return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(p)) };
    case 'Polygon': return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(p)) };
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(p))) };
    case 'GeometryCollection': return { type: 'GeometryCollection', geometries: g.geometries.map((x) => geometryIn(crs, x)) };
  }
}

/** [minX, minY, maxX, maxY] of a geometry's positions, or null for an empty one. */
export function envelopeOf(g: Geometry): [number, number, number, number] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[];
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    } else c.forEach(visit);
  };
  const walk = (x: Geometry): void => (x.type === 'GeometryCollection' ? x.geometries.forEach(walk) : visit(x.coordinates));
  walk(g);
  return x0 === Infinity ? null : [x0, y0, x1, y1];
}

/**
 * An EPSG:3006 box as CRS84 bounds: the envelope of its edges, each cut into steps, since a straight
 * edge in metres is a curve in degrees and its corners alone would cut the box short.
 */
export function boxToCrs84([x0, y0, x1, y1]: [number, number, number, number], steps = 16): [number, number, number, number] {
  const points: Position[] = [];
  for (let k = 0; k <= steps; k++) {
    const x = x0 + ((x1 - x0) * k) / steps, y = y0 + ((y1 - y0) * k) / steps;
    points.push([x, y0], [x, y1], [x0, y], [x1, y]);
  }
  const t = points.map(([x, y]) => transform(3006, 4326, x, y));
  const xs = t.map((p) => p[0]), ys = t.map((p) => p[1]);
  return [round(Math.min(...xs), 7), round(Math.min(...ys), 7), round(Math.max(...xs), 7), round(Math.max(...ys), 7)];
}
