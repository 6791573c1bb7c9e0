/** Municipalities: their stored row, boundary and per-municipality settings. */
import type { MultiPolygon } from 'geojson';

export interface MunicipalityRow {
  id: string;
  name: string;
  settings: Record<string, unknown>;
}

/** A municipality's boundary in WGS84 (RFC 7946), for the map's offline base layer. */
export interface MunicipalityBoundary {
  id: string;
  name: string;
  geometry: MultiPolygon;
}

/** The municipality setting `map`: the raster tile source of the map (none: the offline base map only). */
export interface MapSettings {
  /** XYZ tile URL template with {z}, {x} and {y}. */
  tileUrl: string | null;
  attribution: string | null;
  maxZoom: number;
}
