import type { Incident } from '../incidents/types.ts';

/** An incident as a GeoJSON Feature in WGS84 (RFC 7946); properties are the API fields minus the location. */
export function incidentFeature(i: Incident) {
  const { location, ...props } = i;
  return {
    type: 'Feature' as const,
    id: i.id,
    geometry: { type: 'Point' as const, coordinates: [location.lon, location.lat] as [number, number] },
    // Times stay Dates: JSON (the API's serialiser and JSON.stringify alike) writes them as RFC 3339.
    properties: { ...props, e: location.e, n: location.n },
  };
}
