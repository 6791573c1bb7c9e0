/** The zones a measure's follow-up counts in: the response area, its buffer and a control area. */
import type { MultiPolygon, Polygon } from 'geojson';

export interface ZoneGeometry {
  /** Well-known text in EPSG:3006, for the count query. */
  wkt: string;
  /** WGS84 GeoJSON for the browser. */
  geojson: Polygon | MultiPolygon;
  areaM2: number;
}

export interface FollowUpZones {
  response: ZoneGeometry & { name: string };
  buffer: ZoneGeometry;
  control: ZoneGeometry & { name: string | null };
  /** The chosen control overlapped R or D and was clipped. */
  controlClipped: boolean;
}

export interface ZoneOptions {
  measureId: string;
  bufferM: number;
  gapM: number;
  reachM: number;
  pointRadiusM: number;
  controlAreaId?: string;
  controlPlaceId?: string;
  /** Other measures in force in [from, to) are left out of a suggested control (they are not untreated). */
  from: string;
  to: string;
}
