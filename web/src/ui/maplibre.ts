import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

/**
 * The one place the app makes MapLibre maps. Every page's map comes from `createMap`, so whichever
 * page is opened first (directly, on a reload, from an e-mailed link) the worker's address is set
 * before any map exists: the worker is a file of its own in the build (same origin, cached by the
 * service worker), not the `/assets/maplibre-gl-worker.mjs` MapLibre would look for by default.
 *
 * A map holds a WebGL context until `remove()`; browsers allow only a few at once. Pages pass an
 * AbortSignal that ends with their component (or the report it shows): the map is removed then,
 * also when it has not finished loading. `remove()` may be called more than once.
 */
maplibregl.setWorkerUrl(workerUrl);

export type MapLibreMap = maplibregl.Map;
export type { GeoJSONSource, MapGeoJSONFeature, MapOptions, StyleSpecification } from 'maplibre-gl';
export const { NavigationControl, AttributionControl, ScaleControl } = maplibregl;

const live = new Set<MapLibreMap>();

/** How many maps exist and are not removed (for tests and diagnostics). */
export const liveMapCount = (): number => live.size;

/** Starts the map workers early (while a page still fetches its data). */
export function prewarm(): void {
  maplibregl.prewarm();
}

export function createMap(options: maplibregl.MapOptions, opts: { signal?: AbortSignal } = {}): MapLibreMap {
  const { signal } = opts;
  if (signal?.aborted) throw abortError();
  const map = new maplibregl.Map(options);
  live.add(map);
  const release = () => map.remove();
  const remove = map.remove.bind(map);
  let removed = false;
  map.remove = () => {
    if (removed) return;
    removed = true;
    live.delete(map);
    signal?.removeEventListener('abort', release);
    remove();
  };
  signal?.addEventListener('abort', release, { once: true });
  return map;
}

/** Resolves when the map's style and sources have loaded; rejects when `signal` aborts first. */
export function mapLoaded(map: MapLibreMap, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) { reject(abortError()); return; }
    if (map.loaded()) { resolve(); return; }
    const onAbort = () => { map.off('load', onLoad); reject(abortError()); };
    const onLoad = () => { signal?.removeEventListener('abort', onAbort); resolve(); };
    map.once('load', onLoad);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): Error {
  return new DOMException('The map was released before it loaded', 'AbortError');
}

/** Whether an error only says that a map's page went away while it loaded. */
export const isAbort = (e: unknown): boolean => (e as { name?: string } | null)?.name === 'AbortError';
