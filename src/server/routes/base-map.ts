import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../../core/errors/index.ts';
import { osmTile, osmTileStatus } from '../../services/base-map.ts';
import type { TileProxy } from '../../node/base-map/tile-proxy.ts';
import { actor } from '../plugins/auth.ts';
import { PngBytes, TileParams, TileStatus, errors } from '../../contract/index.ts';

/**
 * OpenStreetMap's raster tiles through the server (the maps' default background) and whether they
 * can be had now. A tile that cannot be had is a quick 503 with Retry-After, which the maps take as
 * the sign to draw their offline base.
 */
export const baseMapRoutes: FastifyPluginAsyncTypebox<{ tiles: TileProxy | null }> = async (app, opts) => {
  const { tiles } = opts;
  app.get('/api/tiles/osm/status', {
    schema: { tags: ['map'], summary: 'Whether OpenStreetMap\'s tiles can be had now (else the maps draw their offline base)', response: { 200: TileStatus, ...errors(401) } },
  }, async (req, reply) => {
    const status = await osmTileStatus(tiles, actor(req));
    return reply.header('cache-control', 'no-store').send(status);
  });
  app.get('/api/tiles/osm/:z/:x/:y.png', {
    schema: {
      tags: ['map'], summary: 'An OpenStreetMap tile (PNG), cached on the server; z 0–19', params: TileParams,
      response: { 200: { content: { 'image/png': { schema: PngBytes } } }, ...errors(400, 401, 404, 503) },
    },
  }, async (req, reply) => {
    try {
      const tile = await osmTile(tiles, actor(req), req.params);
      return reply.type(tile.contentType).header('cache-control', `private, max-age=${tile.maxAgeS}`).header('x-tile-cache', tile.from).send(tile.bytes);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'unavailable') {
        reply.header('cache-control', 'no-store');
        if (typeof e.params.retryAfter === 'number') reply.header('retry-after', String(e.params.retryAfter));
      }
      throw e;
    }
  });
};
