/**
 * The audit view (issue 16, item 10): coordinators and the data-protection officer read who read,
 * exported or changed what, within their municipalities, page by page or as a CSV file; every user
 * sees their own log-ins. Reading the log is itself a read of personal data (names, addresses), so
 * it is logged too, once per request.
 */
import { can } from '../core/access/policy.ts';
import type { Actor } from '../core/access/roles.ts';
import { AUDIT_ACTIONS, auditActionLabel } from '../core/audit/actions.ts';
import { parseAuditPeriod } from '../core/audit/period.ts';
import { forbidden, invalid } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { countAudit, listAuditPage, listAuditPeople, listLogins, type AuditRow } from '../db/repositories/audit-view.ts';
import { auditCsvChunks } from '../io/export/audit-csv.ts';
import { auditRead } from './audit-read.ts';

type Language = 'sv' | 'en';

export interface AuditFilters { from?: string; to?: string; userId?: string; organisationId?: string; action?: string }

/** How far back a user's own log-in history reaches. */
export const LOGIN_HISTORY_DAYS = 90;

function authorise(actor: Actor): void {
  if (!can(actor, 'audit.read')) throw forbidden();
}

function query(actor: Actor, f: AuditFilters) {
  const { from, to } = parseAuditPeriod(f.from, f.to);
  return { municipalities: actor.municipalities, from, to, userId: f.userId, organisationId: f.organisationId, action: f.action };
}

/** The filter as asked, for the log (undefined fields drop out of the JSON). */
const asked = (f: AuditFilters) => ({ from: f.from, to: f.to, userId: f.userId, organisationId: f.organisationId, action: f.action });

const withLabel = (r: AuditRow, lang: Language) => ({ ...r, actionLabel: auditActionLabel(r.action, lang) });

/** One page of the log, newest first; nextCursor continues it. */
export async function listAudit(db: Database, actor: Actor, f: AuditFilters & { limit?: number; cursor?: string }, lang: Language) {
  authorise(actor);
  const limit = f.limit ?? 100;
  if (f.cursor !== undefined && !/^[0-9]{1,18}$/.test(f.cursor)) throw invalid('cursor', 'invalid_cursor');
  const beforeId = f.cursor === undefined ? undefined : Number(f.cursor);
  const rows = await listAuditPage(db, { ...query(actor, f), beforeId, limit: limit + 1 });
  const items = rows.slice(0, limit);
  await auditRead(db, actor, 'audit.read', { filter: asked(f), count: items.length, after: beforeId === undefined ? undefined : { id: beforeId } });
  return { items: items.map((r) => withLabel(r, lang)), nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
}

/**
 * The whole selection as CSV for Excel, streamed 1000 entries at a time. The export is logged with
 * its filter and size before its first byte, and the entry of the export is not in its own file.
 */
export async function exportAudit(db: Database, actor: Actor, f: AuditFilters): Promise<{ count: number; chunks: AsyncIterable<string> }> {
  authorise(actor);
  const q = query(actor, f);
  // Counted up to the newest entry when the export began, as the file is written.
  const newest = (await listAuditPage(db, { ...q, limit: 1 }))[0]?.id;
  const count = newest === undefined ? 0 : await countAudit(db, { ...q, beforeId: newest + 1 });
  await auditRead(db, actor, 'audit.export', { filter: asked(f), count, extra: { format: 'excel' } });
  async function* pages() {
    if (newest === undefined) return;
    // Entries written meanwhile (this export's own among them) belong to the next export.
    let beforeId = newest + 1;
    for (;;) {
      const page = await listAuditPage(db, { ...q, beforeId, limit: 1000 });
      if (page.length) yield page;
      if (page.length < 1000) return;
      beforeId = page[page.length - 1].id;
    }
  }
  return { count, chunks: auditCsvChunks(pages()) };
}

/** The users, organisations and actions the view's filters offer. */
export async function auditFilterChoices(db: Database, actor: Actor, lang: Language) {
  authorise(actor);
  const people = await listAuditPeople(db, actor.municipalities);
  const actions = Object.keys(AUDIT_ACTIONS).map((action) => ({ action, label: auditActionLabel(action, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  return { ...people, actions };
}

/** The actor's own log-ins and failed log-ins of the last 90 days, newest first. */
export async function myLogins(db: Database, actor: Actor, now = new Date()) {
  const since = new Date(now.getTime() - LOGIN_HISTORY_DAYS * 86_400_000);
  const rows = await listLogins(db, actor.municipalityId, actor.userId, since);
  return { items: rows.map((r) => ({ at: r.at, outcome: r.action, ip: r.ip })), days: LOGIN_HISTORY_DAYS };
}
