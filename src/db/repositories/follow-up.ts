import type { Actor } from '../../core/access/roles.ts';
import { visibleIncidents } from '../access.ts';
import type { Queryable } from '../engine.ts';
import { Params } from '../sql.ts';
import { responseGeometrySql } from './measures.ts';
import type { ZoneGeometry, FollowUpZones, ZoneOptions } from '../../core/measures/follow-up-zones.ts';

/**
 * The areas and counts of a measure's follow-up, all in PostGIS on EPSG:3006 so that PGlite and
 * PostgreSQL draw the same rings and count the same incidents.
 */

const EMPTY = `ST_GeomFromText('POLYGON EMPTY', 3006)`;
/**
 * A zone as WKT (for the counts), GeoJSON and area. The GeoJSON keeps the polygons only: edges that
 * merely touch can leave lines or points in an overlay's result, which have no area to draw.
 */
const out = (g: string) => `ST_AsText(${g}) AS "${g}Wkt", ST_AsGeoJSON(ST_Transform(ST_CollectionExtract(${g}, 3), 4326), 6) AS "${g}Json", ST_Area(${g})::float8 AS "${g}Area"`;

/** The response area, buffer ring and control area of a measure of the municipality; null when it has no such measure. */
export async function followUpZones(q: Queryable, municipalityId: string, o: ZoneOptions): Promise<FollowUpZones | null> {
  const p = new Params();
  const id = p.add(o.measureId), municipality = p.add(municipalityId), buffer = p.add(o.bufferM), gap = p.add(o.gapM), radius = p.add(o.pointRadiusM);
  let chosen: string | null = null;
  if (o.controlAreaId) chosen = `(SELECT geom FROM areas WHERE id = ${p.add(o.controlAreaId)}::uuid AND municipality_id = ${municipality})`;
  else if (o.controlPlaceId) chosen = `(SELECT CASE WHEN GeometryType(geom) = 'POINT' THEN ST_Buffer(geom, ${radius}::float8, 16) ELSE geom END FROM places WHERE id = ${p.add(o.controlPlaceId)}::uuid AND municipality_id = ${municipality})`;
  // Parameters are added only when used: PostgreSQL refuses a parameter whose type it cannot infer.
  const others = () => `(SELECT ST_Union(${responseGeometrySql('op', 'oa', `${radius}::float8`)})
      FROM measures om LEFT JOIN places op ON op.municipality_id = om.municipality_id AND op.id = om.place_id
      LEFT JOIN areas oa ON oa.municipality_id = om.municipality_id AND oa.id = om.area_id
     WHERE om.municipality_id = m.municipality_id AND om.id <> m.id AND om.status <> 'cancelled'
       AND COALESCE(om.actual_start, om.planned_start) < ${p.add(o.to)}::date
       AND COALESCE(om.actual_end, om.planned_end, 'infinity'::date) >= ${p.add(o.from)}::date)`;
  const r = await q.query<Record<string, any>>(
    `WITH base AS (
       SELECT m.id, m.municipality_id, COALESCE(p.name, a.name) AS name, ${responseGeometrySql('p', 'a', `${radius}::float8`)} AS r
         FROM measures m LEFT JOIN places p ON p.municipality_id = m.municipality_id AND p.id = m.place_id
         LEFT JOIN areas a ON a.municipality_id = m.municipality_id AND a.id = m.area_id WHERE m.id = ${id}::uuid AND m.municipality_id = ${municipality}
     ), zones AS (
       SELECT b.name, b.r, ST_Difference(ST_Buffer(b.r, ${buffer}::float8, 16), b.r) AS d,
              ST_Buffer(b.r, ${buffer}::float8 + ${gap}::float8, 16) AS ex, b.municipality_id, b.id
         FROM base b
     ), ctl AS (
       SELECT z.*, ${chosen
         ? `ST_Difference(${chosen}, z.ex) AS c, ST_Intersects(${chosen}, ST_Buffer(z.r, ${buffer}::float8, 16)) AS clipped`
         : `ST_Difference(ST_Intersection(ST_Buffer(z.r, ${p.add(o.reachM)}::float8, 16), mu.geom),
              ST_Union(z.ex, COALESCE((SELECT ${others()} FROM measures m WHERE m.municipality_id = z.municipality_id AND m.id = z.id), ${EMPTY}))) AS c, false AS clipped`}
         FROM zones z JOIN municipalities mu ON mu.id = z.municipality_id
     )
     SELECT name, clipped, ${out('r')}, ${out('d')}, ${out('c')} FROM ctl`, p.values);
  const row = r.rows[0];
  if (!row) return null;
  const zone = (k: string): ZoneGeometry => ({ wkt: row[`${k}Wkt`], geojson: JSON.parse(row[`${k}Json`]), areaM2: row[`${k}Area`] });
  return { response: { ...zone('r'), name: row.name }, buffer: zone('d'), control: { ...zone('c'), name: null }, controlClipped: row.clipped === true };
}

/** Incidents per zone and week index (week 0 starts at `from`), for the actor, categories and statuses of a follow-up. */
export async function zoneWeekCounts(q: Queryable, actor: Actor, zones: { response: string; buffer: string; control: string }, from: string, to: string, categoryIds: string[]) {
  const p = new Params();
  const z = [p.add(zones.response), p.add(zones.buffer), p.add(zones.control)];
  const f = p.add(from), t = p.add(to), cats = p.add(categoryIds);
  const r = await q.query<{ zone: 'response' | 'buffer' | 'control'; week: number; n: number }>(
    `WITH zones(zone, g) AS (VALUES ('response', ST_GeomFromText(${z[0]}, 3006)), ('buffer', ST_GeomFromText(${z[1]}, 3006)), ('control', ST_GeomFromText(${z[2]}, 3006)))
     SELECT zones.zone, (((i.occurred_from AT TIME ZONE 'Europe/Stockholm')::date - ${f}::date) / 7)::int AS week, count(*)::int AS n
       FROM zones JOIN incidents i ON ST_Intersects(zones.g, i.geom)
      WHERE ${visibleIncidents(actor, p)}
        AND i.review_status IN ('new', 'reviewed')
        AND i.occurred_from >= (${f}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
        AND i.occurred_from < (${t}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
        AND (cardinality(${cats}::uuid[]) = 0 OR EXISTS (SELECT 1 FROM categories c WHERE c.id = i.category_id AND (c.id = ANY(${cats}::uuid[]) OR c.parent_id = ANY(${cats}::uuid[]))))
      GROUP BY 1, 2`, p.values);
  return r.rows;
}

/** Other measures (not cancelled) of the municipality whose place or area touches R ∪ D and that were in force in [from, to). */
export async function overlappingMeasures(q: Queryable, municipalityId: string, measureId: string, zones: { response: string; buffer: string }, from: string, to: string, pointRadiusM: number) {
  const r = await q.query<{ id: string; title: string }>(
    `SELECT om.id, om.title FROM measures m JOIN measures om ON om.municipality_id = m.municipality_id AND om.id <> m.id
       LEFT JOIN places op ON op.municipality_id = om.municipality_id AND op.id = om.place_id
       LEFT JOIN areas oa ON oa.municipality_id = om.municipality_id AND oa.id = om.area_id
      WHERE m.id = $1::uuid AND m.municipality_id = $7 AND om.status <> 'cancelled'
        AND COALESCE(om.actual_start, om.planned_start) < $5::date
        AND COALESCE(om.actual_end, om.planned_end, 'infinity'::date) >= $4::date
        AND ST_Intersects(${responseGeometrySql('op', 'oa', '$6::float8')}, ST_Union(ST_GeomFromText($2, 3006), ST_GeomFromText($3, 3006)))
      ORDER BY om.title`, [measureId, zones.response, zones.buffer, from, to, pointRadiusM, municipalityId]);
  return r.rows;
}

/** The name of a chosen control: an area's or a place's of the municipality. */
export async function controlAreaName(q: Queryable, municipalityId: string, control: { areaId?: string; placeId?: string }): Promise<string | null> {
  const r = await q.query<{ name: string }>(
    control.areaId ? 'SELECT name FROM areas WHERE id = $1::uuid AND municipality_id = $2' : 'SELECT name FROM places WHERE id = $1::uuid AND municipality_id = $2',
    [control.areaId ?? control.placeId, municipalityId]);
  return r.rows[0]?.name ?? null;
}
