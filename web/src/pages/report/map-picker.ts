import { boundaryAttribution, createMap, mapBase, NavigationControl, type GeoJSONSource, type StyleSpecification } from '../../ui/maplibre.ts';
import { baseLayersBelow, baseSources, builtUpLabelLayer, withMode } from '../../ui/base-map.ts';
import type * as GeoJSON from 'geojson';
import type { MapSettings, Municipality, Place } from '../../api/types.ts';
import type { Position } from './form.ts';

export interface PickerMap {
  setValue(p: Position | null): void;
  centre(): [number, number];
  destroy(): void;
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

function pointFc(p: Position | null): GeoJSON.FeatureCollection {
  return p ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }] } : EMPTY;
}

function bounds(geoms: GeoJSON.Geometry[]): [[number, number], [number, number]] | null {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  const visit = (x: unknown): void => {
    if (!Array.isArray(x)) return;
    if (typeof x[0] === 'number') { a = Math.min(a, x[0]); c = Math.max(c, x[0]); b = Math.min(b, x[1] as number); d = Math.max(d, x[1] as number); return; }
    x.forEach(visit);
  };
  for (const g of geoms) if ('coordinates' in g) visit(g.coordinates);
  return a === Infinity ? null : [[a, b], [c, d]];
}

/**
 * A small MapLibre map to tap the place of a report, on the shared base (ui/base-map.ts): the
 * municipality's tile source (OpenStreetMap through the server by default) under its outline and the
 * named places, or offline the boundary and the tätorter's names.
 */
export function createPickerMap(container: HTMLElement, opts: {
  municipalities: Municipality[]; places: Place[]; settings: MapSettings | null; value: Position | null;
  onPick: (lon: number, lat: number) => void;
}): PickerMap {
  const base = mapBase(opts.settings);
  const style: StyleSpecification = {
    version: 8,
    sources: {
      ...baseSources(opts.municipalities, base.raster, boundaryAttribution()),
      places: { type: 'geojson', data: { type: 'FeatureCollection', features: opts.places.map((p) => ({ type: 'Feature', properties: { name: p.name }, geometry: p.geometry })) } },
      chosen: { type: 'geojson', data: pointFc(opts.value) },
    },
    layers: withMode([
      ...baseLayersBelow(base.raster),
      { id: 'municipality-line', type: 'line', source: 'municipalities', paint: { 'line-color': '#4f5a66', 'line-width': 2 } },
      builtUpLabelLayer(),
      { id: 'places-fill', type: 'fill', source: 'places', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1f4e79', 'fill-opacity': 0.12 } },
      { id: 'places', type: 'circle', source: 'places', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': '#1f4e79', 'circle-stroke-width': 2 } },
      { id: 'chosen-halo', type: 'circle', source: 'chosen', paint: { 'circle-radius': 14, 'circle-color': '#ffffff', 'circle-opacity': 0.9 } },
      { id: 'chosen', type: 'circle', source: 'chosen', paint: { 'circle-radius': 9, 'circle-color': '#a4161a', 'circle-stroke-color': '#1b1f24', 'circle-stroke-width': 3 } },
    ], base.mode),
  };
  const b = bounds(opts.municipalities.map((m) => m.geometry));
  const map = createMap({
    // The sources are named (OpenStreetMap's terms require it), compact on a phone.
    container, style, attributionControl: { compact: true },
    ...(opts.value ? { center: [opts.value.lon, opts.value.lat] as [number, number], zoom: 15 } : b ? { bounds: b, fitBoundsOptions: { padding: 10 } } : { center: [15, 62] as [number, number], zoom: 4 }),
    maxZoom: 19,
  }, { base });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.on('click', (e) => opts.onPick(e.lngLat.lng, e.lngLat.lat));
  return {
    setValue(p) {
      const src = map.getSource('chosen') as GeoJSONSource | undefined;
      src?.setData(pointFc(p));
      if (p && !map.getBounds().contains([p.lon, p.lat])) map.easeTo({ center: [p.lon, p.lat], zoom: Math.max(map.getZoom(), 14) });
    },
    centre() { const c = map.getCenter(); return [c.lng, c.lat]; },
    destroy() { map.remove(); },
  };
}
