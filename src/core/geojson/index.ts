import { isSupportedCrs, transform, type Crs } from '../geo/index.ts';

type Coords = number[] | Coords[];

/**
 * The CRS a GeoJSON object declares with the pre-RFC 7946 `crs` member (QGIS still writes it for
 * SWEREF 99 exports): 4326 when absent, the EPSG code when it names one, null when unsupported.
 */
export function declaredCrs(obj: unknown): Crs | null {
  const name = (obj as { crs?: { properties?: { name?: unknown } } })?.crs?.properties?.name;
  if (name === undefined) return 4326;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  const code = m ? Number(m[1]) : NaN;
  return isSupportedCrs(code) ? code : null;
}

function mapCoords(c: Coords, f: (x: number, y: number) => [number, number]): Coords {
  if (typeof c[0] === 'number') {
    const [x, y] = f(c[0] as number, c[1] as number);
    return [x, y];
  }
  return (c as Coords[]).map((cc) => mapCoords(cc, f));
}

/** A copy of a GeoJSON geometry with every position transformed from one CRS to another. */
export function reprojectGeometry<G extends { type: string; coordinates?: unknown; geometries?: unknown[] }>(g: G, from: Crs, to: Crs): G {
  if (from === to) return g;
  if (g.type === 'GeometryCollection') return { ...g, geometries: (g.geometries ?? []).map((x) => reprojectGeometry(x as G, from, to)) };
  return { ...g, coordinates: mapCoords(g.coordinates as Coords, (x, y) => transform(from, to, x, y)) };
}

export interface FeatureLike {
  geometry: { type: string; coordinates?: unknown } | null;
  properties: Record<string, unknown>;
  /** Where the feature was in the input, for error messages: "features[3]" or "geojson". */
  path: string;
}

/** Features of a Feature, a FeatureCollection or a bare geometry, each with its path in the input. */
export function featuresOf(obj: { type: string } & Record<string, unknown>, base = 'geojson'): FeatureLike[] | null {
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) {
    return (obj.features as Array<Record<string, unknown>>).map((f, i) => ({
      geometry: (f?.geometry ?? null) as FeatureLike['geometry'],
      properties: (f?.properties ?? {}) as Record<string, unknown>,
      path: `${base}.features[${i}]`,
    }));
  }
  if (obj.type === 'Feature') return [{ geometry: (obj.geometry ?? null) as FeatureLike['geometry'], properties: (obj.properties ?? {}) as Record<string, unknown>, path: base }];
  if (typeof obj.type === 'string' && 'coordinates' in obj) return [{ geometry: obj as FeatureLike['geometry'], properties: {}, path: base }];
  return null;
}
