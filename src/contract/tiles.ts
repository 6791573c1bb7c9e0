/** The server's tile proxy: OpenStreetMap's raster tiles, fetched, cached on disk and handed to the maps. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.ts';

/** z/x/y as the URL carries them; the service checks them (a 400 names each bad segment). */
export const TileParams = Type.Object({
  z: Type.String({ description: 'Zoom, 0–19' }),
  x: Type.String({ description: 'Column, 0 … 2^z − 1' }),
  y: Type.String({ description: 'Row, 0 … 2^z − 1' }),
});
export type TileParams = Static<typeof TileParams>;

/** A tile's bytes: a byte array on the server, the PNG itself on the wire. */
export const PngBytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });

export const TileStatus = Type.Object({
  available: Type.Boolean({ description: 'Whether tiles can be had now: the upstream answered lately, or a probe just now did. False: draw the offline base map.' }),
  retryAfter: Nullable(Type.Integer({ minimum: 0 }), { description: 'Seconds until the proxy asks its upstream again after a failure; null when available or when the proxy is turned off.' }),
}, { additionalProperties: false });
export type TileStatus = Static<typeof TileStatus>;
