import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, invalid } from '../core/errors/index.ts';
import { OSM_MAX_ZOOM } from '../core/geo/tiles.ts';
import { MAP_SOURCES, type MapSettings, type MapSource } from '../core/municipalities/types.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getMapSetting, setMapSetting } from '../db/repositories/map-settings.ts';

/** Where the maps fetch OpenStreetMap's tiles: the server's proxy (src/server/routes/base-map.ts), same origin. */
export const OSM_PROXY_TILE_URL = '/api/tiles/osm/{z}/{x}/{y}.png';

/** What the server knows of itself that the answer depends on. */
export interface MapSettingsContext {
  /** Whether this server runs its OpenStreetMap tile proxy (LAGESBILD_TILE_UPSTREAM is not off). */
  osmProxy: boolean;
}

/**
 * The map's tile source in the actor's home municipality. Until an administrator chooses otherwise
 * it is OpenStreetMap through the server's proxy; every map falls back to the offline base by itself
 * when tiles cannot be had.
 *
 * Settings stored before there were sources have no `source`: a tile URL was a custom source, none
 * was an administrator's explicit choice of the offline map (the then default was never stored).
 */
export async function getMapSettings(db: Database, a: Actor, ctx: MapSettingsContext): Promise<MapSettings> {
  const stored = (await getMapSetting(db, a.municipalityId)) as Partial<MapSettings> | undefined;
  return effective(stored, ctx);
}

function effective(stored: Partial<MapSettings> | undefined, ctx: MapSettingsContext): MapSettings {
  const source: MapSource = stored === undefined ? 'osm'
    : stored.source && (MAP_SOURCES as readonly string[]).includes(stored.source) ? stored.source
    : stored.tileUrl ? 'custom' : 'none';
  const maxZoom = stored?.maxZoom ?? OSM_MAX_ZOOM;
  switch (source) {
    case 'osm': return { source, tileUrl: ctx.osmProxy ? OSM_PROXY_TILE_URL : null, attribution: null, maxZoom: Math.min(maxZoom, OSM_MAX_ZOOM) };
    case 'custom': return { source, tileUrl: stored?.tileUrl ?? null, attribution: stored?.attribution ?? null, maxZoom };
    case 'none': return { source, tileUrl: null, attribution: null, maxZoom };
  }
}

/**
 * Sets the tile source (admin). A custom URL must be an http(s) template with {z}, {x} and {y}, and
 * must name its source (the tile providers' terms require the attribution). Without `source` a tile
 * URL means custom and none the offline map, as the API was before sources.
 */
export async function setMapSettings(db: Database, a: Actor, input: { source?: MapSource; tileUrl?: string | null; attribution?: string | null; maxZoom: number }, ctx: MapSettingsContext): Promise<MapSettings> {
  if (!can(a, 'settings.map')) throw new DomainError('forbidden');
  const tileUrl = input.tileUrl?.trim() || null;
  const attribution = input.attribution?.trim() || null;
  const source: MapSource = input.source ?? (tileUrl ? 'custom' : 'none');
  let setting: MapSettings;
  if (source === 'custom') {
    let ok = false;
    try { ok = tileUrl !== null && ['https:', 'http:'].includes(new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).protocol); } catch { ok = false; }
    if (!tileUrl || !ok || !/\{z\}/.test(tileUrl) || !/\{x\}/.test(tileUrl) || !/\{y\}/.test(tileUrl)) throw invalid('tileUrl', tileUrl ? 'format' : 'required', tileUrl ? { format: 'https://…/{z}/{x}/{y}.png' } : undefined);
    if (!attribution) throw invalid('attribution', 'required');
    setting = { source, tileUrl, attribution, maxZoom: input.maxZoom };
  } else {
    if (source === 'osm' && input.maxZoom > OSM_MAX_ZOOM) throw invalid('maxZoom', 'too_large', { max: OSM_MAX_ZOOM });
    setting = { source, tileUrl: null, attribution: null, maxZoom: input.maxZoom };
  }
  await db.transaction(async (tx) => {
    await setMapSetting(tx, a.municipalityId, setting);
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: a.userId, action: 'settings.map', details: { ...setting } });
  });
  return effective(setting, ctx);
}
