import type { Queryable } from '../engine.ts';

/**
 * Checks a GeoJSON geometry (WGS84, RFC 7946) with PostGIS before it is stored: returns null when
 * it is valid, or PostGIS's reason ("Self-intersection[12.5 57.9]") when not. Parse errors come
 * back as reasons too rather than as exceptions.
 */
export async function geometryProblem(q: Queryable, geojson: unknown, allowed: string[]): Promise<string | null> {
  const g = geojson as { type?: unknown };
  if (!g || typeof g !== 'object' || typeof g.type !== 'string') return 'missing geometry type';
  if (!allowed.includes(g.type)) return `geometry type ${g.type} is not allowed here (${allowed.join(', ')})`;
  try {
    const r = await q.query<{ reason: string; empty: boolean }>(
      `SELECT ST_IsValidReason(g) AS reason, ST_IsEmpty(g) AS empty FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
      [JSON.stringify(geojson)]);
    const row = r.rows[0];
    if (row.empty) return 'empty geometry';
    return row.reason === 'Valid Geometry' ? null : row.reason;
  } catch (e) {
    return (e as Error).message.replace(/^.*?:\s*/, '');
  }
}

/** SQL for a WGS84 GeoJSON parameter turned into EPSG:3006. */
export const fromGeoJson = (param: string) => `ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326), 3006)`;
/** SQL for a 3006 geometry column as WGS84 GeoJSON text with 6 decimals (~0.1 m). */
export const toGeoJson = (column: string) => `ST_AsGeoJSON(ST_Transform(${column}, 4326), 6)`;
/** SQL for a 3006 geometry column as GeoJSON text in EPSG:3006 itself, to the centimetre (GIS exports). */
export const toGeoJson3006 = (column: string) => `ST_AsGeoJSON(${column}, 2)`;
