import { signal } from '@preact/signals';
import { api, ApiError } from '../../api/client.ts';
import type { Area, Category, MapSettings, Municipality, Organisation, Place } from '../../api/types.ts';
import { serverTiles } from '../../ui/base-map.ts';

/** What the map page reads once: the base map's geometry and the filters' choices. */
export interface Reference {
  municipalities: Municipality[];
  areas: Area[];
  places: Place[];
  categories: Category[];
  organisations: Organisation[];
  settings: MapSettings | null;
}

export const reference = signal<Reference | null>(null);
export const referenceError = signal<string | null>(null);

let loading: Promise<void> | null = null;

/** How long the reference data waits for the server's word on its tiles before the map starts offline (ms). */
const STATUS_WAIT_MS = 1_500;

export function loadReference(): Promise<void> {
  if (reference.value) return Promise.resolve();
  loading ??= (async () => {
    try {
      const [municipalities, areas, places, categories, organisations, settings] = await Promise.all([
        api.get<Municipality[]>('/api/municipalities'),
        api.get<Area[]>('/api/areas'),
        api.get<Place[]>('/api/places'),
        api.get<Category[]>('/api/categories'),
        api.get<Organisation[]>('/api/organisations'),
        // Optional: the tile source; the map works without it. With the server's tiles, their status
        // too (a moment at most), so that the map starts with the background it keeps.
        api.get<MapSettings>('/api/settings/map').then(async (s) => {
          if (s.source === 'osm' && s.tileUrl) await Promise.race([serverTiles(), new Promise((r) => setTimeout(r, STATUS_WAIT_MS))]);
          return s;
        }, (e) => { if (e instanceof ApiError) return null; throw e; }),
      ]);
      reference.value = { municipalities, areas, places, categories, organisations, settings };
      referenceError.value = null;
    } catch (e) {
      referenceError.value = (e as Error).message;
    } finally {
      loading = null;
    }
  })();
  return loading;
}
