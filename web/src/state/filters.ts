import { computed, effect, signal } from '@preact/signals';
import { query } from '../api/client.ts';
import { replaceParams, route } from '../router.ts';
import { municipalityParam } from '../municipality-choice.ts';
import { localDate } from '../../../src/core/situation-picture/period.ts';

/**
 * The selection every lägesbild view shares (map, side panel, table, export): a period and the
 * filters, kept in the URL so a view can be bookmarked and sent to a colleague.
 */
export type PeriodPreset = 'week' | '4weeks' | 'quarter' | 'year' | 'custom';

export interface Filters {
  preset: PeriodPreset;
  /** ISO dates (YYYY-MM-DD), inclusive from, exclusive to. */
  from: string;
  to: string;
  categories: string[];
  organisations: string[];
  area?: string;
  reviewStatus: string[];
  q?: string;
  /** minLon,minLat,maxLon,maxLat: the incidents behind a map cell or cluster (table and export only). */
  bbox?: string;
  /** The id of an import (Administration → Importera): only the incidents it brought in. */
  import?: string;
}

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * [from, to) of a preset ending today (to = tomorrow, so today is included). Today is the Swedish
 * day, as the API reads the dates: at 00:30 in Sweden the UTC date is still yesterday's.
 */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today = new Date()): { from: string; to: string } {
  const to = new Date(Date.parse(`${localDate(today)}T00:00:00Z`) + DAY);
  const days = { week: 7, '4weeks': 28, quarter: 91, year: 365 }[preset];
  return { from: isoDate(new Date(to.getTime() - days * DAY)), to: isoDate(to) };
}

/** The selection a URL's query describes (the period presets computed for today). */
export function fromUrl(params: URLSearchParams): Filters {
  const preset = (params.get('period') as PeriodPreset) || '4weeks';
  const range = preset === 'custom' ? { from: params.get('from') ?? presetRange('4weeks').from, to: params.get('to') ?? presetRange('4weeks').to } : presetRange(preset);
  const list = (k: string) => (params.get(k) ?? '').split(',').filter(Boolean);
  return {
    preset, ...range,
    categories: list('categories'), organisations: list('organisations'),
    area: params.get('area') ?? undefined, reviewStatus: list('reviewStatus'), q: params.get('q') ?? undefined,
    bbox: params.get('bbox') ?? undefined, import: params.get('import') ?? undefined,
  };
}

export const filters = signal<Filters>(fromUrl(route.value.params));

/** Changes some filters; the URL follows. */
export function setFilters(patch: Partial<Filters>): void {
  const next = { ...filters.value, ...patch };
  if (patch.preset && patch.preset !== 'custom') Object.assign(next, presetRange(patch.preset));
  filters.value = next;
  replaceParams({ ...Object.fromEntries(route.value.params), ...paramsOf(next) });
}

/** A selection as the URL's parameters (undefined: left out). */
export function paramsOf(f: Filters): Record<string, string | undefined> {
  return {
    period: f.preset, from: f.preset === 'custom' ? f.from : undefined, to: f.preset === 'custom' ? f.to : undefined,
    categories: f.categories.join(',') || undefined, organisations: f.organisations.join(',') || undefined,
    area: f.area, reviewStatus: f.reviewStatus.join(',') || undefined, q: f.q, bbox: f.bbox, import: f.import,
  };
}

/**
 * Whether a URL's query names another selection than `f`: a link followed within the app (e.g.
 * from an import's result to its incidents) changes the selection even when its period preset is
 * the one in force.
 */
export function urlDiffers(params: URLSearchParams, f: Filters): boolean {
  return Object.entries(paramsOf(f)).some(([k, v]) => (params.get(k) || undefined) !== v);
}

/**
 * The filters as the API's query parameters (same names as GET /api/incidents), with the
 * municipality chosen in the top bar (municipality-choice.ts; none for all of them).
 */
export const filterQuery = computed(() => queryOf(filters.value, municipalityParam.value));

/** A selection as the API's query string (`?…`, or '' for none). */
export function queryOf(f: Filters, municipality: string | undefined): string {
  return query({ municipality, from: f.from, to: f.to, categories: f.categories, organisations: f.organisations, area: f.area, reviewStatus: f.reviewStatus, q: f.q, bbox: f.bbox, import: f.import });
}

// Keep in step when the user navigates back/forward between bookmarked views.
effect(() => {
  const p = route.value.params;
  if (p.has('period') && urlDiffers(p, filters.peek())) filters.value = fromUrl(p);
});
