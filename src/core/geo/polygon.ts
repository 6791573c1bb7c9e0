/**
 * Planar polygon helpers for projected coordinates (metres, e.g. EPSG:3006): rings from GeoJSON,
 * point-in-polygon (even–odd rule, holes respected), bounding boxes and shoelace areas.
 * Do not use the area on lon/lat degrees: transform to a metric CRS first.
 */

import { bandedPolygon } from './banded-polygon.ts';
import { segmentMeetsRect } from './segment-rect.ts';
import type { BBox, MultiPolygonRings, PolygonRings, Position, Ring } from './types.ts';

export type { BBox, MultiPolygonRings, PolygonRings, Position, Ring } from './types.ts';


function fail(msg: string): never { throw new TypeError(`boundaryRings: ${msg}`); }

function readRing(raw: unknown, where: string): Ring {
  if (!Array.isArray(raw)) fail(`${where} is not an array of positions`);
  const ring: Position[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i];
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number'
      || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      fail(`${where}[${i}] is not a position [x, y] of finite numbers`);
    }
    ring.push([p[0], p[1]]);
  }
  const open = ring.length > 1 && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1]);
  if (ring.length - (open ? 0 : 1) < 3) fail(`${where} has fewer than 3 distinct positions`);
  return ring;
}

function readPolygon(raw: unknown, where: string): PolygonRings {
  if (!Array.isArray(raw) || raw.length === 0) fail(`${where} has no rings`);
  return raw.map((r, i) => readRing(r, `${where}[${i}]`));
}

function readGeometry(g: unknown, where: string, out: PolygonRings[]): void {
  if (g === null || typeof g !== 'object') fail(`${where} is not a geometry object`);
  const geom = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  switch (geom.type) {
    case 'Polygon':
      out.push(readPolygon(geom.coordinates, `${where}.coordinates`));
      return;
    case 'MultiPolygon':
      if (!Array.isArray(geom.coordinates)) fail(`${where}.coordinates is not an array`);
      geom.coordinates.forEach((p, i) => out.push(readPolygon(p, `${where}.coordinates[${i}]`)));
      return;
    case 'GeometryCollection':
      if (!Array.isArray(geom.geometries)) fail(`${where}.geometries is not an array`);
      geom.geometries.forEach((sub, i) => readGeometry(sub, `${where}.geometries[${i}]`, out));
      return;
    default:
      fail(`${where} has type ${JSON.stringify(geom.type)}; expected Polygon or MultiPolygon`);
  }
}

/**
 * Turn a GeoJSON FeatureCollection, Feature, Polygon or MultiPolygon (e.g. the shared SCB municipality
 * boundary) into polygons of rings. All features are merged. Coordinates are copied, not transformed:
 * the caller knows the CRS. Throws TypeError on anything else.
 * @example boundaryRings(JSON.parse(readFileSync('alingsas_1489_kommun_scb2024_sweref99tm.geojson', 'utf8')))
 */
export function boundaryRings(geojson: unknown): MultiPolygonRings {
  if (geojson === null || typeof geojson !== 'object') fail('input is not a GeoJSON object');
  const obj = geojson as { type?: unknown; features?: unknown; geometry?: unknown };
  const out: PolygonRings[] = [];
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) fail('FeatureCollection.features is not an array');
    obj.features.forEach((f, i) => {
      const feat = f as { type?: unknown; geometry?: unknown } | null;
      if (!feat || feat.type !== 'Feature') fail(`features[${i}] is not a Feature`);
      if (feat.geometry !== null) readGeometry(feat.geometry, `features[${i}].geometry`, out);
    });
  } else if (obj.type === 'Feature') {
    readGeometry(obj.geometry, 'geometry', out);
  } else {
    readGeometry(obj, 'geometry', out);
  }
  if (out.length === 0) fail('no Polygon or MultiPolygon found');
  return out;
}

/** Every ring of the polygons in one list (outer rings and holes). */
export function flattenRings(polygons: MultiPolygonRings): Ring[] {
  const out: Ring[] = [];
  for (const p of polygons) for (const r of p) out.push(r);
  return out;
}

/** Even–odd crossing test against one ring. Points exactly on an edge may fall either way. */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether a rectangle lies wholly inside a shape, so that every point of it passes `contains`: its
 * corners are inside and no edge of any ring (outer or hole) meets it.
 */
export function rectInside(rings: readonly Ring[], contains: (x: number, y: number) => boolean, r: BBox): boolean {
  if (!contains(r.minX, r.minY) || !contains(r.maxX, r.minY) || !contains(r.maxX, r.maxY) || !contains(r.minX, r.maxY)) return false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      if (segmentMeetsRect(ring[j][0], ring[j][1], ring[i][0], ring[i][1], r)) return false;
    }
  }
  return true;
}

/** Inside the outer ring and not inside any hole. */
export function pointInPolygon(x: number, y: number, polygon: PolygonRings): boolean {
  if (polygon.length === 0 || !pointInRing(x, y, polygon[0])) return false;
  for (let h = 1; h < polygon.length; h++) if (pointInRing(x, y, polygon[h])) return false;
  return true;
}

/** Inside any of the polygons. */
export function pointInMultiPolygon(x: number, y: number, polygons: MultiPolygonRings): boolean {
  for (const p of polygons) if (pointInPolygon(x, y, p)) return true;
  return false;
}

/**
 * A prepared point-in-polygon test for many points: a bounding-box pre-check and a 128 × 128 grid whose cells are classified once as inside, outside or crossed by an
 * edge; only points in crossed cells run the exact even–odd test (on the edges of their band: `banded`,
 * built here unless the caller has it). Same answers as pointInMultiPolygon
 * for non-overlapping polygons (even–odd over all rings).
 */
export function createPointInPolygon(polygons: MultiPolygonRings, banded = bandedPolygon(polygons)): (x: number, y: number) => boolean {
  const rings = flattenRings(polygons);
  const b = bbox(polygons);
  const exact = banded.contains;
  const G = 128;
  const cw = (b.maxX - b.minX) / G || 1, ch = (b.maxY - b.minY) / G || 1;
  // 0 = outside, 1 = inside, 2 = crossed by an edge (test exactly).
  const cells = new Uint8Array(G * G);
  const crossed = new Uint8Array(G * G);
  const pad = 1e-9 * Math.max(1, Math.abs(b.maxX), Math.abs(b.maxY));
  for (const ring of rings) for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const x0 = ring[j][0], y0 = ring[j][1], x1 = ring[i][0], y1 = ring[i][1];
    const c0 = Math.max(0, Math.floor((Math.min(x0, x1) - b.minX) / cw) - 1), c1 = Math.min(G - 1, Math.floor((Math.max(x0, x1) - b.minX) / cw) + 1);
    const r0 = Math.max(0, Math.floor((Math.min(y0, y1) - b.minY) / ch) - 1), r1 = Math.min(G - 1, Math.floor((Math.max(y0, y1) - b.minY) / ch) + 1);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
      if (crossed[r * G + c]) continue;
      const minX = b.minX + c * cw - pad, minY = b.minY + r * ch - pad;
      if (segmentMeetsRect(x0, y0, x1, y1, { minX, minY, maxX: minX + cw + 2 * pad, maxY: minY + ch + 2 * pad })) crossed[r * G + c] = 1;
    }
  }
  for (let r = 0; r < G; r++) for (let c = 0; c < G; c++) {
    const idx = r * G + c;
    cells[idx] = crossed[idx] ? 2 : exact(b.minX + (c + 0.5) * cw, b.minY + (r + 0.5) * ch) ? 1 : 0;
  }
  return (x: number, y: number): boolean => {
    if (!(x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY)) return false;
    const c = Math.min(G - 1, Math.floor((x - b.minX) / cw)), r = Math.min(G - 1, Math.floor((y - b.minY) / ch));
    const v = cells[r * G + c];
    return v === 2 ? exact(x, y) : v === 1;
  };
}

type Coords = Ring | PolygonRings | MultiPolygonRings;

/** Bounding box of a ring, a polygon or polygons. Throws RangeError when empty. */
export function bbox(coords: Coords): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    const a = c as ReadonlyArray<unknown>;
    if (a.length > 0 && typeof a[0] === 'number') {
      const x = a[0] as number, y = a[1] as number;
      if (x < minX) minX = x; if (x > maxX) maxX = x;
      if (y < minY) minY = y; if (y > maxY) maxY = y;
      return;
    }
    for (const s of a) visit(s);
  };
  visit(coords);
  if (minX > maxX) throw new RangeError('bbox of empty geometry');
  return { minX, minY, maxX, maxY };
}

/** Signed shoelace area of a ring: positive when counter-clockwise (x east, y north). */
export function ringSignedArea(ring: Ring): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s / 2;
}

/** Area of a polygon: |outer| − Σ|holes|, whatever the winding order. */
export function polygonArea(polygon: PolygonRings): number {
  if (polygon.length === 0) return 0;
  let a = Math.abs(ringSignedArea(polygon[0]));
  for (let h = 1; h < polygon.length; h++) a -= Math.abs(ringSignedArea(polygon[h]));
  return a;
}

/** Total area of polygons (assumed not to overlap). */
export function multiPolygonArea(polygons: MultiPolygonRings): number {
  let a = 0;
  for (const p of polygons) a += polygonArea(p);
  return a;
}
