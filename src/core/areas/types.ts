/** Areas: districts, DeSO, area groups — the shapes incidents are counted in. */
import type { MultiPolygon } from 'geojson';

export const AREA_KINDS = ['district', 'deso', 'area_group', 'other'] as const;

export type AreaKind = (typeof AREA_KINDS)[number];

/** Attributes as a GIS attribute table holds them: name → scalar. */
export type AreaProperties = Record<string, string | number | boolean | null>;

/**
 * The scalar properties of an uploaded feature. Nested objects and lists have no place in an
 * attribute table (QGIS and GeoPackage cannot hold them either) and are left out.
 */
export function scalarProperties(p: Record<string, unknown> | null | undefined): AreaProperties {
  const out: AreaProperties = {};
  for (const [k, v] of Object.entries(p ?? {})) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

export interface Area {
  id: string;
  municipalityId: string;
  kind: AreaKind;
  name: string;
  code: string | null;
  /** The uploaded feature's attributes: its scalar properties, kept as they were. */
  properties: AreaProperties;
  /** WGS84 (RFC 7946); stored in EPSG:3006, always as a MultiPolygon. */
  geometry: MultiPolygon;
  areaKm2: number;
}
