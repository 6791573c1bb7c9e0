import type { LayerSpecification } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { MapGrid } from '../../../api/types.ts';

/**
 * Heatmap (kernel density) from the server's grid counts (GET /api/map/grid): one weighted point per
 * non-empty SWEREF 99 TM cell, so the browser never holds more than the cells in view. The cell size
 * follows the zoom (about 24 screen pixels a cell) and the kernel radius covers a few cells.
 */
export const HEATMAP_SOURCE = 'heatmap';
export const HEATMAP_LAYER_IDS = ['heatmap', 'heatmap-hit'] as const;
export const HEATMAP_HIT_LAYERS = ['heatmap-hit'];

/** Cell sizes (m) the heatmap asks for. */
export const HEATMAP_CELL_SIZES = [50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];

/** Metres per screen pixel of MapLibre's 512-px Web Mercator tiles at a zoom and latitude. */
export function metresPerPixel(zoom: number, lat: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The cell size for a view: the listed size closest to `targetPx` screen pixels (in log terms). */
export function heatmapCellSize(zoom: number, lat: number, targetPx = 24): number {
  const want = metresPerPixel(zoom, lat) * targetPx;
  return HEATMAP_CELL_SIZES.reduce((best, s) => (Math.abs(Math.log(s / want)) < Math.abs(Math.log(best / want)) ? s : best));
}

/** Kernel radius in px as a zoom expression: `cells` cell sides at every zoom (exponential base 2). */
export function heatmapRadiusExpression(cellSize: number, lat: number, cells = 1.6): unknown[] {
  const r0 = (cellSize * cells) / metresPerPixel(0, lat);
  return ['interpolate', ['exponential', 2], ['zoom'], 0, r0, 22, r0 * 2 ** 22];
}

/** The grid as weighted points: weight = count / the largest count in view (0…1]. */
export function gridToPoints(grid: MapGrid): { data: GeoJSON.FeatureCollection<GeoJSON.Point>; max: number; total: number } {
  const max = grid.cells.reduce((m, c) => Math.max(m, c.count), 0);
  const total = grid.cells.reduce((s, c) => s + c.count, 0);
  return {
    max, total,
    data: {
      type: 'FeatureCollection',
      features: grid.cells.filter((c) => c.count > 0).map((c) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
        properties: { cellId: c.cellId, col: c.col, row: c.row, count: c.count, cellSize: grid.cellSize, weight: max ? c.count / max : 0 },
      })),
    },
  };
}

/** Sequential ramp (ColorBrewer YlOrRd), transparent where there is nothing. */
export const HEATMAP_RAMP: Array<[number, string]> = [
  [0, 'rgba(255,255,178,0)'], [0.15, '#fed976'], [0.35, '#feb24c'], [0.55, '#fd8d3c'], [0.75, '#f03b20'], [1, '#bd0026'],
];

export function heatmapLayers(cellSize = 250, lat = 58): LayerSpecification[] {
  return [
    {
      id: 'heatmap', type: 'heatmap', source: HEATMAP_SOURCE,
      paint: {
        'heatmap-weight': ['get', 'weight'],
        'heatmap-intensity': 1.2,
        'heatmap-radius': heatmapRadiusExpression(cellSize, lat) as any,
        'heatmap-opacity': 0.8,
        'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], ...HEATMAP_RAMP.flat()] as any,
      },
    },
    // Invisible circles over the cells: what a click hits (heatmaps cannot be queried).
    {
      id: 'heatmap-hit', type: 'circle', source: HEATMAP_SOURCE,
      paint: { 'circle-radius': 8, 'circle-opacity': 0, 'circle-stroke-width': 0 },
    },
  ];
}
