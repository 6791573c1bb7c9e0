import type { Queryable } from '../engine.ts';

/** Inserts a municipality with its boundary (GeoJSON geometry in EPSG:3006); false when the code is taken. */
export async function insertMunicipality(q: Queryable, m: { id: string; name: string; geometry3006: unknown }): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO municipalities (id, name, geom) VALUES ($1, $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 3006)))
     ON CONFLICT (id) DO NOTHING`,
    [m.id, m.name, JSON.stringify(m.geometry3006)],
  );
  return r.affectedRows === 1;
}

export interface BoundaryComparison {
  /** The first polygon PostGIS does not take as valid (1-based) and its reason ("Self-intersection[…]"), else null. */
  invalid: { polygon: number; reason: string } | null;
  /** The polygons merged into one MultiPolygon (parts that touch or overlap become one), GeoJSON in EPSG:3006; null when invalid. */
  merged: unknown;
  areaKm2: number;
  /** Share of the boundary's area inside the reference boundary, 0–1. */
  insideShare: number;
  /** Share of the reference boundary's area the boundary covers, 0–1. */
  coverShare: number;
}

/**
 * Checks a boundary given as polygons (GeoJSON coordinates in EPSG:3006) against a reference one,
 * SCB's for the same municipality: whether PostGIS takes each polygon as valid, their union (a
 * boundary exported as several adjoining parts is one area, but as a MultiPolygon it would be
 * invalid), and how much of each lies in the other.
 */
export async function compareBoundary(q: Queryable, polygons3006: unknown[], reference3006: unknown): Promise<BoundaryComparison> {
  const r = await q.query<{ polygon: number | null; reason: string | null; merged: string | null; area: number | null; inside: number | null; cover: number | null }>(
    `WITH parts AS (
       SELECT ord::int AS ord, ST_SetSRID(ST_GeomFromGeoJSON(p), 3006) AS g FROM json_array_elements_text($1::json) WITH ORDINALITY AS x(p, ord)),
     bad AS (SELECT ord, ST_IsValidReason(g) AS reason FROM parts WHERE NOT ST_IsValid(g) ORDER BY ord LIMIT 1),
     u AS (SELECT ST_Multi(ST_Union(g)) AS b, ST_SetSRID(ST_GeomFromGeoJSON($2), 3006) AS r FROM parts WHERE NOT EXISTS (SELECT 1 FROM bad))
     SELECT (SELECT ord FROM bad) AS polygon, (SELECT reason FROM bad) AS reason,
            ST_AsGeoJSON(u.b, 9) AS merged, ST_Area(u.b) / 1e6 AS area,
            ST_Area(ST_Intersection(u.b, u.r)) / NULLIF(ST_Area(u.b), 0) AS inside, ST_Area(ST_Intersection(u.b, u.r)) / ST_Area(u.r) AS cover
       FROM (SELECT 1) one LEFT JOIN u ON true`,
    [JSON.stringify(polygons3006.map((coordinates) => ({ type: 'Polygon', coordinates }))), JSON.stringify(reference3006)],
  );
  const row = r.rows[0];
  if (row.polygon !== null) return { invalid: { polygon: row.polygon, reason: row.reason ?? '' }, merged: null, areaKm2: 0, insideShare: 0, coverShare: 0 };
  return { invalid: null, merged: JSON.parse(row.merged!), areaKm2: row.area ?? 0, insideShare: row.inside ?? 0, coverShare: row.cover ?? 0 };
}

export interface MunicipalitySummary {
  id: string;
  name: string;
  areaKm2: number;
  /** Vertices of the stored boundary: 37 for SCB's Alingsås, thousands for a municipality's own. */
  vertices: number;
  createdAt: Date;
  organisations: number;
  users: number;
  incidents: number;
}

/** Every municipality of the deployment with what it holds, by code. */
export async function listMunicipalitySummaries(q: Queryable): Promise<MunicipalitySummary[]> {
  const r = await q.query<MunicipalitySummary>(
    `SELECT m.id, m.name, ST_Area(m.geom) / 1e6 AS "areaKm2", ST_NPoints(m.geom) AS vertices, m.created_at AS "createdAt",
            (SELECT count(*) FROM organisations o WHERE o.municipality_id = m.id) AS organisations,
            (SELECT count(*) FROM users u WHERE u.municipality_id = m.id) AS users,
            (SELECT count(*) FROM incidents i WHERE i.municipality_id = m.id) AS incidents
       FROM municipalities m ORDER BY m.id`,
  );
  return r.rows;
}
