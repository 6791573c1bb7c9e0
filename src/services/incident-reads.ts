/**
 * Reading incidents: the list, one incident, its history, duplicate suggestions and the exports.
 * Every one of them is written to the audit log, one entry per request (an export is an allmän
 * handling; a page of the list with its descriptions is as much a read of them as an export).
 */
import type { Actor } from '../core/access/roles.ts';
import { invalid, notFound } from '../core/errors/index.ts';
import type { HistoryEntry, Incident, IncidentFilter, Page } from '../core/incidents/types.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { countIncidents, findDuplicates as findDuplicateIncidents, getIncident, listHistory, listIncidents, listIncidentsAsJson } from '../db/repositories/incidents.ts';
import type { ExportFormat } from '../core/incidents/export-formats.ts';
import { exportChunks } from '../io/export/incidents.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { buildGeoPackage } from '../io/export/gpkg.ts';
import { xlsxChunks } from '../io/export/xlsx.ts';
import { contextLayers, describeSelection, editionLayers, type CommandLineExport } from './export-context.ts';
import { municipalitiesOf } from './scope.ts';
import { auditRead } from './audit-read.ts';

export type IncidentPage = { items: Incident[]; hasMore: boolean };

/** One page of the incidents the actor may see, newest first; the read is logged with its filter and size. */
export async function listIncidentPage(db: Database, actor: Actor, filter: IncidentFilter, page: Page): Promise<IncidentPage> {
  const result = await listIncidents(db, actor, filter, page);
  await auditRead(db, actor, 'incidents.read', { filter, count: result.items.length, after: page.after });
  return result;
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

/**
 * All pages of a selection, 1000 at a time in keyset order (bounded memory for any size): one
 * municipality after another, each newest first. One municipality at a time lets the database read
 * its time index in order, so each page costs its own rows (over several at once it sorts every
 * remaining row of the selection for each page: minutes at 100,000 incidents). The next page is
 * asked for while the caller writes this one.
 */
async function* pagesOf(db: Database, actor: Actor, filter: IncidentFilter) {
  let next: Promise<IncidentPage> | undefined;
  try {
    for (const municipality of municipalitiesOf(actor, filter.municipalities)) {
      const read = (after?: Page['after']) => listIncidentsAsJson(db, actor, { ...filter, municipalities: [municipality] }, { limit: 1000, after });
      next = read();
      for (;;) {
        const page: IncidentPage = await next;
        const last = page.items[page.items.length - 1];
        next = page.hasMore ? read({ occurredFrom: last.occurredFrom, id: last.id }) : undefined;
        yield page.items;
        if (!next) break;
      }
    }
  } finally {
    // A reader that stopped early leaves a page in flight: its failure is nobody's to report.
    next?.catch(() => undefined);
  }
}

export interface ExportOptions {
  /** gpkg: the lägesbild edition whose hotspot cells and zones the file carries. */
  edition?: string;
  /** Run from the command line (`lagesbild export incidents`) rather than by a user of the app. */
  cli?: CommandLineExport;
  /** Told the number of incidents read so far, after each page. */
  progress?: (read: number) => void;
}

export interface IncidentExport {
  /** Incidents in the file: counted before a streamed format is read, as written in a GeoPackage. */
  count: number;
  municipalities: string[];
  chunks: AsyncIterable<string | Uint8Array>;
}

/** A user's own id, or null for the command line's actor (the audit log's user is a user). */
const userIdOf = (a: Actor) => (a.userId === 'system' ? null : a.userId);

/**
 * The whole selection as CSV, CSV for Excel, GeoJSON or XLSX, streamed, or as a GeoPackage, built
 * whole (a SQLite file is written to the end before it can be read). Every export is in the audit
 * log with its format, query and size (an export is an allmän handling) — a streamed one before its
 * first byte, a GeoPackage once built, with each layer's count. With the names of the municipalities
 * it covers, for the file's name.
 */
export async function exportIncidents(db: Database, actor: Actor, filter: IncidentFilter, format: ExportFormat, query: object, options: ExportOptions = {}): Promise<IncidentExport> {
  // Only a GeoPackage has layers for an edition; a CSV asked for with one would silently lack them.
  if (options.edition !== undefined && format !== 'gpkg') throw invalid('format', 'not_allowed_value', { allowed: 'gpkg' });
  const [count, covered] = await Promise.all([countIncidents(db, actor, filter), listMunicipalities(db, municipalitiesOf(actor, filter.municipalities))]);
  const municipalities = covered.map((m) => m.name);
  const pages = async function* () {
    let read = 0;
    for await (const page of pagesOf(db, actor, filter)) {
      read += page.length;
      options.progress?.(read);
      yield page;
    }
  };
  const audit = (details: Record<string, unknown>) => recordAudit(db, {
    municipalityId: actor.municipalityId, userId: userIdOf(actor), action: 'incidents.export',
    details: { format, query, ...(options.cli ? { via: 'cli', operator: options.cli.operator ?? null } : {}), ...details },
  });
  if (format === 'gpkg') {
    const [selection, layers, edition] = await Promise.all([
      describeSelection(db, actor, filter, covered, options.cli),
      contextLayers(db, actor, covered.map((m) => m.id)),
      options.edition ? editionLayers(db, actor, options.edition) : undefined,
    ]);
    const { bytes, counts } = await buildGeoPackage({
      incidents: pages(), ...layers, edition: edition?.layers,
      selection: (written) => ({ ...selection(written), edition: edition?.facts }),
    });
    await audit({ count: counts.handelser, layers: counts, ...(options.edition ? { edition: options.edition } : {}) });
    return { count: counts.handelser, municipalities, chunks: (async function* () { yield bytes; })() };
  }
  if (format === 'xlsx') {
    const selection = await describeSelection(db, actor, filter, covered, options.cli);
    await audit({ count });
    return { count, municipalities, chunks: xlsxChunks(pages(), selection) };
  }
  await audit({ count });
  return { count, municipalities, chunks: exportChunks(format, pages()) };
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

/** Reports the coordinator may want to mark as duplicates of this one (only those the actor may see); logged. */
export async function findDuplicates(db: Database, actor: Actor, id: string): Promise<Incident[]> {
  const incident = await getIncident(db, actor, id);
  if (!incident) throw notFound('incident');
  const found = await findDuplicateIncidents(db, actor, id);
  await auditRead(db, actor, 'incidents.duplicates', { count: found.length, subject: { type: 'incident', id }, municipalityId: incident.municipalityId });
  return found;
}
