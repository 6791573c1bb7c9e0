import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { actionPlanDocumentFile, situationPictureDocument, type RenderedDocument } from '../../services/documents.ts';
import { actor } from '../plugins/auth.ts';
import { ActionPlanDocumentParams, ActionPlanDocumentQuery, DocumentBytes, EditionDocumentParams, EditionDocumentQuery, errors } from '../../contract/index.ts';

/** The headers of a file download; the name after RFC 6266: an ASCII fallback and the real (Swedish) name in UTF-8. */
function fileHeaders(d: RenderedDocument, inline: boolean): Record<string, string> {
  const ascii = d.fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    'content-type': d.contentType,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
    'cache-control': 'private, no-store',
  };
}

/** The lägesbild edition and the yearly action plan as files. */
export const documentRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/situation-pictures/:id/document', {
    schema: {
      tags: ['situation-pictures'], summary: 'The edition as a PDF or a self-contained HTML page (drafts marked UTKAST)',
      params: EditionDocumentParams, querystring: EditionDocumentQuery, response: { 200: DocumentBytes, ...errors(401, 403, 404, 422) },
    },
  }, async (req, reply) => {
    const d = await situationPictureDocument(db, actor(req), req.params.id, req.query.format, req.query.lang ?? req.lang);
    return reply.headers({ ...fileHeaders(d, req.query.format === 'html'), 'content-language': req.query.lang ?? req.lang }).send(d.body);
  });
  app.get('/api/action-plans/:year/document', {
    schema: {
      tags: ['action-plans'], summary: 'The yearly "Lägesbild och åtgärdsplan" as PDF or editable DOCX',
      params: ActionPlanDocumentParams, querystring: ActionPlanDocumentQuery, response: { 200: DocumentBytes, ...errors(401, 403, 422) },
    },
  }, async (req, reply) => {
    const d = await actionPlanDocumentFile(db, actor(req), req.params.year, req.query.format, req.query.municipality, req.query.lang ?? req.lang);
    return reply.headers({ ...fileHeaders(d, false), 'content-language': req.query.lang ?? req.lang }).send(d.body);
  });
};
