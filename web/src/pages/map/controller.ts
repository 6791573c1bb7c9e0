import type { GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { api } from '../../api/client.ts';
import type { MapAreas, MapGrid, MapHotspots, MapPoints } from '../../api/types.ts';
import { fmt, lang, t, tn } from '../../i18n/index.ts';
import { formatP } from '../../../../src/core/i18n/numbers.ts';
import { LAYER_GROUPS } from './base-style.ts';
import { cellBBox, LatestRequest, parseCellId, urls } from './data.ts';
import type { BBox } from './geometry.ts';
import { AREA_HIT_LAYERS, AREA_LABELS_SOURCE, AREAS_SOURCE, prepareAreas } from './layers/areas.ts';
import { gridToPoints, HEATMAP_HIT_LAYERS, HEATMAP_SOURCE, heatmapCellSize, heatmapRadiusExpression } from './layers/heatmap.ts';
import { HOTSPOT_HIT_LAYERS, HOTSPOT_SOURCE, hotspotBin } from './layers/hotspots.ts';
import { POINT_HIT_LAYERS, POINTS_SOURCE, preparePoints } from './layers/points.ts';
import { announcement, areaKind, areaLegend, areaMode, heatCellSize, hotspotCell, layers, mapBusy, mapQuery, week, type LayerId, type Selection } from './state.ts';
import { weekText } from './time-slider.tsx';
import { weeksOf } from './weeks.ts';
import { filters } from '../../state/filters.ts';

/** Layers whose data depends on the view (bbox, zoom); the others cover the whole municipality. */
const VIEW_DEPENDENT: LayerId[] = ['points', 'heatmap'];
const DEBOUNCE_MS = 250;
const GEOJSON = { accept: 'application/geo+json, application/json' };

/**
 * Keeps the map's data in step with the view and the selection: one request per layer and view
 * change (debounced, the stale one aborted), only for the layers that are on, only aggregates.
 * Marks the container `data-map-state` = loading | idle | error for tests and benchmarks.
 */
export class MapController {
  private readonly requests: Record<LayerId, LatestRequest> = { points: new LatestRequest(), heatmap: new LatestRequest(), hotspots: new LatestRequest(), areas: new LatestRequest() };
  private pending = new Set<LayerId>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private busy = 0;
  private announce = true;
  private lastAreas: MapAreas | null = null;
  private totals: Partial<Record<LayerId, number>> = {};
  private disposed = false;

  /**
   * Resolves when the style and its sources are there. The data is fetched before that (in parallel
   * with the worker parsing the base map) and only put into the sources after it.
   */
  private readonly styleReady: Promise<void>;

  constructor(private readonly map: MapLibreMap, private readonly el: HTMLElement, private readonly onError: (message: string | null) => void) {
    this.styleReady = map.loaded() ? Promise.resolve() : new Promise((resolve) => map.once('load', () => resolve()));
  }

  private setState(s: 'loading' | 'idle' | 'error') { this.el.dataset.mapState = s; }

  private source(id: string): GeoJSONSource | undefined { return this.map.getSource(id) as GeoJSONSource | undefined; }

  private bbox(): BBox {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  /** Loads `kinds` (those that are on) after the debounce; `announce` says the result aloud (not for pans). */
  schedule(kinds: LayerId[], opts: { announce?: boolean; delay?: number } = {}): void {
    if (this.disposed) return;
    kinds.forEach((k) => this.pending.add(k));
    if (opts.announce) this.announce = true;
    clearTimeout(this.timer);
    this.setState('loading');
    this.timer = setTimeout(() => void this.flush(), opts.delay ?? DEBOUNCE_MS);
  }

  onViewChange(): void { this.schedule(VIEW_DEPENDENT); }
  onFiltersChange(): void { this.schedule([...layers.peek()], { announce: true }); }

  /** Shows the layers that are on, hides the rest, and loads what the newly shown ones need. */
  onLayersChange(): void {
    const on = layers.peek();
    for (const [id, styleIds] of Object.entries(LAYER_GROUPS) as Array<[LayerId, string[]]>) {
      for (const s of styleIds) if (this.map.getLayer(s)) this.map.setLayoutProperty(s, 'visibility', on.includes(id) ? 'visible' : 'none');
      if (!on.includes(id)) { this.requests[id].reset(); delete this.totals[id]; }
    }
    this.schedule(on, { announce: true, delay: 0 });
  }

  private async flush(): Promise<void> {
    const on = layers.peek();
    const kinds = [...this.pending].filter((k) => on.includes(k));
    this.pending.clear();
    this.busy++;
    mapBusy.value++;
    let failed: string | null = null;
    try {
      await Promise.all(kinds.map((k) => this.load(k).catch((e: Error) => { failed = e.message; })));
    } finally {
      this.busy--;
      mapBusy.value--;
    }
    if (this.disposed || this.busy > 0 || this.pending.size > 0) return;
    this.onError(failed);
    if (failed) { this.setState('error'); return; }
    if (this.announce) { this.announce = false; this.say(); }
    this.map.once('idle', () => { if (!this.disposed && this.busy === 0 && this.pending.size === 0) this.setState('idle'); });
    this.map.triggerRepaint();
  }

  private say(): void {
    const on = layers.peek();
    const total = on.includes('points') ? this.totals.points : on.includes('heatmap') ? this.totals.heatmap : on.includes('areas') ? this.totals.areas : undefined;
    if (total === undefined) return;
    const w = week.peek();
    const step = w ? weeksOf(filters.peek().from, filters.peek().to).find((s) => s.from === w.from) : undefined;
    announcement.value = step ? tn('map.announceWeek', total, { week: weekText(step) }) : tn('map.announce', total);
  }

  private async load(kind: LayerId): Promise<void> {
    const q = mapQuery.peek();
    const req = this.requests[kind];
    const get = <T>(url: string) => req.run<T>(url, (u, signal) => api.get<T>(u, { signal, headers: GEOJSON }));
    if (kind === 'points') {
      const url = urls.points(q, this.bbox(), this.map.getZoom());
      if (url === req.completed) return;
      const fc = await get<MapPoints>(url);
      if (typeof fc === 'symbol') return;
      await this.styleReady;
      const { data, total } = preparePoints(fc, (n) => fmt.number(n));
      this.totals.points = total;
      this.source(POINTS_SOURCE)?.setData(data);
    } else if (kind === 'heatmap') {
      const lat = this.map.getCenter().lat;
      const size = heatmapCellSize(this.map.getZoom(), lat);
      const url = urls.grid(q, size, this.bbox());
      if (url === req.completed) return;
      const grid = await get<MapGrid>(url);
      if (typeof grid === 'symbol') return;
      await this.styleReady;
      const { data, total } = gridToPoints(grid);
      this.totals.heatmap = total;
      this.map.setPaintProperty('heatmap', 'heatmap-radius', heatmapRadiusExpression(grid.cellSize, lat) as never);
      this.map.setPaintProperty('heatmap-hit', 'circle-radius', heatmapRadiusExpression(grid.cellSize, lat, 0.5) as never);
      this.source(HEATMAP_SOURCE)?.setData(data);
      heatCellSize.value = grid.cellSize;
    } else if (kind === 'hotspots') {
      const url = urls.hotspots(q, hotspotCell.peek());
      if (url === req.completed) return;
      const fc = await get<MapHotspots>(url);
      if (typeof fc === 'symbol') return;
      await this.styleReady;
      this.source(HOTSPOT_SOURCE)?.setData(fc);
    } else if (kind === 'areas') {
      const url = urls.areas(q, areaKind.peek());
      if (url === req.completed) return;
      const fc = await get<MapAreas>(url);
      if (typeof fc === 'symbol') return;
      await this.styleReady;
      this.lastAreas = fc;
      this.totals.areas = fc.features.reduce((s, f) => s + f.properties.count, 0);
      this.redrawAreas();
    }
  }

  /** Colours the last loaded areas for the current mode (no request: the answer has both count and change). */
  redrawAreas(): void {
    if (!this.lastAreas) return;
    const prepared = prepareAreas(this.lastAreas, areaMode.peek(), {
      number: (n) => fmt.number(n),
      signedPercent: (n) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${fmt.number(Math.abs(n))} %`,
      newLabel: t('map.areas.newShort'),
    });
    this.source(AREAS_SOURCE)?.setData(prepared.data);
    this.source(AREA_LABELS_SOURCE)?.setData(prepared.labels);
    areaLegend.value = prepared.classes.map((c) => ({ colour: c.colour, label: t(c.label, c.params) }));
  }

  /** The style layers a click can hit, top first, among those shown. */
  hitLayers(): string[] {
    const on = layers.peek();
    return [
      ...(on.includes('points') ? POINT_HIT_LAYERS : []), ...(on.includes('hotspots') ? HOTSPOT_HIT_LAYERS : []),
      ...(on.includes('heatmap') ? HEATMAP_HIT_LAYERS : []), ...(on.includes('areas') ? AREA_HIT_LAYERS : []),
    ];
  }

  /** What a click on a feature opens in the details panel. */
  selectionOf(f: MapGeoJSONFeature): Selection | null {
    const p = f.properties ?? {};
    const listForCell = (title: string, note?: string): Selection | null => {
      const cell = parseCellId(p.cellId);
      return cell ? { kind: 'list', title, note, bbox: cellBBox(cell), cellId: p.cellId, total: Number(p.count) || undefined } : null;
    };
    if (f.layer.id === 'incidents' && p.id) return { kind: 'incident', id: String(p.id) };
    if (f.layer.id === 'clusters') return listForCell(tn('map.details.cluster', Number(p.count)));
    if (f.layer.id === 'heatmap-hit') {
      const cell = parseCellId(p.cellId);
      return listForCell(tn('map.details.cell', Number(p.count), { size: cell?.size ?? '' }));
    }
    if (f.layer.id === 'hotspots-fill') {
      const z = Number(p.z), pv = Number(p.p);
      return listForCell(tn('map.details.hotspot', Number(p.count) || 0, { label: t(hotspotBin(Number(p.bin)).label) }),
        Number.isFinite(z) && Number.isFinite(pv) ? t('map.details.zscore', { z: fmt.number(z, 2), p: formatP(lang.value, pv) }) : undefined);
    }
    if (f.layer.id === 'areas-fill') {
      const previous = Number(p.previous) || 0, count = Number(p.count) || 0;
      const pc = p.percentChange === null || p.percentChange === undefined || p.percentChange === 'null' ? null : Number(p.percentChange);
      return {
        kind: 'list', title: tn('map.details.area', count, { name: String(p.name) }), area: String(p.id), total: count,
        note: t('map.details.areaChange', { previous: fmt.number(previous), change: pc === null ? (count ? t('map.areas.newShort') : '0') : `${pc > 0 ? '+' : ''}${fmt.number(pc)} %` }),
      };
    }
    return null;
  }

  /** The incidents in the current view, for the keyboard ("list what the map shows"). */
  viewSelection(): Selection {
    return { kind: 'list', title: t('map.details.view'), bbox: this.bbox(), total: layers.peek().includes('points') ? this.totals.points : undefined };
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const r of Object.values(this.requests)) r.reset();
  }
}
