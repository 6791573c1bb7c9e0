import type { Queryable } from '../engine.ts';

/**
 * Checks a GeoJSON geometry (WGS84, RFC 7946) with PostGIS before it is stored: returns null when
 * it is valid, or PostGIS's reason ("Self-intersection[12.5 57.9]") when not. Parse errors come
 * back as reasons too rather than as exceptions.
 */
export async function geometryProblem(q: Queryable, geojson: unknown, allowed: string[]): Promise<string | null> {
  const g = geojson as { type?: unknown; coordinates?: unknown };
  if (!g || typeof g !== 'object' || typeof g.type !== 'string') return 'missing geometry type';
  if (!allowed.includes(g.type)) return `geometry type ${g.type} is not allowed here (${allowed.join(', ')})`;
  const positions = positionProblem(g.coordinates);
  if (positions) return positions;
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

/**
 * A position is longitude, latitude and at most a height (RFC 7946 §3.1.1); anything further, or
 * a value that is not a finite number or lies off the globe, is refused here rather than by PostGIS, whose error would
 * abort the caller's transaction (and a fourth value would make an XYM geometry the 2D columns refuse).
 */
export function positionProblem(coordinates: unknown): string | null {
  const stack: unknown[] = [coordinates];
  while (stack.length) {
    const c = stack.pop();
    if (!Array.isArray(c)) return 'coordinates must be arrays of positions';
    if (c.length && c.every((v) => typeof v === 'number')) {
      if (c.length < 2 || c.length > 3) return `a position has 2 values (longitude, latitude) or 3 (and a height), not ${c.length}`;
      if (!c.every((v) => Number.isFinite(v))) return 'a position holds a value that is not a finite number';
      // WGS84 (RFC 7946); further out, the transformation to SWEREF 99 TM fails inside PostGIS.
      if (Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90) return `a position lies outside longitude ±180 and latitude ±90: ${c[0]}, ${c[1]}`;
    } else stack.push(...c);
  }
  return null;
}

/** SQL for a WGS84 GeoJSON parameter turned into EPSG:3006; a height is dropped (the map and the columns are 2D). */
export const fromGeoJson = (param: string) => `ST_Transform(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(${param})), 4326), 3006)`;
/** SQL for a 3006 geometry column as WGS84 GeoJSON text with 6 decimals (~0.1 m). */
export const toGeoJson = (column: string) => `ST_AsGeoJSON(ST_Transform(${column}, 4326), 6)`;
/** SQL for a 3006 geometry column as GeoJSON text in EPSG:3006 itself, to the centimetre (GIS exports). */
export const toGeoJson3006 = (column: string) => `ST_AsGeoJSON(${column}, 2)`;
