import { computed, effect, signal } from '@preact/signals';
import { query } from '../../api/client.ts';
import { filters } from '../../state/filters.ts';
import { municipalityParam } from '../../municipality-choice.ts';
import { replaceParams, route } from '../../router.ts';
import { AREA_KINDS, type AreaKind } from '../../../../src/core/areas/types.ts';

/**
 * State of the map page only (the shared selection lives in state/filters.ts): which layers are on,
 * how areas are coloured, the hotspot grid, the week the time slider shows, and what was clicked.
 * Layers and options are kept in the URL (layers=…, areaMode=…) next to the filters.
 */
export type LayerId = 'points' | 'heatmap' | 'hotspots' | 'areas';
export const LAYER_IDS: readonly LayerId[] = ['points', 'heatmap', 'hotspots', 'areas'];
export type AreaMode = 'count' | 'change';
/** Which areas the area layer counts in (GET /api/map/areas?kind=…). */
export type { AreaKind };

/** Parameters of the URL this page owns (the table link leaves them out). */
export const MAP_PARAMS = ['layers', 'areaMode', 'areaKind', 'cell', 'view'] as const;

export function parseLayers(raw: string | null): LayerId[] {
  if (raw === null) return ['points'];
  return raw.split(',').filter((l): l is LayerId => (LAYER_IDS as readonly string[]).includes(l));
}

/** Side of the hotspot grid cells in metres. */
export const HOTSPOT_CELL_SIZES = [100, 250, 500, 1000] as const;

/** The page's options as the URL gives them (defaults where it says nothing or nonsense). */
export function optionsFromUrl(params: URLSearchParams) {
  const cell = Number(params.get('cell'));
  const kind = params.get('areaKind') as AreaKind;
  return {
    layers: parseLayers(params.get('layers')),
    areaMode: (params.get('areaMode') === 'change' ? 'change' : 'count') as AreaMode,
    areaKind: AREA_KINDS.includes(kind) ? kind : 'district' as AreaKind,
    cell: (HOTSPOT_CELL_SIZES as readonly number[]).includes(cell) ? cell : 250,
  };
}

const initial = optionsFromUrl(route.value.params);
export const layers = signal<LayerId[]>(initial.layers);
export const areaMode = signal<AreaMode>(initial.areaMode);
export const areaKind = signal<AreaKind>(initial.areaKind);
export const hotspotCell = signal<number>(initial.cell);

// Follow the URL when it changes from outside (a bookmark, a pasted link, back/forward).
effect(() => {
  const r = route.value;
  if (r.path !== '/karta') return;
  const o = optionsFromUrl(r.params);
  if (o.layers.join() !== layers.peek().join()) layers.value = o.layers;
  if (o.areaMode !== areaMode.peek()) areaMode.value = o.areaMode;
  if (o.areaKind !== areaKind.peek()) areaKind.value = o.areaKind;
  if (o.cell !== hotspotCell.peek()) hotspotCell.value = o.cell;
});

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
 * The filters as API query parameters for the map's own requests: the shared selection and the chosen
 * municipality, with the period narrowed to one week while the time slider shows one.
 */
export const mapQuery = computed(() => {
  const f = filters.value;
  const w = week.value;
  return query({
    municipality: municipalityParam.value,
    from: w?.from ?? f.from, to: w?.to ?? f.to, categories: f.categories, organisations: f.organisations,
    area: f.area, reviewStatus: f.reviewStatus, q: f.q, import: f.import,
  });
});

/** The same selection for the table page (/tabell): the URL's filter parameters without the map's own. */
export function tableHref(sel?: { bbox?: [number, number, number, number]; area?: string }): string {
  const p = new URLSearchParams(route.value.params);
  for (const k of MAP_PARAMS) p.delete(k);
  // "All of them in the table" for a cell, cluster or area: the table narrows to it.
  if (sel?.bbox) p.set('bbox', sel.bbox.map((v) => Math.round(v * 1e6) / 1e6).join(','));
  else p.delete('bbox');
  if (sel?.area) p.set('area', sel.area);
  const q = p.toString();
  return `#/tabell${q ? `?${q}` : ''}`;
}

/** Requests of the map still running (the time slider waits for them before the next week). */
export const mapBusy = signal(0);
/** The legend's classes of the area layer as last drawn, and the heatmap's current cell size. */
export const areaLegend = signal<Array<{ colour: string; label: string }>>([]);
export const heatCellSize = signal<number | null>(null);
/** A sentence for screen readers after the map has new data. */
export const announcement = signal('');

/** What was clicked: one incident, or the incidents behind a cluster, cell, area or the view. */
export type Selection =
  | { kind: 'incident'; id: string }
  | { kind: 'list'; title: string; note?: string; bbox?: [number, number, number, number]; area?: string; cellId?: string; total?: number };
export const selection = signal<Selection | null>(null);
