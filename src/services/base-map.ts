import type { Actor } from '../core/access/roles.ts';
import { DomainError } from '../core/errors/index.ts';
import { OSM_MAX_ZOOM, parseTileAddress } from '../core/geo/tiles.ts';
import { TileNotFound, TileUnavailable, type TileAnswer, type TileProxy } from '../node/base-map/tile-proxy.ts';

/**
 * OpenStreetMap's raster tiles through the server's proxy (src/node/base-map/tile-proxy.ts), for any
 * signed-in user: the maps of every role draw them. `proxy` is null when the server runs without one
 * (LAGESBILD_TILE_UPSTREAM=off): then there are no tiles and the maps draw their offline base.
 */
export async function osmTile(proxy: TileProxy | null, actor: Actor, raw: { z: string; x: string; y: string }): Promise<TileAnswer> {
  void actor;
  const address = parseTileAddress(raw, OSM_MAX_ZOOM);
  if (!proxy) throw new DomainError('unavailable');
  try {
    return await proxy.tile(address);
  } catch (e) {
    if (e instanceof TileUnavailable) throw new DomainError('unavailable', [], e.retryAfterS === null ? {} : { retryAfter: e.retryAfterS });
    if (e instanceof TileNotFound) throw new DomainError('not_found', [], { what: 'tile' });
    throw e;
  }
}

/** Whether the maps should ask for tiles now (see TileProxy.status). */
export async function osmTileStatus(proxy: TileProxy | null, actor: Actor): Promise<{ available: boolean; retryAfter: number | null }> {
  void actor;
  if (!proxy) return { available: false, retryAfter: null };
  return proxy.status();
}
