import type { Queryable } from '../engine.ts';
import type { MunicipalityBoundary, MunicipalityRow } from '../../core/municipalities/types.ts';

/** Inserts or updates a municipality with its boundary (GeoJSON geometry in EPSG:3006). */
export async function upsertMunicipality(q: Queryable, m: { id: string; name: string; geometry3006: unknown }): Promise<void> {
  await q.query(
    `INSERT INTO municipalities (id, name, geom)
     VALUES ($1, $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 3006)))
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom`,
    [m.id, m.name, JSON.stringify(m.geometry3006)],
  );
}

export async function listMunicipalities(q: Queryable, ids?: string[]): Promise<MunicipalityRow[]> {
  const r = await q.query<MunicipalityRow>(
    `SELECT id, name, settings FROM municipalities ${ids ? 'WHERE id = ANY($1::text[])' : ''} ORDER BY name`,
    ids ? [ids] : [],
  );
  return r.rows;
}

/**
 * The municipality among $3 whose boundary, widened by $4 metres, holds the point ($1, $2) in
 * SWEREF 99 TM, the nearest first, with how far outside its boundary the point lies ("outsideM", 0
 * inside). Also the first part of a new report's checks (report-checks.ts).
 */
export const MUNICIPALITY_AT = `SELECT id, ST_Distance(geom, ST_SetSRID(ST_MakePoint($1, $2), 3006)) AS "outsideM" FROM municipalities
      WHERE id = ANY($3::text[]) AND ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 3006), $4)
      ORDER BY 2, id LIMIT 1`;

/**
 * Which of the given municipalities the point lies in, and how far outside its boundary (metres,
 * 0 inside). SCB's generalised boundaries are coarse (Alingsås: 37 vertices), so a point within
 * `toleranceM` of a boundary counts; the nearest municipality wins.
 */
export async function municipalityAt(q: Queryable, e: number, n: number, ids: string[], toleranceM: number): Promise<{ id: string; outsideM: number } | null> {
  const r = await q.query<{ id: string; outsideM: number }>(MUNICIPALITY_AT, [e, n, ids, toleranceM]);
  return r.rows[0] ?? null;
}

/** A point inside the municipality (WGS84): where an import's coordinates are expected to lie. */
export async function municipalityCentre(q: Queryable, id: string): Promise<{ lon: number; lat: number } | null> {
  const r = await q.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM municipalities WHERE id = $1) x`, [id]);
  return r.rows[0] ?? null;
}

/** Boundary as GeoJSON in WGS84, for the map's offline base layer. */
export async function municipalityBoundaries(q: Queryable, ids: string[]): Promise<MunicipalityBoundary[]> {
  const r = await q.query<{ id: string; name: string; geometry: string }>(
    `SELECT id, name, ST_AsGeoJSON(ST_Transform(geom, 4326), 6) AS geometry FROM municipalities WHERE id = ANY($1::text[]) ORDER BY id`,
    [ids],
  );
  return r.rows.map((x) => ({ ...x, geometry: JSON.parse(x.geometry) }));
}
