import type { LayerSpecification } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { MapAreaProperties, MapAreas } from '../../../api/types.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { labelPoint } from '../geometry.ts';
import { textImageExpression } from '../../../ui/text-images.ts';

/**
 * Areas (districts, DeSO, area-group areas) coloured by their number of incidents in the period or by
 * the change against the previous period of the same length (GET /api/map/areas). Each area also
 * carries its name and number as a label, so the map is readable without telling colours apart.
 */
export const AREAS_SOURCE = 'areas';
export const AREA_LABELS_SOURCE = 'area-values';
export const AREA_LAYER_IDS = ['areas-fill', 'areas-line', 'area-values'] as const;
export const AREA_HIT_LAYERS = ['areas-fill'];

/** A class of the legend: its colour and how to say it (key + params). */
export interface AreaClass { colour: string; label: MessageKey; params: Record<string, string | number> }

/** Sequential blues (ColorBrewer Blues, 5 classes). */
export const COUNT_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

/** A "nice" number ≥ x: 1, 2, 2.5, 5 × 10^k. */
export function niceCeil(x: number): number {
  if (x <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return Math.round(m * p);
  return 10 * p;
}

/**
 * Equal-interval classes on nice numbers for counts: breaks [0, s, 2s, 3s, 4s] with s = niceCeil(max / 5);
 * class i holds counts in [breaks[i], breaks[i+1]). Fewer classes when the counts are small.
 */
export function countClasses(max: number): { breaks: number[]; classes: AreaClass[] } {
  const step = niceCeil(Math.max(1, max) / COUNT_COLOURS.length);
  const n = Math.min(COUNT_COLOURS.length, Math.max(1, Math.ceil((max + 1) / step)));
  const breaks = Array.from({ length: n }, (_, i) => i * step);
  const colours = n === 1 ? [COUNT_COLOURS[2]] : COUNT_COLOURS.slice(COUNT_COLOURS.length - n);
  const classes = breaks.map((b, i): AreaClass => (i === n - 1
    ? { colour: colours[i], label: 'map.areas.countFrom', params: { from: b } }
    : { colour: colours[i], label: 'map.areas.countRange', params: { from: b, to: breaks[i + 1] - 1 } }));
  return { breaks, classes };
}

export function countClassOf(count: number, breaks: number[]): number {
  let i = 0;
  while (i + 1 < breaks.length && count >= breaks[i + 1]) i++;
  return i;
}

/** Change against the previous period, in percent; diverging (ColorBrewer RdBu, reversed: red = more). */
export const CHANGE_CLASSES: Array<AreaClass & { id: string }> = [
  { id: 'up50', colour: '#b2182b', label: 'map.areas.up50', params: {} },
  { id: 'up10', colour: '#ef8a62', label: 'map.areas.up10', params: {} },
  { id: 'same', colour: '#f7f7f7', label: 'map.areas.same', params: {} },
  { id: 'down10', colour: '#67a9cf', label: 'map.areas.down10', params: {} },
  { id: 'down50', colour: '#2166ac', label: 'map.areas.down50', params: {} },
  { id: 'new', colour: '#67001f', label: 'map.areas.new', params: {} },
  { id: 'none', colour: '#ffffff', label: 'map.areas.none', params: {} },
];

/** The change class of an area: ±10 % counts as unchanged, ±50 % as a large change. */
export function changeClassOf(a: Pick<MapAreaProperties, 'count' | 'previous' | 'percentChange'>): string {
  if (a.previous === 0) return a.count > 0 ? 'new' : 'none';
  const pc = a.percentChange ?? ((a.count - a.previous) / a.previous) * 100;
  if (pc >= 50) return 'up50';
  if (pc >= 10) return 'up10';
  if (pc > -10) return 'same';
  if (pc > -50) return 'down10';
  return 'down50';
}

/**
 * Colours the areas for a mode and builds their labels ("Brogården\n123" or "Brogården\n+12 %").
 * Returns the features with `fill`, the label points and the legend's classes.
 */
export function prepareAreas(fc: MapAreas, mode: 'count' | 'change', fmt: { number: (n: number) => string; signedPercent: (n: number) => string; newLabel: string }) {
  const max = fc.features.reduce((m, f) => Math.max(m, f.properties.count), 0);
  const counts = countClasses(max);
  const features = fc.features.map((f) => {
    const p = f.properties;
    const fill = mode === 'count'
      ? counts.classes[countClassOf(p.count, counts.breaks)].colour
      : CHANGE_CLASSES.find((c) => c.id === changeClassOf(p))!.colour;
    return { ...f, properties: { ...p, fill } };
  });
  const labels: GeoJSON.Feature<GeoJSON.Point>[] = [];
  for (const f of fc.features) {
    const p = f.properties;
    const at = labelPoint(f.geometry);
    if (!at) continue;
    const value = mode === 'count' ? fmt.number(p.count)
      : p.previous === 0 ? (p.count > 0 ? fmt.newLabel : fmt.number(0))
      : fmt.signedPercent(p.percentChange ?? ((p.count - p.previous) / p.previous) * 100);
    labels.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { id: p.id, label: `${p.name}\n${value}` } });
  }
  const used = new Set(features.map((f) => changeClassOf(f.properties)));
  return {
    data: { type: 'FeatureCollection', features } as GeoJSON.FeatureCollection,
    labels: { type: 'FeatureCollection', features: labels } as GeoJSON.FeatureCollection,
    classes: mode === 'count' ? counts.classes : CHANGE_CLASSES.filter((c) => ['up50', 'up10', 'same', 'down10', 'down50'].includes(c.id) || used.has(c.id)),
  };
}

export function areaLayers(): LayerSpecification[] {
  return [
    { id: 'areas-fill', type: 'fill', source: AREAS_SOURCE, paint: { 'fill-color': ['coalesce', ['get', 'fill'], '#ffffff'], 'fill-opacity': 0.72 } },
    { id: 'areas-line', type: 'line', source: AREAS_SOURCE, paint: { 'line-color': '#1b1f24', 'line-width': 1.2 } },
    {
      id: 'area-values', type: 'symbol', source: AREA_LABELS_SOURCE,
      layout: { 'icon-image': textImageExpression('area', 'label') as any, 'icon-allow-overlap': false, 'icon-padding': 2 },
    },
  ];
}
