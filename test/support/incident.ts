import type { Incident } from '../../src/core/incidents/types.ts';

/** One incident as the API shows it, for the exporters' unit tests: a klotter report at Stora torget in Alingsås. */
export function sampleIncident(over: Partial<Incident> = {}): Incident {
  return {
    id: '7f3c2a1e-0000-4000-8000-000000000001', municipalityId: '1489', categoryId: 'c1',
    occurredFrom: new Date('2026-12-02T20:02:15Z'), occurredTo: new Date('2026-12-02T20:02:15Z'), reportedAt: new Date('2026-12-02T20:05:00Z'),
    positionPrecision: 'gps', precisionM: 5, placeId: null, placeName: 'Stora torget', description: 'Klotter på väggen',
    organisationId: 'o1', reporterId: null, reportedToPolice: true, assessment: 3, source: 'app', reviewStatus: 'reviewed',
    duplicateOf: null, visibility: 'normal', outsideBoundaryM: null, categoryCode: 'skadegorelse.klotter', categoryNameSv: 'Klotter/graffiti',
    categoryNameEn: 'Graffiti', categoryColour: '#c00', location: { lon: 12.5323, lat: 57.9301, e: 354000.25, n: 6423500 },
    organisationName: 'AB Alingsåshem', version: 1, createdAt: new Date('2026-12-02T20:05:00Z'), updatedAt: new Date('2026-12-02T20:05:00Z'),
    externalId: null, importId: null, importFileName: null, importedByName: null, sourceSystem: null, sourceMediaUrl: null,
    ...over,
  };
}
