import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { invalid } from '../../core/errors/index.ts';
import type { Database } from '../../services/database.ts';
import { addPhoto, listPhotos, PHOTO_LIMITS, readPhoto } from '../../services/photos.ts';
import { actor } from '../plugins/auth.ts';
import { IdParams, JpegBytes, Photo, PhotoParams, errors } from '../../contract/index.ts';

export const photoRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  await app.register(multipart, { limits: { fileSize: PHOTO_LIMITS.maxBytes, files: 1, fields: 0, parts: 2 } });

  app.post('/api/incidents/:id/photos', {
    bodyLimit: PHOTO_LIMITS.maxBytes + 64 * 1024,
    schema: {
      tags: ['incidents'], summary: 'Attach a photo (multipart field "photo"; resized, EXIF/GPS removed)', consumes: ['multipart/form-data'],
      params: IdParams, response: { 201: Photo, ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    if (!req.isMultipart()) throw invalid('photo', 'required');
    const file = await req.file();
    if (!file || file.fieldname !== 'photo') throw invalid('photo', 'required');
    const buffer = await file.toBuffer();
    if (file.file.truncated) throw invalid('photo', 'too_large', { max: PHOTO_LIMITS.maxBytes });
    return reply.code(201).send(await addPhoto(db, a, req.params.id, buffer));
  });

  app.get('/api/incidents/:id/photos', {
    schema: { tags: ['incidents'], summary: 'Photos of an incident', params: IdParams, response: { 200: Type.Array(Photo), ...errors(401, 404, 422) } },
  }, async (req) => listPhotos(db, actor(req), req.params.id));

  app.get('/api/incidents/:id/photos/:photoId', {
    schema: {
      tags: ['incidents'], summary: 'A photo (JPEG)', params: PhotoParams,
      response: { 200: { content: { 'image/jpeg': { schema: JpegBytes } } }, ...errors(401, 404, 422) },
    },
  }, async (req, reply) => {
    const bytes = await readPhoto(db, actor(req), req.params.id, req.params.photoId);
    return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(bytes);
  });
};
