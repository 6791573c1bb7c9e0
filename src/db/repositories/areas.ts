import type { MultiPolygon } from 'geojson';
import type { Queryable } from '../engine.ts';
import { fromGeoJson, toGeoJson, toGeoJson3006 } from './geometries.ts';
import { scalarProperties, type AreaKind, type Area } from '../../core/areas/types.ts';

const COLUMNS = `id, municipality_id AS "municipalityId", kind, name, code, properties, ${toGeoJson('geom')} AS geometry,
  round((ST_Area(geom) / 1e6)::numeric, 4)::float8 AS "areaKm2"`;

// Rows stored before properties were kept scalar may hold nested values; the API sends attributes only.
const parse = (a: Area & { geometry: string }): Area => ({ ...a, properties: scalarProperties(a.properties), geometry: JSON.parse(a.geometry) });

export async function listAreas(q: Queryable, municipalities: string[], kind?: AreaKind): Promise<Area[]> {
  const r = await q.query<Area & { geometry: string }>(
    `SELECT ${COLUMNS} FROM areas WHERE municipality_id = ANY($1::text[]) AND ($2::text IS NULL OR kind = $2) ORDER BY kind, name`,
    [municipalities, kind ?? null]);
  return r.rows.map(parse);
}

/** An area with its geometry in SWEREF 99 TM (EPSG:3006) metres, as stored: for GIS exports. */
export type AreaIn3006 = Omit<Area, 'geometry'> & { geometry3006: MultiPolygon };

/** Every area of the municipalities (by kind and name) with the stored geometry, not reprojected. */
export async function listAreasIn3006(q: Queryable, municipalities: string[]): Promise<AreaIn3006[]> {
  const r = await q.query<Omit<Area, 'geometry'> & { geometry3006: string }>(
    `SELECT id, municipality_id AS "municipalityId", kind, name, code, properties, ${toGeoJson3006('geom')} AS geometry3006,
            round((ST_Area(geom) / 1e6)::numeric, 4)::float8 AS "areaKm2"
       FROM areas WHERE municipality_id = ANY($1::text[]) ORDER BY kind, name, id`, [municipalities]);
  return r.rows.map((a) => ({ ...a, properties: scalarProperties(a.properties), geometry3006: JSON.parse(a.geometry3006) }));
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

export async function updateArea(q: Queryable, id: string, municipalityId: string, p: { kind?: AreaKind; name?: string; code?: string | null; properties?: Record<string, unknown>; geometry?: unknown }): Promise<Area | null> {
  const r = await q.query<Area & { geometry: string }>(
    `UPDATE areas SET kind = COALESCE($3, kind), name = COALESCE($4, name),
       code = CASE WHEN $5::boolean THEN $6 ELSE code END, properties = COALESCE($7::jsonb, properties),
       geom = CASE WHEN $8::text IS NULL THEN geom ELSE ST_Multi(${fromGeoJson('$8')}) END, updated_at = now()
     WHERE id = $1 AND municipality_id = $2 RETURNING ${COLUMNS}`,
    [id, municipalityId, p.kind ?? null, p.name ?? null, p.code !== undefined, p.code ?? null,
      p.properties ? JSON.stringify(p.properties) : null, p.geometry ? JSON.stringify(p.geometry) : null]);
  return r.rows[0] ? parse(r.rows[0]) : null;
}

export async function deleteArea(q: Queryable, id: string, municipalityId: string): Promise<void> {
  await q.query('DELETE FROM areas WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
}

/**
 * Districts drawn as discs (EPSG:3006 centre and radius in metres) clipped to the municipality's
 * boundary; a district whose name the municipality already has is left alone.
 */
export async function insertDiscDistricts(q: Queryable, municipalityId: string, discs: Array<{ name: string; x: number; y: number; r: number }>, properties: Record<string, unknown>): Promise<void> {
  await q.query(
    `INSERT INTO areas (municipality_id, kind, name, geom, properties)
     SELECT m.id, 'district', c.name, ST_Multi(ST_Intersection(m.geom, ST_Buffer(ST_SetSRID(ST_MakePoint(c.x, c.y), 3006), c.r, 16))), $3::jsonb
       FROM json_to_recordset($2::json) AS c(name text, x float8, y float8, r float8), municipalities m
      WHERE m.id = $1 AND NOT EXISTS (SELECT 1 FROM areas a WHERE a.municipality_id = m.id AND a.kind = 'district' AND a.name = c.name)`,
    [municipalityId, JSON.stringify(discs), JSON.stringify(properties)]);
}
