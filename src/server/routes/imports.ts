import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DomainError, invalid } from '../../core/errors/index.ts';
import type { Database } from '../../services/database.ts';
import { listImports, listMappings, previewImport, readImport, removeMapping, saveMapping, startImport, undoImport, type ImportInput } from '../../services/incident-import.ts';
import { MAX_IMPORT_BYTES } from '../../io/import/read-source.ts';
import { actor } from '../plugins/auth.ts';
import {
  IdParams, ImportList, ImportListQuery, ImportOptions, ImportPreview, ImportRecord, SavedMapping, SavedMappingBody, SavedMappingList, errors,
} from '../../contract/index.ts';

/**
 * The form of a preview or an import: the file (field `file`) and the options as JSON (field
 * `options`), in either order. A file over the limit is refused before it is read whole.
 */
async function readForm(req: FastifyRequest): Promise<ImportInput & { options: ImportOptions }> {
  if (!req.isMultipart()) throw invalid('file', 'required');
  let file: { name: string; bytes: Buffer } | null = null;
  let optionsText: string | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) throw invalid(part.fieldname, 'unknown_field');
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new DomainError('payload_too_large', [], { limit: MAX_IMPORT_BYTES });
      file = { name: part.filename || 'fil', bytes };
    } else if (part.fieldname === 'options') {
      optionsText = String(part.value);
    } else throw invalid(part.fieldname, 'unknown_field');
  }
  if (!file) throw invalid('file', 'required');
  if (optionsText === null) throw invalid('options', 'required');
  let json: unknown;
  try { json = JSON.parse(optionsText); } catch { throw invalid('options', 'invalid_json'); }
  if (!Value.Check(ImportOptions, json)) {
    const first = Value.Errors(ImportOptions, json).First();
    throw invalid(`options${first?.path.replace(/\//g, '.') ?? ''}`, 'format', { format: first?.message ?? 'ImportOptions' });
  }
  const options = json;
  return {
    options, municipalityId: options.municipalityId, fileName: file.name, bytes: file.bytes, mapping: options.mapping,
    sheet: options.sheet, organisationId: options.organisationId, skipInvalid: options.skipInvalid,
  };
}

export const importRoutes: FastifyPluginAsyncTypebox<{ db: Database; boundaryToleranceM?: number }> = async (app, opts) => {
  const { db, boundaryToleranceM } = opts;
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 1, parts: 2, fieldSize: 1024 * 1024 } });
  const bodyLimit = MAX_IMPORT_BYTES + 2 * 1024 * 1024;

  app.post('/api/imports/preview', {
    bodyLimit,
    schema: {
      tags: ['imports'], consumes: ['multipart/form-data'],
      summary: 'What a file of incidents holds and how it would be imported (fields "file" and "options" as JSON); nothing is stored',
      response: { 200: ImportPreview, ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (req) => previewImport(db, actor(req), await readForm(req), { lang: req.lang, boundaryToleranceM }));

  app.post('/api/imports', {
    bodyLimit,
    schema: {
      tags: ['imports'], consumes: ['multipart/form-data'],
      summary: 'Import a file of incidents: checked whole, then stored in one transaction in the background (202; follow GET /api/imports/{id})',
      response: { 202: ImportRecord, ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const started = await startImport(db, actor(req), await readForm(req), { lang: req.lang, boundaryToleranceM });
    // The outcome is recorded on the import either way; nobody awaits it here.
    started.done.catch((e) => req.log.error(e, 'import failed after its start'));
    return reply.code(202).header('location', `/api/imports/${started.record.id}`).send(started.record);
  });

  app.get('/api/imports', {
    schema: { tags: ['imports'], summary: 'The imports of a municipality, newest first', querystring: ImportListQuery, response: { 200: ImportList, ...errors(401, 403, 422) } },
  }, async (req) => ({ items: await listImports(db, actor(req), req.query.municipalityId, req.lang) }));

  app.get('/api/imports/:id', {
    schema: { tags: ['imports'], summary: 'One import: its progress while it runs, then its outcome', params: IdParams, response: { 200: ImportRecord, ...errors(401, 404, 422) } },
  }, async (req) => readImport(db, actor(req), req.params.id, req.lang));

  app.post('/api/imports/:id/undo', {
    schema: { tags: ['imports'], summary: 'Undo an import as a whole: its incidents are removed (recorded on the import and in the audit log)', params: IdParams, response: { 200: ImportRecord, ...errors(401, 404, 422) } },
  }, async (req) => undoImport(db, actor(req), req.params.id, req.lang));

  app.get('/api/import-mappings', {
    schema: { tags: ['imports'], summary: 'Mappings saved by name', querystring: ImportListQuery, response: { 200: SavedMappingList, ...errors(401, 403, 422) } },
  }, async (req) => ({ items: await listMappings(db, actor(req), req.query.municipalityId) }));

  app.put('/api/import-mappings', {
    schema: { tags: ['imports'], summary: 'Save a mapping under a name (replaces one of the same name)', body: SavedMappingBody, response: { 200: SavedMapping, ...errors(400, 401, 403, 422) } },
  }, async (req) => saveMapping(db, actor(req), req.body));

  app.delete('/api/import-mappings/:id', {
    schema: { tags: ['imports'], summary: 'Delete a saved mapping', params: IdParams, response: { 204: Type.Null(), ...errors(401, 404, 422) } },
  }, async (req, reply) => {
    await removeMapping(db, actor(req), req.params.id);
    return reply.code(204).send(null);
  });
};
