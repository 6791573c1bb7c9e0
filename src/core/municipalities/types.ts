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

/** A tätort (SCB's built-up area) as a point, named on the offline base map. */
export interface BuiltUpArea {
  /** SCB's tätort code, e.g. 1489TB101. */
  code: string;
  name: string;
  population: number;
  lon: number;
  lat: number;
}

/** A municipality as the maps draw it: its boundary and its tätorter. */
export interface MunicipalityBaseMap extends MunicipalityBoundary {
  builtUpAreas: BuiltUpArea[];
}

/**
 * Where the map's raster background comes from: `osm` OpenStreetMap through this server's tile proxy
 * (the default), `custom` a tile URL the browser fetches itself (Lantmäteriet, another server), `none`
 * the offline base map only.
 */
export const MAP_SOURCES = ['osm', 'custom', 'none'] as const;
export type MapSource = (typeof MAP_SOURCES)[number];

/** The municipality setting `map`: the raster tile source of the map. */
export interface MapSettings {
  source: MapSource;
  /** XYZ tile URL template with {z}, {x} and {y}; for `osm` the proxy's path (null when the server's proxy is off). */
  tileUrl: string | null;
  /** For `osm` null: the app names OpenStreetMap's contributors in the user's language. */
  attribution: string | null;
  maxZoom: number;
}
