import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import { api } from '../api/client.ts';
import type { MapSettings, Municipality } from '../api/types.ts';
import type { TileStatus } from '../../../src/contract/index.ts';
import { textImageExpression } from './text-images.ts';

/**
 * The background every map draws under its own data, in one of two modes:
 * - `tiles`: raster tiles — OpenStreetMap through the server's proxy by default, or the source an
 *   administrator chose — with the municipality's outline on top;
 * - `offline`: what the app has itself: the municipality filled and outlined, the districts, and the
 *   names of the tätorter (SCB's points, from GET /api/municipalities) as labels.
 * A map starts in `tiles` when tiles are known to be there and falls back to `offline` by itself when
 * they cannot be had (ui/maplibre.ts switches it). Both modes are in every style; a mode only shows
 * and hides layers, so the switch needs no new style and a hidden raster layer fetches nothing.
 */
export type BaseMode = 'tiles' | 'offline';

/** The raster background of a map, when it has one. */
export interface BaseRaster {
  /** Absolute XYZ template. */
  url: string;
  /** HTML for MapLibre's attribution control (escaped text, OSM's with a link to its copyright page). */
  attribution: string;
  maxZoom: number;
  /** Tiles through this server's proxy: ask GET /api/tiles/osm/status before drawing them. */
  viaServer: boolean;
}

/** What a map's base needs: its source of tiles and the municipalities it outlines and labels. */
export interface Base { raster: BaseRaster | null; mode: BaseMode }

export const TILES_SOURCE = 'tiles';
export const TILES_LAYER = 'tiles';
export const BUILT_UP_SOURCE = 'built-up-areas';
export const BUILT_UP_LABELS = 'built-up-labels';

const OSM_COPYRIGHT = 'https://www.openstreetmap.org/copyright';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Accepts only http(s) or same-origin tile templates with {z}, {x} and {y}; anything else is ignored. */
export function validTileUrl(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url) && !url.startsWith('/')) return null;
  return /\{z\}/.test(url) && /\{x\}/.test(url) && /\{y\}/.test(url) ? url : null;
}

/**
 * The raster background the settings ask for, or null for none. `origin` makes the proxy's path
 * absolute (string concatenation: URL() would escape the braces); `osmText` is the catalogue's
 * "© OpenStreetMap contributors" in the user's language.
 */
export function baseRaster(settings: MapSettings | null, env: { origin: string; osmText: string }): BaseRaster | null {
  if (!settings) return null;
  if (settings.source === 'osm') {
    const url = validTileUrl(settings.tileUrl);
    if (!url) return null;
    return {
      url: url.startsWith('/') ? env.origin + url : url,
      attribution: `<a href="${OSM_COPYRIGHT}" target="_blank" rel="noopener">${escapeHtml(env.osmText)}</a>`,
      maxZoom: Math.min(settings.maxZoom, 19),
      viaServer: true,
    };
  }
  if (settings.source === 'custom') {
    const url = validTileUrl(settings.tileUrl);
    if (!url) return null;
    return { url: url.startsWith('/') ? env.origin + url : url, attribution: escapeHtml(settings.attribution ?? ''), maxZoom: settings.maxZoom, viaServer: false };
  }
  return null;
}

/**
 * The mode a new map starts in: tiles through the server only once the server said they can be had
 * (else the map starts offline and switches when it says so); another source's tiles at once (the
 * map falls back when they fail).
 */
export function initialMode(raster: BaseRaster | null, serverTiles: boolean | null): BaseMode {
  if (!raster) return 'offline';
  return raster.viaServer && serverTiles !== true ? 'offline' : 'tiles';
}

/** Per layer, the property a mode sets and its value in each mode. Layers a map does not have are skipped. */
const MODE_PROPS: Array<{ layer: string; kind: 'paint' | 'layout'; prop: string; tiles: unknown; offline: unknown }> = [
  { layer: 'background', kind: 'paint', prop: 'background-color', tiles: '#f2efe9', offline: '#dfe6ea' },
  { layer: TILES_LAYER, kind: 'layout', prop: 'visibility', tiles: 'visible', offline: 'none' },
  { layer: 'municipality-fill', kind: 'paint', prop: 'fill-opacity', tiles: 0, offline: 1 },
  { layer: 'base-areas-fill', kind: 'paint', prop: 'fill-opacity', tiles: 0, offline: 1 },
  // The tiles name the places themselves.
  { layer: BUILT_UP_LABELS, kind: 'layout', prop: 'visibility', tiles: 'none', offline: 'visible' },
];

/** The style's layers as a mode shows them (for building a style). */
export function withMode(layers: LayerSpecification[], mode: BaseMode): LayerSpecification[] {
  return layers.map((l) => {
    const props = MODE_PROPS.filter((p) => p.layer === l.id);
    if (!props.length) return l;
    const out = { ...l } as LayerSpecification & { paint?: Record<string, unknown>; layout?: Record<string, unknown> };
    for (const p of props) out[p.kind] = { ...(out[p.kind] ?? {}), [p.prop]: p[mode] };
    return out as LayerSpecification;
  });
}

/** The part of a MapLibre map that switching modes needs. */
export interface ModeTarget {
  getLayer(id: string): unknown;
  setPaintProperty(layer: string, name: string, value: unknown): unknown;
  setLayoutProperty(layer: string, name: string, value: unknown): unknown;
}

/** Switches a loaded map's base to `mode`. */
export function applyMode(map: ModeTarget, mode: BaseMode): void {
  for (const p of MODE_PROPS) {
    if (!map.getLayer(p.layer)) continue;
    if (p.kind === 'paint') map.setPaintProperty(p.layer, p.prop, p[mode]);
    else map.setLayoutProperty(p.layer, p.prop, p[mode]);
  }
}

/** The tätorter of the municipalities as points (largest first, so they win where labels collide). */
export function builtUpFeatures(municipalities: Municipality[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: municipalities.flatMap((m) => (m.builtUpAreas ?? []).map((b) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [b.lon, b.lat] },
      properties: { name: b.name, population: b.population },
    }))),
  };
}

/**
 * The base's sources: the municipalities (with the boundary's attribution), their tätorter and, when
 * there is one, the raster source. `scbText` names SCB as the source of the boundaries and tätorter.
 */
export function baseSources(municipalities: Municipality[], raster: BaseRaster | null, scbText: string): Record<string, SourceSpecification> {
  const sources: Record<string, SourceSpecification> = {
    municipalities: {
      type: 'geojson', attribution: escapeHtml(scbText),
      data: { type: 'FeatureCollection', features: municipalities.map((m) => ({ type: 'Feature', id: Number(m.id) || undefined, geometry: m.geometry, properties: { id: m.id, name: m.name } })) },
    },
    [BUILT_UP_SOURCE]: { type: 'geojson', data: builtUpFeatures(municipalities) },
  };
  if (raster) sources[TILES_SOURCE] = { type: 'raster', tiles: [raster.url], tileSize: 256, maxzoom: raster.maxZoom, attribution: raster.attribution };
  return sources;
}

/** The bottom of the base: background, raster tiles (when there are any) and the municipality's fill. */
export function baseLayersBelow(raster: BaseRaster | null): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': '#dfe6ea' } },
    ...(raster ? [{ id: TILES_LAYER, type: 'raster', source: TILES_SOURCE, paint: { 'raster-saturation': -0.3 } } as LayerSpecification] : []),
    { id: 'municipality-fill', type: 'fill', source: 'municipalities', paint: { 'fill-color': '#fbfbf7' } },
  ];
}

/**
 * The tätorter's names (offline mode only), the largest placed first. Only the user's municipalities'
 * tätorter are there, a few dozen at most, so they may show from the zoom that frames two or three
 * neighbouring municipalities.
 */
export function builtUpLabelLayer(): LayerSpecification {
  return {
    id: BUILT_UP_LABELS, type: 'symbol', source: BUILT_UP_SOURCE, minzoom: 6,
    layout: {
      'icon-image': textImageExpression('town', 'name') as never,
      'symbol-sort-key': ['-', 0, ['get', 'population']],
      'icon-allow-overlap': false,
      'icon-padding': 4,
    },
  };
}

let status: { at: number; available: boolean | null; pending: Promise<boolean> } | null = null;
/** How long the server's answer is trusted before it is asked again (ms). */
const STATUS_MEMORY_MS = 60_000;

/** What the server last said about its tiles (null: not asked yet, or not answered yet). */
export function serverTilesKnown(): boolean | null {
  return status && Date.now() - status.at < STATUS_MEMORY_MS ? status.available : null;
}

/**
 * Whether the server's tile proxy can deliver tiles now (GET /api/tiles/osm/status), asked at most
 * once a minute. Never rejects: no answer (offline, an error) means no.
 */
export function serverTiles(): Promise<boolean> {
  if (status && Date.now() - status.at < STATUS_MEMORY_MS) return status.pending;
  const entry: { at: number; available: boolean | null; pending: Promise<boolean> } = { at: Date.now(), available: null, pending: Promise.resolve(false) };
  entry.pending = api.get<TileStatus>('/api/tiles/osm/status').then((s) => s.available, () => false).then((ok) => { entry.available = ok; return ok; });
  status = entry;
  return entry.pending;
}

/** A map found the server's tiles failing: the next maps start offline until the server is asked again. */
export function serverTilesFailed(): void {
  status = { at: Date.now(), available: false, pending: Promise.resolve(false) };
}
