import { computed, signal } from '@preact/signals';
import { query } from '../../api/client.ts';
import { filters } from '../../state/filters.ts';
import { replaceParams, route } from '../../router.ts';

/**
 * State of the map page only (the shared selection lives in state/filters.ts): which layers are on,
 * how areas are coloured, the hotspot grid, the week the time slider shows, and what was clicked.
 * Layers and options are kept in the URL (layers=…, areaMode=…) next to the filters.
 */
export type LayerId = 'points' | 'heatmap' | 'hotspots' | 'areas';
export const LAYER_IDS: readonly LayerId[] = ['points', 'heatmap', 'hotspots', 'areas'];
export type AreaMode = 'count' | 'change';
export type AreaKind = 'district' | 'deso' | 'area_group' | 'other';

/** Parameters of the URL this page owns (the table link leaves them out). */
export const MAP_PARAMS = ['layers', 'areaMode', 'areaKind', 'cell', 'view'] as const;

export function parseLayers(raw: string | null): LayerId[] {
  if (raw === null) return ['points'];
  return raw.split(',').filter((l): l is LayerId => (LAYER_IDS as readonly string[]).includes(l));
}

const params = route.value.params;
export const layers = signal<LayerId[]>(parseLayers(params.get('layers')));
export const areaMode = signal<AreaMode>(params.get('areaMode') === 'change' ? 'change' : 'count');
export const areaKind = signal<AreaKind>((params.get('areaKind') as AreaKind) || 'district');
/** Side of the hotspot grid cells in metres. */
export const HOTSPOT_CELL_SIZES = [100, 250, 500, 1000] as const;
const cellParam = Number(params.get('cell'));
export const hotspotCell = signal<number>((HOTSPOT_CELL_SIZES as readonly number[]).includes(cellParam) ? cellParam : 250);

/** The week the time slider shows ([from, to) ISO dates), or null for the whole period. */
export const week = signal<{ from: string; to: string } | null>(null);

export function setMapParams(patch: Partial<Record<(typeof MAP_PARAMS)[number], string | undefined>>): void {
  replaceParams({ ...Object.fromEntries(route.value.params), ...patch });
}

export function toggleLayer(id: LayerId, on: boolean): void {
  const next = LAYER_IDS.filter((l) => (l === id ? on : layers.value.includes(l)));
  layers.value = next;
  setMapParams({ layers: next.join(',') || 'none' });
}

/**
 * The filters as API query parameters for the map's own requests: the shared selection, with the
 * period narrowed to one week while the time slider shows one.
 */
export const mapQuery = computed(() => {
  const f = filters.value;
  const w = week.value;
  return query({
    from: w?.from ?? f.from, to: w?.to ?? f.to, categories: f.categories, organisations: f.organisations,
    area: f.area, reviewStatus: f.reviewStatus, q: f.q,
  });
});

/** The same selection for the table page (/tabell): the URL's filter parameters without the map's own. */
export function tableHref(): string {
  const p = new URLSearchParams(route.value.params);
  for (const k of MAP_PARAMS) p.delete(k);
  const q = p.toString();
  return `#/tabell${q ? `?${q}` : ''}`;
}
