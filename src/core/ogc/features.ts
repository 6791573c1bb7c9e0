/**
 * Features as the OGC API sends them (GeoJSON, RFC 7946 in CRS84 by default; in EPSG:3006 when asked
 * for, as Part 2 allows): flat properties a GIS table can hold, times as RFC 3339 strings.
 */
import type { Geometry } from 'geojson';
import type { Incident } from '../incidents/types.ts';
import { CRS84, geometryIn, positionIn, type OgcCrs } from './crs.ts';

export type Scalar = string | number | boolean | null;

export interface OgcFeature {
  type: 'Feature';
  id: string | number;
  geometry: Geometry | null;
  properties: Record<string, Scalar>;
}

const iso = (d: Date) => d.toISOString();

/** A feature from a geometry stored in EPSG:3006 (or none), in the asked system. */
export const featureOf = (id: string | number, geometry3006: Geometry | null, properties: Record<string, Scalar>, crs: OgcCrs): OgcFeature =>
  ({ type: 'Feature', id, geometry: geometry3006 ? geometryIn(crs, geometry3006) : null, properties });

/**
 * An incident as the list shows it to the caller, without its reporter and bookkeeping (version,
 * import): the point where it happened and what a GIS map labels and filters on. In CRS84 the
 * position is the list's own (PostGIS's transform), so both give the same numbers.
 */
export function incidentFeature(i: Incident, crs: OgcCrs): OgcFeature {
  return {
    type: 'Feature',
    id: i.id,
    geometry: { type: 'Point', coordinates: crs === CRS84 ? [i.location.lon, i.location.lat] : positionIn(crs, [i.location.e, i.location.n]) },
    properties: {
      municipalityId: i.municipalityId, categoryCode: i.categoryCode, categoryNameSv: i.categoryNameSv, categoryNameEn: i.categoryNameEn,
      occurredFrom: iso(i.occurredFrom), occurredTo: iso(i.occurredTo), reportedAt: iso(i.reportedAt),
      positionPrecision: i.positionPrecision, precisionM: i.precisionM, placeName: i.placeName, description: i.description,
      organisationId: i.organisationId, organisationName: i.organisationName, reportedToPolice: i.reportedToPolice, assessment: i.assessment,
      source: i.source, reviewStatus: i.reviewStatus, duplicateOf: i.duplicateOf, visibility: i.visibility, e: i.location.e, n: i.location.n,
    },
  };
}

/** A cell of the SWEREF 99 TM lattice (origin 0,0) as a polygon in EPSG:3006. */
export function cellPolygon(col: number, row: number, size: number): Geometry {
  const x0 = col * size, y0 = row * size, x1 = x0 + size, y1 = y0 + size;
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/** The key of the incident list's order (newest first, then id) as a cursor carries it. */
export const incidentKey = (occurredFrom: Date, id: string) => `${occurredFrom.toISOString()}_${id}`;

export function parseIncidentKey(key: string): { occurredFrom: Date; id: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(key);
  if (!m) return null;
  const t = new Date(m[1]);
  return Number.isNaN(t.getTime()) ? null : { occurredFrom: t, id: m[2] };
}

/** Police events: newest first, then municipality and Polisen's id. */
export const policeEventKey = (publishedAt: Date, municipalityId: string, id: number) => `${publishedAt.toISOString()}_${municipalityId}_${id}`;

export function parsePoliceEventKey(key: string): { publishedAt: Date; municipalityId: string; id: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{4})_(\d{1,15})$/.exec(key);
  if (!m) return null;
  const t = new Date(m[1]);
  return Number.isNaN(t.getTime()) ? null : { publishedAt: t, municipalityId: m[2], id: Number(m[3]) };
}

/** A police event's feature id: the municipality it is held for and Polisen's id. */
export const policeEventId = (municipalityId: string, id: number) => `${municipalityId}-${id}`;
export function parsePoliceEventId(featureId: string): { municipalityId: string; id: number } | null {
  const m = /^(\d{4})-(\d{1,15})$/.exec(featureId);
  return m ? { municipalityId: m[1], id: Number(m[2]) } : null;
}
