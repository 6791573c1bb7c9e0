import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { DomainError, invalid } from '../../core/errors/index.ts';
import type { Database } from '../../services/database.ts';
import { importPoliceEventsUpload, policeEventsStatus, type PollerHere } from '../../services/police-events.ts';
import { actor } from '../plugins/auth.ts';
import { PoliceEventsImport, PoliceEventsImportQuery, PoliceEventsStatus, PoliceEventsStatusQuery, errors } from '../../contract/index.ts';

/** Polisen's files are small (the API gives 500 events, about 200 kB); a county's four years are 3 MB. */
export const POLICE_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** Polisen's events: upload a file, and how current they are with the deployment's poller (coordinator, admin). */
export const policeEventRoutes: FastifyPluginAsyncTypebox<{ db: Database; poller: PollerHere }> = async (app, opts) => {
  const { db } = opts;
  await app.register(multipart, { limits: { fileSize: POLICE_FILE_MAX_BYTES, files: 1, fields: 4, parts: 5 } });

  app.post('/api/police-events/import', {
    bodyLimit: POLICE_FILE_MAX_BYTES + 64 * 1024,
    schema: {
      tags: ['police-events'], consumes: ['multipart/form-data'],
      summary: 'Upload Polisen\'s events (multipart field "file": a JSON array as polisen.se/api/events returns it); split by municipality, all or nothing',
      querystring: PoliceEventsImportQuery, response: { 200: PoliceEventsImport, ...errors(400, 401, 403, 413, 415, 422) },
    },
  }, async (req) => {
    const a = actor(req);
    if (!req.isMultipart()) throw invalid('file', 'required');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw invalid('file', 'required');
    const tooLarge = () => new DomainError('payload_too_large', [], { limit: POLICE_FILE_MAX_BYTES });
    const bytes = await file.toBuffer().catch((e: { code?: string }) => { throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : e; });
    if (file.file.truncated) throw tooLarge();
    return importPoliceEventsUpload(db, a, bytes, file.filename, req.query.municipality);
  });

  app.get('/api/police-events/status', {
    schema: {
      tags: ['police-events'], summary: 'How current the police events are per municipality, and the deployment\'s poller',
      querystring: PoliceEventsStatusQuery, response: { 200: PoliceEventsStatus, ...errors(401, 403, 422) },
    },
  }, async (req) => policeEventsStatus(db, actor(req), opts.poller, req.query.municipality?.split(',')));
};
