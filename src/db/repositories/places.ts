import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { Queryable } from '../engine.ts';
import { fromGeoJson, toGeoJson, toGeoJson3006 } from './geometries.ts';
import type { Place } from '../../core/places/types.ts';

const COLUMNS = `id, municipality_id AS "municipalityId", name, kind, description, ${toGeoJson('geom')} AS geometry`;
const parse = (p: Place & { geometry: string }): Place => ({ ...p, geometry: JSON.parse(p.geometry) });

/** Places of the municipalities; `search` matches the name (case-insensitive, anywhere). */
export async function listPlaces(q: Queryable, municipalities: string[], search?: string, limit = 500): Promise<Place[]> {
  const r = await q.query<Place & { geometry: string }>(
    `SELECT ${COLUMNS} FROM places WHERE municipality_id = ANY($1::text[])
       AND ($2::text IS NULL OR name ILIKE '%' || $2 || '%') ORDER BY name LIMIT $3`,
    [municipalities, search ?? null, limit]);
  return r.rows.map(parse);
}

/** A place with its geometry in SWEREF 99 TM (EPSG:3006) metres, as stored: for GIS exports. */
export type PlaceIn3006 = Omit<Place, 'geometry'> & { geometry3006: Point | Polygon | MultiPolygon };

/** Every place of the municipalities, by name, with the stored geometry (no reprojection, no limit). */
export async function listPlacesIn3006(q: Queryable, municipalities: string[]): Promise<PlaceIn3006[]> {
  const r = await q.query<Omit<Place, 'geometry'> & { geometry3006: string }>(
    `SELECT id, municipality_id AS "municipalityId", name, kind, description, ${toGeoJson3006('geom')} AS geometry3006
       FROM places WHERE municipality_id = ANY($1::text[]) ORDER BY name, id`, [municipalities]);
  return r.rows.map((p) => ({ ...p, geometry3006: JSON.parse(p.geometry3006) }));
}

export async function getPlace(q: Queryable, id: string, municipalities: string[]): Promise<Place | null> {
  const r = await q.query<Place & { geometry: string }>(`SELECT ${COLUMNS} FROM places WHERE id = $1 AND municipality_id = ANY($2::text[])`, [id, municipalities]);
  return r.rows[0] ? parse(r.rows[0]) : null;
}

export async function insertPlace(q: Queryable, p: { id?: string; municipalityId: string; name: string; kind: string; description: string | null; geometry: unknown; createdBy: string | null }): Promise<Place> {
  const r = await q.query<Place & { geometry: string }>(
    `INSERT INTO places (id, municipality_id, name, kind, description, geom, created_by)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, ${fromGeoJson('$6')}, $7) RETURNING ${COLUMNS}`,
    [p.id ?? null, p.municipalityId, p.name, p.kind, p.description, JSON.stringify(p.geometry), p.createdBy]);
  return parse(r.rows[0]);
}

export async function updatePlace(q: Queryable, id: string, municipalityId: string, p: { name?: string; kind?: string; description?: string | null; geometry?: unknown }): Promise<Place | null> {
  const r = await q.query<Place & { geometry: string }>(
    `UPDATE places SET name = COALESCE($3, name), kind = COALESCE($4, kind),
       description = CASE WHEN $5::boolean THEN $6 ELSE description END,
       geom = CASE WHEN $7::text IS NULL THEN geom ELSE ${fromGeoJson('$7')} END, updated_at = now()
     WHERE id = $1 AND municipality_id = $2 RETURNING ${COLUMNS}`,
    [id, municipalityId, p.name ?? null, p.kind ?? null, p.description !== undefined, p.description ?? null, p.geometry ? JSON.stringify(p.geometry) : null]);
  return r.rows[0] ? parse(r.rows[0]) : null;
}

/** Reports at a place of the municipality (it cannot be deleted while it has any). */
export async function placeUsage(q: Queryable, id: string, municipalityId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM incidents i WHERE i.place_id = p.id) AS n FROM places p WHERE p.id = $1 AND p.municipality_id = $2', [id, municipalityId]);
  return r.rows[0]?.n ?? 0;
}

export async function deletePlace(q: Queryable, id: string, municipalityId: string): Promise<void> {
  await q.query('DELETE FROM places WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
}

/** Points (EPSG:3006) become places of one kind; a name the municipality already has is left alone. */
export async function insertPointPlaces(q: Queryable, municipalityId: string, kind: string, points: Array<{ name: string; x: number; y: number }>): Promise<void> {
  await q.query(
    `INSERT INTO places (municipality_id, name, kind, geom)
     SELECT $1, p.name, $2, ST_SetSRID(ST_MakePoint(p.x, p.y), 3006) FROM json_to_recordset($3::json) AS p(name text, x float8, y float8)
     WHERE NOT EXISTS (SELECT 1 FROM places q WHERE q.municipality_id = $1 AND q.name = p.name)`,
    [municipalityId, kind, JSON.stringify(points)]);
}
