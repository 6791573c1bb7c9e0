import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/engine.ts';
import { actionPlanDocumentFile, situationPictureDocument, type RenderedDocument } from '../../services/documents.ts';
import type { IncidentIndexStore } from '../../services/incident-index.ts';
import { actor } from '../plugins/auth.ts';
import { StringEnum, errors } from '../../contract/index.ts';

const binary = { 200: Type.String({ format: 'binary', description: 'The document' }) };

/** RFC 6266: an ASCII fallback name and the real (Swedish) name in UTF-8. */
function attachment(reply: FastifyReply, d: RenderedDocument, inline: boolean): FastifyReply {
  const ascii = d.fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', d.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(d.body);
}

/** The lägesbild edition and the yearly action plan as files. */
export async function documentRoutes(app: FastifyInstance, opts: { db: Database; index: IncidentIndexStore | null }) {
  const { db, index } = opts;
  app.get('/api/situation-pictures/:id/document', {
    schema: {
      tags: ['situation-pictures'], summary: 'The edition as a PDF or a self-contained HTML page (drafts marked UTKAST)',
      params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
      querystring: Type.Object({ format: StringEnum(['pdf', 'html'] as const, { default: 'pdf' }) }, { additionalProperties: false }),
      response: { ...binary, ...errors(401, 403, 404, 422) },
    },
  }, async (req, reply) => {
    const { format } = req.query as { format: 'pdf' | 'html' };
    return attachment(reply, await situationPictureDocument(db, actor(req), (req.params as { id: string }).id, format), format === 'html');
  });
  app.get('/api/action-plans/:year/document', {
    schema: {
      tags: ['action-plans'], summary: 'The yearly "Lägesbild och åtgärdsplan" as PDF or editable DOCX',
      params: Type.Object({ year: Type.String({ maxLength: 6 }) }),
      querystring: Type.Object({ format: StringEnum(['pdf', 'docx'] as const, { default: 'pdf' }) }, { additionalProperties: false }),
      response: { ...binary, ...errors(401, 403, 422) },
    },
  }, async (req, reply) => {
    const { format } = req.query as { format: 'pdf' | 'docx' };
    return attachment(reply, await actionPlanDocumentFile(db, index, actor(req), (req.params as { year: string }).year, format), false);
  });
}
