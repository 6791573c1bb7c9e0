import type { LayerSpecification } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { MapPoints } from '../../../api/types.ts';
import { textImageExpression } from '../../../ui/text-images.ts';

/**
 * Incidents as the server aggregates them per view (GET /api/map/points): single incidents as small
 * circles in their category's colour, clusters as circles sized by their count with the count
 * written on them (as a text image, see text-images.ts) in the colour of their commonest category.
 */
export const POINTS_SOURCE = 'points';
export const POINT_LAYER_IDS = ['clusters', 'cluster-counts', 'incidents'] as const;
/** The layers a click or tap can hit. */
export const POINT_HIT_LAYERS = ['clusters', 'incidents'];

/** Circle radius (px) of a cluster of `count` incidents: grows with the logarithm, 12…34 px. */
export function clusterRadius(count: number): number {
  return Math.round(Math.min(34, 12 + 5.5 * Math.log10(Math.max(1, count))));
}

/** The same as a MapLibre expression, for the layer. */
export const clusterRadiusExpression = ['interpolate', ['linear'], ['get', 'count'], 1, 12, 10, 17.5, 100, 23, 1000, 28.5, 10000, 34];

export function pointLayers(): LayerSpecification[] {
  return [
    {
      id: 'clusters', type: 'circle', source: POINTS_SOURCE, filter: ['==', ['get', 'kind'], 'cluster'],
      paint: {
        'circle-color': ['coalesce', ['get', 'colour'], '#1f4e79'],
        'circle-radius': clusterRadiusExpression as any,
        'circle-opacity': 0.88,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'cluster-counts', type: 'symbol', source: POINTS_SOURCE, filter: ['==', ['get', 'kind'], 'cluster'],
      layout: { 'icon-image': textImageExpression('count', 'label') as any, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    },
    {
      id: 'incidents', type: 'circle', source: POINTS_SOURCE, filter: ['==', ['get', 'kind'], 'incident'],
      paint: {
        'circle-color': ['coalesce', ['get', 'colour'], '#1f4e79'],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 16, 8],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ];
}

/**
 * Adds what the layers draw to the server's features: `label`, the count as the user reads numbers
 * ("1 234"). Returns the number of incidents the features stand for.
 */
export function preparePoints(fc: MapPoints, fmtNumber: (n: number) => string): { data: GeoJSON.FeatureCollection; total: number } {
  let total = 0;
  const features = fc.features.map((f) => {
    const p = f.properties;
    const count = p.kind === 'cluster' ? p.count : 1;
    total += count;
    return p.kind === 'cluster' ? { ...f, properties: { ...p, label: fmtNumber(count) } } : f;
  });
  return { data: { type: 'FeatureCollection', features }, total };
}
