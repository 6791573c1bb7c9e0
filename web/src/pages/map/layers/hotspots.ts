import type { LayerSpecification } from 'maplibre-gl';
import type { MessageKey } from '../../../i18n/index.ts';

/**
 * Statistically significant hotspots (GET /api/map/hotspots): grid cells with their Getis–Ord Gi*
 * confidence bin (−3…3, after a false-discovery-rate correction), coloured with ArcGIS's diverging
 * hot-spot palette. Cells that are not significant are not drawn (they would cover the map). The
 * outline grows with the confidence, so the levels differ by more than colour.
 */
export const HOTSPOT_SOURCE = 'hotspots';
export const HOTSPOT_LAYER_IDS = ['hotspots-fill', 'hotspots-line'] as const;
export const HOTSPOT_HIT_LAYERS = ['hotspots-fill'];

export interface HotspotBin { bin: number; colour: string; outline: string; width: number; label: MessageKey }

/** From hot (3) to cold (−3), as the legend lists them. */
export const HOTSPOT_BINS: HotspotBin[] = [
  { bin: 3, colour: '#d62f27', outline: '#7f0000', width: 2.5, label: 'map.hotspots.hot99' },
  { bin: 2, colour: '#ed7551', outline: '#a33b1c', width: 1.5, label: 'map.hotspots.hot95' },
  { bin: 1, colour: '#fab984', outline: '#b5651d', width: 0.75, label: 'map.hotspots.hot90' },
  { bin: 0, colour: '#ffffbf', outline: '#b3b38a', width: 0, label: 'map.hotspots.none' },
  { bin: -1, colour: '#c0ccbe', outline: '#6b7f69', width: 0.75, label: 'map.hotspots.cold90' },
  { bin: -2, colour: '#849eba', outline: '#3e5a7a', width: 1.5, label: 'map.hotspots.cold95' },
  { bin: -3, colour: '#4575b5', outline: '#1c3966', width: 2.5, label: 'map.hotspots.cold99' },
];

export function hotspotBin(bin: number): HotspotBin {
  return HOTSPOT_BINS.find((b) => b.bin === Math.max(-3, Math.min(3, Math.round(bin)))) ?? HOTSPOT_BINS[3];
}

const match = (key: keyof HotspotBin, fallback: string | number) =>
  ['match', ['get', 'bin'], ...HOTSPOT_BINS.flatMap((b) => [b.bin, b[key]]), fallback];

export function hotspotLayers(): LayerSpecification[] {
  return [
    {
      id: 'hotspots-fill', type: 'fill', source: HOTSPOT_SOURCE, filter: ['!=', ['get', 'bin'], 0],
      paint: { 'fill-color': match('colour', '#ffffbf') as any, 'fill-opacity': 0.78 },
    },
    {
      id: 'hotspots-line', type: 'line', source: HOTSPOT_SOURCE, filter: ['!=', ['get', 'bin'], 0],
      paint: { 'line-color': match('outline', '#666666') as any, 'line-width': match('width', 0) as any },
    },
  ];
}
