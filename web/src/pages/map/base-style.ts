import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { Area, MapSettings, Municipality, Place } from '../../api/types.ts';
import { baseLayersBelow, baseSources, builtUpLabelLayer, withMode, type Base } from '../../ui/base-map.ts';
import { labelPoint } from './geometry.ts';
import { AREA_LABELS_SOURCE, AREAS_SOURCE, areaLayers } from './layers/areas.ts';
import { HEATMAP_SOURCE, heatmapLayers } from './layers/heatmap.ts';
import { HOTSPOT_SOURCE, hotspotLayers } from './layers/hotspots.ts';
import { POINTS_SOURCE, pointLayers } from './layers/points.ts';
import type { LayerId } from './state.ts';
import { textImageExpression } from '../../ui/text-images.ts';

/**
 * The map's style, built in the browser from the database on the shared base (ui/base-map.ts): the
 * raster tiles (OpenStreetMap through the server by default) under the municipality's outline, or
 * offline the shipped boundaries, the districts around the built-up areas, the tätorter's names and
 * the named places. No `glyphs` and no `sprite`: labels are text images (ui/text-images.ts).
 */
/** `settings`: GET /api/settings/map, the municipality's raster tile source (null: not readable). */
export interface BaseData { municipalities: Municipality[]; areas: Area[]; places: Place[]; settings: MapSettings | null }

/** Which style layers each switchable layer shows. */
export const LAYER_GROUPS: Record<LayerId, string[]> = {
  points: pointLayers().map((l) => l.id),
  heatmap: heatmapLayers().map((l) => l.id),
  hotspots: hotspotLayers().map((l) => l.id),
  areas: areaLayers().map((l) => l.id),
};

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const fc = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
const geojson = (data: GeoJSON.FeatureCollection): SourceSpecification => ({ type: 'geojson', data });

/**
 * `background`: the base's raster source and the mode it starts in (ui/maplibre.ts mapBase), and the
 * catalogue's name of the boundaries' source for the attribution.
 */
export function buildStyle(base: BaseData, visible: LayerId[], background: Base & { scbText: string }): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    ...baseSources(base.municipalities, background.raster, background.scbText),
    'base-areas': geojson(fc(base.areas.map((a) => ({ type: 'Feature', geometry: a.geometry, properties: { id: a.id, name: a.name, kind: a.kind } })))),
    'base-area-labels': geojson(fc(base.areas.filter((a) => a.kind === 'district').flatMap((a) => {
      const at = labelPoint(a.geometry);
      return at ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: at }, properties: { name: a.name } }] : [];
    }))),
    places: geojson(fc(base.places.flatMap((p) => {
      const at = labelPoint(p.geometry);
      return at ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: at }, properties: { id: p.id, name: p.name, kind: p.kind } }] : [];
    }))),
    [AREAS_SOURCE]: geojson(EMPTY),
    [AREA_LABELS_SOURCE]: geojson(EMPTY),
    [HEATMAP_SOURCE]: geojson(EMPTY),
    [HOTSPOT_SOURCE]: geojson(EMPTY),
    [POINTS_SOURCE]: geojson(EMPTY),
  };
  const show = (group: LayerId) => (l: LayerSpecification): LayerSpecification =>
    ({ ...l, layout: { ...(l as { layout?: object }).layout, visibility: visible.includes(group) ? 'visible' : 'none' } } as LayerSpecification);

  const layers: LayerSpecification[] = [
    ...baseLayersBelow(background.raster),
    { id: 'base-areas-fill', type: 'fill', source: 'base-areas', filter: ['==', ['get', 'kind'], 'district'], paint: { 'fill-color': '#eceee6' } },
    ...areaLayers().filter((l) => l.id !== 'area-values').map(show('areas')),
    { id: 'base-areas-line', type: 'line', source: 'base-areas', paint: { 'line-color': '#8a949e', 'line-width': 1, 'line-dasharray': [3, 2] } },
    { id: 'municipality-line', type: 'line', source: 'municipalities', paint: { 'line-color': '#3d4750', 'line-width': 2.5 } },
    ...heatmapLayers().map(show('heatmap')),
    ...hotspotLayers().map(show('hotspots')),
    {
      id: 'district-labels', type: 'symbol', source: 'base-area-labels', minzoom: 9,
      layout: { 'icon-image': textImageExpression('district', 'name') as any, 'icon-allow-overlap': false, 'icon-optional': false },
    },
    builtUpLabelLayer(),
    ...areaLayers().filter((l) => l.id === 'area-values').map(show('areas')),
    { id: 'place-dots', type: 'circle', source: 'places', minzoom: 11, paint: { 'circle-radius': 3.5, 'circle-color': '#1b1f24', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
    ...pointLayers().map(show('points')),
    {
      id: 'place-labels', type: 'symbol', source: 'places', minzoom: 12,
      layout: { 'icon-image': textImageExpression('place', 'name') as any, 'icon-anchor': 'top', 'icon-offset': [0, 4], 'icon-allow-overlap': false },
    },
  ];
  return { version: 8, name: 'Lägesbild', sources, layers: withMode(layers, background.mode) };
}
