import type * as GeoJSON from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import type { Municipality } from '../../api/types.ts';
import { baseLayersBelow, baseSources, builtUpLabelLayer, withMode, type Base } from '../../ui/base-map.ts';

/**
 * The base of the small maps (the review pane, an edition, the place editor) from the shared base
 * (ui/base-map.ts): the municipality's tile source under its outline, or offline the boundaries and
 * the tätorter's names. The pages add their own layers on top.
 */
export function baseStyle(municipalities: Municipality[], base: Base, scbText: string): StyleSpecification {
  return {
    version: 8,
    sources: baseSources(municipalities, base.raster, scbText),
    layers: withMode([
      ...baseLayersBelow(base.raster),
      { id: 'municipality-line', type: 'line', source: 'municipalities', paint: { 'line-color': '#4f5a66', 'line-width': 2 } },
      builtUpLabelLayer(),
    ], base.mode),
  };
}

/** [[minLon, minLat], [maxLon, maxLat]] of geometries, or null when there are no positions. */
export function boundsOf(geometries: Array<GeoJSON.Geometry | null | undefined>): [[number, number], [number, number]] | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      return;
    }
    for (const cc of c) visit(cc);
  };
  for (const g of geometries) {
    if (!g) continue;
    if (g.type === 'GeometryCollection') g.geometries.forEach((x) => visit((x as { coordinates?: unknown }).coordinates));
    else visit(g.coordinates);
  }
  return minX === Infinity ? null : [[minX, minY], [maxX, maxY]];
}

/** Great-circle distance in metres (good to well under a metre at the 50 m the duplicate rule uses). */
export function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A closed polygon ring from clicked vertices (at least three), or null while there are fewer. */
export function polygonFromVertices(vertices: Array<[number, number]>): GeoJSON.Polygon | null {
  if (vertices.length < 3) return null;
  const ring = vertices.map(([x, y]) => [x, y]);
  const [fx, fy] = ring[0];
  const [lx, ly] = ring[ring.length - 1];
  if (fx !== lx || fy !== ly) ring.push([fx, fy]);
  if (ring.length < 4) return null;
  return { type: 'Polygon', coordinates: [ring] };
}

/** The vertices of a polygon's outer ring without the closing repeat (to edit a stored polygon). */
export function verticesOfPolygon(g: GeoJSON.Geometry | null | undefined): Array<[number, number]> {
  if (!g || g.type !== 'Polygon' || !g.coordinates[0]) return [];
  const ring = g.coordinates[0].map(([x, y]) => [x, y] as [number, number]);
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  return ring;
}
