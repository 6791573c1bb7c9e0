/** Photos of a report: what an upload returns and how a photo is fetched. */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Uuid } from './common.ts';

export const Photo = Type.Object({
  id: Uuid,
  url: Type.String({ description: 'Where the JPEG is fetched (GET, same session).' }),
  width: Type.Integer(),
  height: Type.Integer(),
  createdAt: DateTime,
});
export type Photo = Static<typeof Photo>;

export const PhotoParams = Type.Object({ id: Uuid, photoId: Uuid });

/** The photo's bytes: a byte array on the server, the JPEG itself on the wire. */
export const JpegBytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });
