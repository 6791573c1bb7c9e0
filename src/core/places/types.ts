/** Named places (a square, an underpass, a school yard) where incidents are reported and measures taken. */
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
