import type { Database } from '../db/engine.ts';
import { listTileUrls } from '../db/repositories/map-settings.ts';

/**
 * The origins (scheme, host and port) of the tile sources administrators have set in any
 * municipality (Administration → Bakgrundskarta, src/services/map-settings.ts). The maps fetch
 * their tiles from there, so the content security policy must allow them (src/server/plugins/
 * security-headers.ts); OpenStreetMap through the server's own proxy is same-origin and needs none.
 * A URL that is not http(s) is left out: setMapSettings never stores one.
 */
export async function customTileOrigins(db: Database): Promise<string[]> {
  const origins = new Set<string>();
  for (const url of await listTileUrls(db)) {
    try {
      // The template's {z}/{x}/{y} are in the path, which an origin does not name.
      const u = new URL(url.replace(/\{[a-z]\}/g, '0'));
      if (u.protocol === 'https:' || u.protocol === 'http:') origins.add(u.origin);
    } catch { /* not a URL: nothing to allow */ }
  }
  return [...origins].sort();
}
