import type { Queryable } from '../engine.ts';

/** Area kinds whose names people use to say where something is (DeSO codes and area groups are not). */
const NAMING_KINDS = ['district', 'other'];

/**
 * For each point (SWEREF 99 TM), the name of the smallest district (or other named area) of the
 * municipality that contains it, or null: what a hotspot is named by together with the nearest place.
 */
export async function namedAreasAt(q: Queryable, municipalityId: string, points: Array<{ x: number; y: number }>): Promise<Array<string | null>> {
  if (points.length === 0) return [];
  const r = await q.query<{ i: number; name: string | null }>(
    `SELECT p.i,
            (SELECT a.name FROM areas a
              WHERE a.municipality_id = $1 AND a.kind = ANY($3::text[]) AND ST_Contains(a.geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 3006))
              ORDER BY ST_Area(a.geom), a.name LIMIT 1) AS name
       FROM json_to_recordset($2::json) AS p(x float8, y float8, i int)`,
    [municipalityId, JSON.stringify(points.map(({ x, y }, i) => ({ x, y, i }))), NAMING_KINDS]);
  const out: Array<string | null> = points.map(() => null);
  for (const row of r.rows) out[row.i] = row.name;
  return out;
}
