import type { MultiPolygon } from 'geojson';
import type { Queryable } from '../engine.ts';
import type { CellEnvelope } from '../../core/geo/types.ts';

/**
 * The union of grid cells as one (multi)polygon, and the municipality (of those given) holding most
 * of it; null municipality when it lies outside them all.
 */
export async function cellUnion(q: Queryable, cells: CellEnvelope[], municipalities: string[]): Promise<{ wkt: string; municipalityId: string | null }> {
  const r = await q.query<{ wkt: string; municipalityId: string | null }>(
    `WITH u AS (SELECT ST_Union(ST_MakeEnvelope(c.x0, c.y0, c.x1, c.y1, 3006)) AS g
                  FROM json_to_recordset($1::json) AS c(x0 float8, y0 float8, x1 float8, y1 float8))
     SELECT ST_AsText(u.g) AS wkt,
            (SELECT m.id FROM municipalities m WHERE m.id = ANY($2::text[]) AND ST_Intersects(m.geom, u.g)
              ORDER BY ST_Area(ST_Intersection(m.geom, u.g)) DESC LIMIT 1) AS "municipalityId"
       FROM u`,
    [JSON.stringify(cells.map(([x0, y0, x1, y1]) => ({ x0, y0, x1, y1 }))), municipalities]);
  return r.rows[0];
}

/**
 * The union of each group of grid cells as one MultiPolygon in EPSG:3006 (a hotspot zone's outline
 * from its cells), in the order of the groups.
 */
export async function cellUnions(q: Queryable, groups: CellEnvelope[][]): Promise<MultiPolygon[]> {
  if (!groups.length) return [];
  const cells = groups.flatMap((g, i) => g.map(([x0, y0, x1, y1]) => ({ g: i, x0, y0, x1, y1 })));
  const r = await q.query<{ g: number; geometry: string }>(
    `SELECT c.g, ST_AsGeoJSON(ST_Multi(ST_Union(ST_MakeEnvelope(c.x0, c.y0, c.x1, c.y1, 3006))), 2) AS geometry
       FROM json_to_recordset($1::json) AS c(g int, x0 float8, y0 float8, x1 float8, y1 float8) GROUP BY c.g`,
    [JSON.stringify(cells)]);
  const byGroup = new Map(r.rows.map((row) => [Number(row.g), JSON.parse(row.geometry) as MultiPolygon]));
  return groups.map((_, i) => byGroup.get(i) ?? { type: 'MultiPolygon', coordinates: [] });
}

/** Stores a place whose geometry is given as EPSG:3006 well-known text; returns its id. */
export async function insertPlaceWkt(q: Queryable, p: { municipalityId: string; name: string; kind: string; description: string | null; wkt: string; createdBy: string | null }): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO places (municipality_id, name, kind, description, geom, created_by)
     VALUES ($1, $2, $3, $4, ST_GeomFromText($5, 3006), $6) RETURNING id`,
    [p.municipalityId, p.name, p.kind, p.description, p.wkt, p.createdBy]);
  return r.rows[0].id;
}
