/** Domain types (moved from the database layer; repositories map rows to them). */
import type { MultiPolygon, Point, Polygon } from 'geojson';

export interface Place {
  id: string;
  municipalityId: string;
  name: string;
  kind: string;
  description: string | null;
  /** WGS84 (RFC 7946): a point, or an outline (a polygon drawn on the map, or the union of hotspot cells). */
  geometry: Point | Polygon | MultiPolygon;
}
