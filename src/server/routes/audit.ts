import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import type { Database } from '../../services/database.ts';
import { auditFilterChoices, exportAudit, listAudit, myLogins } from '../../services/audit-view.ts';
import { actor } from '../plugins/auth.ts';
import { attachment } from '../export-filename.ts';
import { localDate } from '../../core/situation-picture/period.ts';
import { AuditCsv, AuditExportQuery, AuditPage, AuditPeople, AuditQuery, MyLogins, errors } from '../../contract/index.ts';

/** The audit view (coordinators, the data-protection officer) and a user's own log-ins. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;

  app.get('/api/audit', {
    schema: {
      tags: ['audit'], summary: 'The audit log of the caller\'s municipalities, newest first, in keyset pages (coordinators and the data-protection officer; the read is logged)',
      querystring: AuditQuery, response: { 200: AuditPage, ...errors(401, 403, 422) },
    },
  }, async (req) => listAudit(db, actor(req), req.query, req.lang));

  app.get('/api/audit/export', {
    schema: {
      tags: ['audit'], summary: 'The selection as CSV for Excel (logged, with its filter and size)',
      querystring: AuditExportQuery, response: { 200: { content: { 'text/csv': { schema: AuditCsv } } }, ...errors(401, 403, 422) },
    },
  }, async (req, reply) => {
    const { count, chunks } = await exportAudit(db, actor(req), req.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(`granskningslogg-${localDate(Date.now())}.csv`))
      .header('x-total-count', String(count))
      .send(Readable.from(chunks));
  });

  app.get('/api/audit/people', {
    schema: {
      tags: ['audit'], summary: 'The users, organisations and actions the audit view filters by',
      response: { 200: AuditPeople, ...errors(401, 403) },
    },
  }, async (req) => auditFilterChoices(db, actor(req), req.lang));

  app.get('/api/me/logins', {
    schema: {
      tags: ['auth'], summary: 'The caller\'s own log-ins and failed log-ins of the last 90 days, newest first, with the address they came from',
      response: { 200: MyLogins, ...errors(401) },
    },
  }, async (req) => myLogins(db, actor(req)));
};
