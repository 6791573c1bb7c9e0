import type { Incident } from '../incidents/types.ts';

/** An incident as a GeoJSON Feature in WGS84 (RFC 7946); properties are the API fields minus the location. */
export function incidentFeature(i: Incident) {
  const { location, ...props } = i;
  return {
    type: 'Feature' as const,
    id: i.id,
    geometry: { type: 'Point' as const, coordinates: [location.lon, location.lat] },
    properties: {
      ...props,
      occurredFrom: i.occurredFrom.toISOString(),
      occurredTo: i.occurredTo.toISOString(),
      reportedAt: i.reportedAt.toISOString(),
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
      e: location.e,
      n: location.n,
    },
  };
}
