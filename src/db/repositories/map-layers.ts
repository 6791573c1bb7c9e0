import type { Queryable } from '../engine.ts';

export interface LayerFeature {
  id: string;
  name: string;
  geometry: unknown;
}

/**
 * The base layers of the offline document maps in SWEREF 99 TM (EPSG:3006, as stored): the
 * municipality boundary, its areas and its places. Simplified to 5 m: finer than a printed map shows.
 */
export async function mapLayers3006(q: Queryable, municipalityId: string): Promise<{ boundary: unknown | null; areas: LayerFeature[]; places: LayerFeature[] }> {
  const b = await q.query<{ g: string }>(`SELECT ST_AsGeoJSON(geom, 1) AS g FROM municipalities WHERE id = $1`, [municipalityId]);
  const areas = await q.query<{ id: string; name: string; g: string }>(
    `SELECT id, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 5), 1) AS g FROM areas WHERE municipality_id = $1 ORDER BY name`, [municipalityId]);
  const places = await q.query<{ id: string; name: string; g: string }>(
    `SELECT id, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 2), 1) AS g FROM places WHERE municipality_id = $1 ORDER BY name`, [municipalityId]);
  const feature = (r: { id: string; name: string; g: string }) => ({ id: r.id, name: r.name, geometry: JSON.parse(r.g) });
  return { boundary: b.rows[0]?.g ? JSON.parse(b.rows[0].g) : null, areas: areas.rows.map(feature), places: places.rows.map(feature) };
}
