import { boundaryAttribution, createMap, mapBase, mapLoaded, NavigationControl, tilesAnswered, type GeoJSONSource, type MapLibreMap } from '../../ui/maplibre.ts';
import type * as GeoJSON from 'geojson';
import { api, ApiError } from '../../api/client.ts';
import type { MapSettings, Municipality } from '../../api/types.ts';
import { baseStyle, boundsOf } from './mapStyle.ts';

/**
 * A small MapLibre map on the shared base (OpenStreetMap through the server by default, else the
 * boundaries and the tätorter's names), for the review pane, an edition and the place editor. Loaded
 * on demand (import('./mapView.ts')) so list pages stay light.
 */
let municipalities: Promise<Municipality[]> | null = null;
export function loadMunicipalities(): Promise<Municipality[]> {
  municipalities ??= api.get<Municipality[]>('/api/municipalities').catch((e) => { municipalities = null; throw e; });
  return municipalities;
}

let settings: Promise<MapSettings | null> | null = null;
/** The tile source; the maps work without it (null: not readable, the offline base). */
function loadMapSettings(): Promise<MapSettings | null> {
  settings ??= api.get<MapSettings>('/api/settings/map').catch((e) => {
    settings = null;
    if (e instanceof ApiError) return null;
    throw e;
  });
  return settings;
}

/** How long a small map waits for the server's word on its tiles before it starts offline (ms). */
const STATUS_WAIT_MS = 1_500;

export interface SmallMapOptions {
  /** Accessible name of the map (the canvas is focusable; arrow keys pan, +/- zoom). */
  label: string;
  center?: [number, number];
  zoom?: number;
  /**
   * Ends the map: when it aborts (the component unmounts, the review queue moves to the next
   * report) the map is removed and its WebGL context released, also while it is still loading.
   */
  signal?: AbortSignal;
}

export async function createSmallMap(container: HTMLElement, opts: SmallMapOptions): Promise<MapLibreMap> {
  const [ms, s] = await Promise.all([loadMunicipalities(), loadMapSettings()]);
  if (s?.source === 'osm' && s.tileUrl) await tilesAnswered(STATUS_WAIT_MS);
  const base = mapBase(s);
  const bounds = boundsOf(ms.map((m) => m.geometry));
  const map = createMap({
    container,
    style: baseStyle(ms, base, boundaryAttribution()),
    // The sources are named (OpenStreetMap's terms require it), compact on a small map.
    attributionControl: { compact: true },
    ...(opts.center ? { center: opts.center, zoom: opts.zoom ?? 15 } : bounds ? { bounds, fitBoundsOptions: { padding: 10 } } : { center: [15, 62], zoom: 4 }),
    maxZoom: 19,
  }, { signal: opts.signal, base });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  const canvas = map.getCanvas();
  canvas.setAttribute('aria-label', opts.label);
  canvas.setAttribute('role', 'application');
  await mapLoaded(map, opts.signal);
  return map;
}

/** Sets (or creates) a GeoJSON source. */
export function setData(map: MapLibreMap, id: string, data: GeoJSON.FeatureCollection): void {
  const src = map.getSource(id) as GeoJSONSource | undefined;
  if (src) src.setData(data);
  else map.addSource(id, { type: 'geojson', data });
}

export const fc = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
export const feature = (geometry: GeoJSON.Geometry, properties: Record<string, unknown> = {}): GeoJSON.Feature => ({ type: 'Feature', geometry, properties });

export type { MapLibreMap };
