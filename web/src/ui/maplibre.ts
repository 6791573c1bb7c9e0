import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapSettings } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { applyMode, baseRaster, initialMode, serverTiles, serverTilesFailed, serverTilesKnown, TILES_SOURCE, type Base, type BaseMode } from './base-map.ts';
import { drawText, parseTextImageId } from './text-images.ts';

/**
 * The one place the app makes MapLibre maps. Every page's map comes from `createMap`, so whichever
 * page is opened first (directly, on a reload, from an e-mailed link) the worker's address is set
 * before any map exists: the worker is a file of its own in the build (same origin, cached by the
 * service worker), not the `/assets/maplibre-gl-worker.mjs` MapLibre would look for by default.
 *
 * A map holds a WebGL context until `remove()`; browsers allow only a few at once. Pages pass an
 * AbortSignal that ends with their component (or the report it shows): the map is removed then,
 * also when it has not finished loading. `remove()` may be called more than once.
 *
 * Every map draws text labels as images (text-images.ts) and, given a `base` (ui/base-map.ts), keeps
 * its background right by itself: it switches to the raster tiles when the server says they can be
 * had, and back to the offline base (boundaries, areas, places, the tätorter's names) when they fail.
 * The container's `data-base-map` says which it shows.
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

/**
 * The base a map of these settings (GET /api/settings/map; null when unreadable) starts with. Asking
 * for it also asks the server, once a minute at most, whether its tiles can be had.
 */
export function mapBase(settings: MapSettings | null): Base {
  const raster = baseRaster(settings, { origin: location.origin, osmText: t('map.base.osm') });
  if (raster?.viaServer) void serverTiles();
  return { raster, mode: initialMode(raster, serverTilesKnown()) };
}

/** The catalogue's name of the boundaries' and tätorter's source, for the base's attribution. */
export const boundaryAttribution = (): string => t('map.base.scb');

/** Waits for the server's answer about its tiles, at most `ms` (then: not known yet). */
export function tilesAnswered(ms: number): Promise<void> {
  return Promise.race([serverTiles().then(() => undefined), new Promise<void>((r) => setTimeout(r, ms))]);
}

export function createMap(options: maplibregl.MapOptions, opts: { signal?: AbortSignal; base?: Base } = {}): MapLibreMap {
  const { signal } = opts;
  if (signal?.aborted) throw abortError();
  const map = new maplibregl.Map(options);
  live.add(map);
  // Labels are drawn on demand as images (no glyph server); MapLibre waits for the resolver.
  const pixelRatio = Math.min(2, window.devicePixelRatio || 1);
  map.setMissingStyleImageResolver((id: string) => {
    const parsed = parseTextImageId(id);
    if (!parsed || map.hasImage(id)) return;
    const img = drawText(parsed.style, parsed.text, pixelRatio);
    map.addImage(id, { width: img.width, height: img.height, data: img.data }, { pixelRatio });
  });
  keepBase(map, opts.base ?? { raster: null, mode: 'offline' });
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

/** Consecutive failed tiles after which a map gives the tiles up. */
const FAILURES_TO_FALL_BACK = 3;

/**
 * Keeps a map's base in the right mode: to tiles when the server says they can be had, to offline
 * when they fail (errors from the raster source: the proxy's quick 503, a network error, another
 * source's refusal). Once offline after failures a map stays so; the next map asks again.
 */
function keepBase(map: MapLibreMap, base: Base): void {
  const container = map.getContainer();
  let mode: BaseMode = base.mode;
  container.dataset.baseMap = mode;
  const raster = base.raster;
  if (!raster) return;
  let styled = false;
  let gaveUp = false;
  const switchTo = (next: BaseMode) => {
    if (next === mode || (next === 'tiles' && gaveUp)) return;
    mode = next;
    container.dataset.baseMap = mode;
    if (styled) applyMode(map, mode);
  };
  map.once('style.load', () => { styled = true; applyMode(map, mode); });
  if (mode === 'offline' && raster.viaServer) {
    void serverTiles().then((ok) => { if (ok && live.has(map)) switchTo('tiles'); });
  }
  let failures = 0;
  map.on('sourcedata', (e) => {
    if (e.sourceId === TILES_SOURCE && e.tile) failures = 0;
  });
  map.on('error', (e) => {
    if ((e as { sourceId?: string }).sourceId !== TILES_SOURCE) {
      if (!/abort/i.test(String(e.error?.message))) console.warn('map:', e.error?.message ?? e.error);
      return;
    }
    if (mode !== 'tiles' || ++failures < FAILURES_TO_FALL_BACK) return;
    gaveUp = true;
    if (raster.viaServer) serverTilesFailed();
    switchTo('offline');
  });
}

function abortError(): Error {
  return new DOMException('The map was released before it loaded', 'AbortError');
}

/** Whether an error only says that a map's page went away while it loaded. */
export const isAbort = (e: unknown): boolean => (e as { name?: string } | null)?.name === 'AbortError';
