import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, invalid } from '../core/errors/index.ts';
import type { MapSettings } from '../core/municipalities/types.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getMapSetting, setMapSetting } from '../db/repositories/map-settings.ts';

const DEFAULT_MAP_SETTINGS: MapSettings = { tileUrl: null, attribution: null, maxZoom: 18 };

/** The map's tile source in the actor's home municipality; the offline base map until an administrator sets one. */
export async function getMapSettings(db: Database, a: Actor): Promise<MapSettings> {
  const stored = (await getMapSetting(db, a.municipalityId)) as Partial<MapSettings> | undefined;
  return { ...DEFAULT_MAP_SETTINGS, ...stored };
}

/**
 * Sets the tile source (admin). A URL must be an http(s) template with {z}, {x} and {y}, and tiles
 * from elsewhere must name their source (the tile providers' terms require the attribution).
 */
export async function setMapSettings(db: Database, a: Actor, input: MapSettings): Promise<MapSettings> {
  if (!can(a, 'settings.map')) throw new DomainError('forbidden');
  if (input.tileUrl !== null) {
    let ok = false;
    try { ok = ['https:', 'http:'].includes(new URL(input.tileUrl.replace(/\{[a-z]\}/g, '0')).protocol); } catch { ok = false; }
    if (!ok || !/\{z\}/.test(input.tileUrl) || !/\{x\}/.test(input.tileUrl) || !/\{y\}/.test(input.tileUrl)) throw invalid('tileUrl', 'format', { format: 'https://…/{z}/{x}/{y}.png' });
    if (!input.attribution?.trim()) throw invalid('attribution', 'required');
  }
  const setting: MapSettings = { tileUrl: input.tileUrl, attribution: input.attribution, maxZoom: input.maxZoom };
  await db.transaction(async (tx) => {
    await setMapSetting(tx, a.municipalityId, setting);
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: a.userId, action: 'settings.map', details: { ...setting } });
  });
  return setting;
}
