import type * as GeoJSON from 'geojson';

/** Small geometry helpers for the map (WGS84 lon/lat), pure. */
export type BBox = [number, number, number, number];

/** Bounding box of any geometry (or null when it has no coordinates). */
export function bboxOf(geometry: GeoJSON.Geometry | null | undefined): BBox | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < minX) minX = x; if (x > maxX) maxX = x;
      if (y < minY) minY = y; if (y > maxY) maxY = y;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  const walk = (g: GeoJSON.Geometry | null | undefined): void => {
    if (!g) return;
    if (g.type === 'GeometryCollection') g.geometries.forEach(walk);
    else visit(g.coordinates);
  };
  walk(geometry);
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

/** The union of boxes. */
export function unionBBox(boxes: Array<BBox | null>): BBox | null {
  const b = boxes.filter((x): x is BBox => x !== null);
  if (!b.length) return null;
  return [Math.min(...b.map((x) => x[0])), Math.min(...b.map((x) => x[1])), Math.max(...b.map((x) => x[2])), Math.max(...b.map((x) => x[3]))];
}

function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a / 2;
}

function ringCentroid(ring: number[][]): [number, number] {
  const a = ringArea(ring);
  if (a === 0) return [ring[0][0], ring[0][1]];
  let cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

/**
 * Where to put a polygon's label: the centroid of its largest outer ring (good enough for the convex
 * districts and grid cells of a municipality); a point's own position.
 */
export function labelPoint(geometry: GeoJSON.Geometry): [number, number] | null {
  if (geometry.type === 'Point') return geometry.coordinates as [number, number];
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.type === 'MultiPolygon' ? geometry.coordinates.map((p) => p[0]) : [];
  if (!rings.length) {
    const b = bboxOf(geometry);
    return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
  }
  const largest = rings.reduce((best, r) => (Math.abs(ringArea(r)) > Math.abs(ringArea(best)) ? r : best));
  return ringCentroid(largest);
}

/** A bbox as the API's `bbox` parameter, rounded to ~1 m and clamped to valid WGS84. */
export function bboxParam(b: BBox): string {
  const r = (x: number) => Math.round(x * 1e5) / 1e5;
  return [r(Math.max(-180, b[0])), r(Math.max(-90, b[1])), r(Math.min(180, b[2])), r(Math.min(90, b[3]))].join(',');
}
