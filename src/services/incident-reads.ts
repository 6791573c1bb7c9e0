/**
 * Reading incidents: the list, one incident, its history, duplicate suggestions and the exports.
 * Reads of a single report and its history, and every export, are written to the audit log (an
 * export is an allmän handling).
 */
import type { Actor } from '../core/access/roles.ts';
import { notFound } from '../core/errors/index.ts';
import type { HistoryEntry, Incident, IncidentFilter, Page } from '../core/incidents/types.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { countIncidents, findDuplicates as findDuplicateIncidents, getIncident, listHistory, listIncidents } from '../db/repositories/incidents.ts';
import { exportChunks, type ExportFormat } from '../io/export/incidents.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { municipalitiesOf } from './scope.ts';

export type IncidentPage = { items: Incident[]; hasMore: boolean };

/** One page of the incidents the actor may see, newest first. */
export async function listIncidentPage(db: Database, actor: Actor, filter: IncidentFilter, page: Page): Promise<IncidentPage> {
  return listIncidents(db, actor, filter, page);
}

/**
 * The same page for a GIS tool (GeoJSON): an export, logged with the query as asked and the
 * number of incidents it gave.
 */
export async function exportIncidentPage(db: Database, actor: Actor, filter: IncidentFilter, page: Page, query: object): Promise<IncidentPage> {
  const result = await listIncidents(db, actor, filter, page);
  await recordAudit(db, { municipalityId: actor.municipalityId, userId: actor.userId, action: 'incidents.export', details: { format: 'geojson', query, count: result.items.length } });
  return result;
}

/** All pages of a selection, 1000 at a time, in keyset order (bounded memory for any size). */
async function* pagesOf(db: Database, actor: Actor, filter: IncidentFilter) {
  let after: Page['after'];
  for (;;) {
    const page = await listIncidents(db, actor, filter, { limit: 1000, after });
    yield page.items;
    if (!page.hasMore) return;
    const last = page.items[page.items.length - 1];
    after = { occurredFrom: last.occurredFrom, id: last.id };
  }
}

/**
 * The whole selection as CSV, CSV for Excel or GeoJSON, streamed; logged with its size before the
 * first byte. With the names of the municipalities it covers, for the file's name.
 */
export async function exportIncidents(db: Database, actor: Actor, filter: IncidentFilter, format: ExportFormat, query: object): Promise<{ count: number; municipalities: string[]; chunks: AsyncIterable<string> }> {
  const [count, covered] = await Promise.all([countIncidents(db, actor, filter), listMunicipalities(db, municipalitiesOf(actor, filter.municipalities))]);
  await recordAudit(db, { municipalityId: actor.municipalityId, userId: actor.userId, action: 'incidents.export', details: { format, query, count } });
  return { count, municipalities: covered.map((m) => m.name), chunks: exportChunks(format, pagesOf(db, actor, filter)) };
}

/** One incident the actor may see (404 otherwise); the read is logged. */
export async function readIncident(db: Database, actor: Actor, id: string): Promise<Incident> {
  const incident = await getIncident(db, actor, id);
  if (!incident) throw notFound('incident');
  await recordAudit(db, { municipalityId: incident.municipalityId, userId: actor.userId, action: 'incident.read', subjectType: 'incident', subjectId: id });
  return incident;
}

/** Every change to an incident the actor may see, oldest first; the read is logged. */
export async function readIncidentHistory(db: Database, actor: Actor, id: string): Promise<HistoryEntry[]> {
  const incident = await getIncident(db, actor, id);
  if (!incident) throw notFound('incident');
  const history = await listHistory(db, id, [incident.municipalityId]);
  await recordAudit(db, { municipalityId: actor.municipalityId, userId: actor.userId, action: 'incident.history.read', subjectType: 'incident', subjectId: id });
  return history;
}

/** Reports the coordinator may want to mark as duplicates of this one (only those the actor may see). */
export async function findDuplicates(db: Database, actor: Actor, id: string): Promise<Incident[]> {
  if (!(await getIncident(db, actor, id))) throw notFound('incident');
  return findDuplicateIncidents(db, actor, id);
}
