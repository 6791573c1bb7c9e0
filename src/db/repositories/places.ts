import type { Queryable } from '../engine.ts';
import { fromGeoJson, toGeoJson } from './geometries.ts';
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

export async function updatePlace(q: Queryable, id: string, p: { name?: string; kind?: string; description?: string | null; geometry?: unknown }): Promise<Place | null> {
  const r = await q.query<Place & { geometry: string }>(
    `UPDATE places SET name = COALESCE($2, name), kind = COALESCE($3, kind),
       description = CASE WHEN $4::boolean THEN $5 ELSE description END,
       geom = CASE WHEN $6::text IS NULL THEN geom ELSE ${fromGeoJson('$6')} END, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, p.name ?? null, p.kind ?? null, p.description !== undefined, p.description ?? null, p.geometry ? JSON.stringify(p.geometry) : null]);
  return r.rows[0] ? parse(r.rows[0]) : null;
}

export async function placeUsage(q: Queryable, id: string): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE place_id = $1', [id]);
  return r.rows[0].n;
}

export async function deletePlace(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM places WHERE id = $1', [id]);
}
