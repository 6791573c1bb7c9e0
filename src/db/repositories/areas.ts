import type { Queryable } from '../engine.ts';
import { fromGeoJson, toGeoJson } from './geometries.ts';
import { AREA_KINDS } from '../../core/areas/types.ts';
import type { AreaKind, Area } from '../../core/areas/types.ts';

const COLUMNS = `id, municipality_id AS "municipalityId", kind, name, code, properties, ${toGeoJson('geom')} AS geometry,
  round((ST_Area(geom) / 1e6)::numeric, 4)::float8 AS "areaKm2"`;

const parse = (a: Area & { geometry: string }): Area => ({ ...a, geometry: JSON.parse(a.geometry) });

export async function listAreas(q: Queryable, municipalities: string[], kind?: AreaKind): Promise<Area[]> {
  const r = await q.query<Area & { geometry: string }>(
    `SELECT ${COLUMNS} FROM areas WHERE municipality_id = ANY($1::text[]) AND ($2::text IS NULL OR kind = $2) ORDER BY kind, name`,
    [municipalities, kind ?? null]);
  return r.rows.map(parse);
}

export async function getArea(q: Queryable, id: string, municipalities: string[]): Promise<Area | null> {
  const r = await q.query<Area & { geometry: string }>(`SELECT ${COLUMNS} FROM areas WHERE id = $1 AND municipality_id = ANY($2::text[])`, [id, municipalities]);
  return r.rows[0] ? parse(r.rows[0]) : null;
}

/** Which municipality (of those given) the area lies in: the one holding most of it. */
export async function municipalityOfGeometry(q: Queryable, geojson: unknown, municipalities: string[]): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `SELECT m.id FROM municipalities m, (SELECT ${fromGeoJson('$1')} AS g) x
      WHERE m.id = ANY($2::text[]) AND ST_Intersects(m.geom, x.g)
      ORDER BY ST_Area(ST_Intersection(m.geom, ST_Buffer(x.g, 0))) DESC, ST_Distance(m.geom, ST_Centroid(x.g)) LIMIT 1`,
    [JSON.stringify(geojson), municipalities]);
  return r.rows[0]?.id ?? null;
}

export async function insertArea(q: Queryable, a: { municipalityId: string; kind: AreaKind; name: string; code: string | null; properties: Record<string, unknown>; geometry: unknown; createdBy: string | null }): Promise<Area> {
  const r = await q.query<Area & { geometry: string }>(
    `INSERT INTO areas (municipality_id, kind, name, code, properties, geom, created_by)
     VALUES ($1, $2, $3, $4, $5, ST_Multi(${fromGeoJson('$6')}), $7) RETURNING ${COLUMNS}`,
    [a.municipalityId, a.kind, a.name, a.code, JSON.stringify(a.properties), JSON.stringify(a.geometry), a.createdBy]);
  return parse(r.rows[0]);
}

export async function updateArea(q: Queryable, id: string, p: { kind?: AreaKind; name?: string; code?: string | null; properties?: Record<string, unknown>; geometry?: unknown }): Promise<Area | null> {
  const r = await q.query<Area & { geometry: string }>(
    `UPDATE areas SET kind = COALESCE($2, kind), name = COALESCE($3, name),
       code = CASE WHEN $4::boolean THEN $5 ELSE code END, properties = COALESCE($6::jsonb, properties),
       geom = CASE WHEN $7::text IS NULL THEN geom ELSE ST_Multi(${fromGeoJson('$7')}) END, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, p.kind ?? null, p.name ?? null, p.code !== undefined, p.code ?? null,
      p.properties ? JSON.stringify(p.properties) : null, p.geometry ? JSON.stringify(p.geometry) : null]);
  return r.rows[0] ? parse(r.rows[0]) : null;
}

export async function deleteArea(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM areas WHERE id = $1', [id]);
}
