/**
 * The layers besides the incidents that a GIS client reads from /ogc: a place (the station in
 * Alingsås centre), a district around the centre and a measure at the place, made through the API
 * by a coordinator as the app makes them.
 */
import assert from 'node:assert/strict';
import type { Client } from './api.ts';
import { FX, POINTS } from './fixtures.ts';

export async function addGisLayers(coord: Client): Promise<{ placeId: string; areaId: string; measureId: string }> {
  const place = await coord.post('/api/places', { name: 'Stationen', kind: 'station', geometry: { type: 'Point', coordinates: [POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat] } });
  assert.equal(place.statusCode, 201, place.body);
  const area = await coord.post('/api/areas', {
    kind: 'district', nameProperty: 'namn',
    geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { namn: 'Centrum' }, geometry: { type: 'Polygon', coordinates: [[[12.525, 57.925], [12.54, 57.925], [12.54, 57.935], [12.525, 57.935], [12.525, 57.925]]] } }] },
  });
  assert.equal(area.statusCode, 201, area.body);
  const measure = await coord.post('/api/measures', { type: 'belysning', term: 'long', title: 'Belysning vid stationen', organisationId: FX.orgs.kommun, placeId: place.json().id });
  assert.equal(measure.statusCode, 201, measure.body);
  return { placeId: place.json().id, areaId: area.json()[0].id, measureId: measure.json().id };
}
