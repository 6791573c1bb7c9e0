/**
 * Importing incidents from a file, for the web (routes/imports.ts) and the command line
 * (cli/commands/import-incidents.ts) alike: read the file, detect how its columns map, check every
 * row (in the file, then against the database: the municipality's boundary, the organisations, the
 * rows already imported), and store the valid rows in one transaction — all or nothing unless
 * skipInvalid says otherwise. Imported rows obey the rules of reported ones: the same limits, the
 * same personal-data stripping, the same boundary tolerance, the same access rules. An import can
 * be undone as a whole.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, notFound, type FieldIssue } from '../core/errors/index.ts';
import type { Language } from '../core/i18n/errors.ts';
import { DEFAULT_BOUNDARY_TOLERANCE_M, cleanText } from '../core/incidents/rules.ts';
import { redactPersonalData } from '../core/privacy/index.ts';
import type { Detection, ImportCategory, ImportMapping, ImportMessage, ImportRow, RowError, SourceFormat, SourceTable } from '../core/import/types.ts';
import { detect } from '../core/import/detect.ts';
import { toImportRows } from '../core/import/rows.ts';
import { importMessage } from '../core/import/messages.ts';
import { crsName } from '../core/import/crs.ts';
import { ImportFileError, readSource } from '../io/import/read-source.ts';
import type { Database } from '../db/engine.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { listOrganisations } from '../db/repositories/organisations.ts';
import { listMunicipalities, municipalityCentre } from '../db/repositories/municipalities.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { insertHistory } from '../db/repositories/incidents.ts';
import {
  deleteImportIncidents, deleteSavedMapping, existingImportKeys, finishImport, getImport, getSavedMapping, insertImport,
  holdImportLock, insertImportedIncidents, listImports as listImportRows, markImportInterrupted, runningImportsBefore, takeImportLock, listSavedMappings, lockImport, markImportUndone, pointsOutside,
  upsertSavedMapping, type ImportedIncident, type SavedMappingRow, type StoredImport,
} from '../db/repositories/imports.ts';

export interface ImportInput {
  municipalityId: string;
  fileName: string;
  bytes: Uint8Array;
  /** Overrides of what detection finds, part by part. */
  mapping?: Partial<ImportMapping>;
  sheet?: string;
  /** The organisation rows without one of their own are reported by (default: the importer's). */
  organisationId?: string;
  skipInvalid?: boolean;
}

export interface ImportOptions {
  lang?: Language;
  boundaryToleranceM?: number;
  /** Rows stored so far, after each batch. */
  onProgress?: (done: number, total: number) => void;
}

/** An error as the API and the command show it: where, what, and the message in the reader's language. */
export type ShownRowError = RowError & { message: string };

export interface ImportPreview {
  fileName: string;
  format: SourceTable['format'];
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  headers: string[];
  sampleRows: Array<Array<string | null>>;
  rowCount: number;
  mapping: ImportMapping;
  crsSource: Detection['crsSource'];
  crsName: string | null;
  dateFormat: string | null;
  unmappedHeaders: string[];
  categoryValues: Detection['categoryValues'];
  problems: Array<{ code: string; message: string }>;
  notes: Array<{ code: string; message: string }>;
  valid: number;
  alreadyImported: number;
  invalid: number;
  errors: ShownRowError[];
}

export type ImportRecord = Omit<StoredImport, 'errors'> & { rowsDone: number; errors: ShownRowError[] };

const SHOWN_ERRORS = 200;
const BATCH = 1000;
const SAMPLE_ROWS = 20;

/** Rows stored so far by the imports this process runs. */
const progress = new Map<string, number>();

interface Prepared {
  table: SourceTable;
  detection: Detection;
  rows: Array<ImportedIncident & { row: number }>;
  errors: RowError[];
  alreadyImported: number;
}

function fileIssue(e: ImportFileError | ImportMessage, lang: Language): FieldIssue {
  return { field: 'file', code: 'import_problem', params: { message: importMessage(e, lang) } };
}

function authorise(actor: Actor, municipalityId: string): void {
  if (!can(actor, 'incidents.import') || !actor.municipalities.includes(municipalityId)) throw new DomainError('forbidden');
}

/** Free text is about places, never people: the same stripping as a reported incident's. */
function scrub(value: string | null): string | null {
  const text = cleanText(value);
  return text ? redactPersonalData(text).text : text;
}

const sameName = (a: string) => a.normalize('NFC').trim().toLocaleLowerCase('sv');

async function prepare(db: Database, actor: Actor, input: ImportInput, lang: Language, toleranceM: number): Promise<Prepared> {
  authorise(actor, input.municipalityId);
  const [municipality] = await listMunicipalities(db, [input.municipalityId]);
  if (!municipality) throw notFound('municipality');
  let table: SourceTable;
  try {
    table = await readSource(input.bytes, input.fileName, { sheet: input.sheet ?? input.mapping?.sheet });
  } catch (e) {
    if (e instanceof ImportFileError) throw new DomainError('validation_failed', [fileIssue(e, lang)]);
    throw e;
  }
  const tree = (await listCategories(db, [input.municipalityId])).filter((c) => c.municipalityId === input.municipalityId);
  const categoryIds = new Map(tree.map((c) => [c.code, c.id]));
  const categories: ImportCategory[] = tree.map((c) => ({ code: c.code, nameSv: c.nameSv, nameEn: c.nameEn, active: c.active }));
  const detection = detect(table, categories, input.mapping, (await municipalityCentre(db, input.municipalityId)) ?? undefined);
  if (detection.problems.length) return { table, detection, rows: [], errors: [], alreadyImported: 0 };
  const converted = toImportRows(table, detection.mapping, categories, { now: new Date() });
  const errors: RowError[] = [...converted.errors];

  // The organisation a row names must work in the municipality; without one, the default.
  const organisations = (await listOrganisations(db, [input.municipalityId])).filter((o) => o.active && o.municipalities.includes(input.municipalityId));
  const byName = new Map<string, string>();
  for (const o of organisations) for (const n of [o.name, o.shortName]) if (n) byName.set(sameName(n), o.id);
  const defaultOrganisation = input.organisationId ?? actor.organisationId;
  const orgColumn = detection.mapping.columns.organisation ?? null;
  const outside = await pointsOutside(db, input.municipalityId, converted.rows.map((r) => ({ row: r.row, e: r.e, n: r.n })));
  const accepted: Array<ImportRow & { organisationId: string; outsideBoundaryM: number | null }> = [];
  for (const r of converted.rows) {
    const organisationId = r.organisationName ? byName.get(sameName(r.organisationName)) : defaultOrganisation;
    const outsideM = outside.get(r.row);
    let ok = true;
    if (!organisationId || !organisations.some((o) => o.id === organisationId)) {
      errors.push({ row: r.row, column: r.organisationName ? orgColumn : null, value: r.organisationName, code: 'unknown_organisation', params: { municipality: municipality.name } });
      ok = false;
    }
    if (outsideM !== undefined && outsideM > toleranceM) {
      const x = detection.mapping.columns.x ?? null;
      errors.push({ row: r.row, column: x, value: `${Math.round(r.e)}, ${Math.round(r.n)}`, code: 'outside_municipality', params: { municipality: municipality.name, distanceM: Math.round(outsideM) } });
      ok = false;
    }
    if (ok) accepted.push({ ...r, organisationId: organisationId!, outsideBoundaryM: outsideM === undefined ? null : Math.max(1, Math.round(outsideM)) });
  }
  errors.sort((a, b) => a.row - b.row);

  const existing = await existingImportKeys(db, input.municipalityId, accepted.map((r) => r.importKey));
  const fresh = accepted.filter((r) => !existing.has(r.importKey));
  return {
    table, detection, errors, alreadyImported: accepted.length - fresh.length,
    rows: fresh.map((r) => ({
      row: r.row, id: randomUUID(), categoryId: categoryIds.get(r.categoryCode)!, occurredFrom: r.occurredFrom, occurredTo: r.occurredTo,
      e: r.e, n: r.n, placeName: scrub(r.placeName), description: scrub(r.description), organisationId: r.organisationId,
      reportedToPolice: r.reportedToPolice, externalId: r.externalId, importKey: r.importKey, outsideBoundaryM: r.outsideBoundaryM,
    })),
  };
}

const shown = (errors: RowError[], lang: Language, format?: SourceFormat): ShownRowError[] => errors.slice(0, SHOWN_ERRORS).map((e) => ({ ...e, message: importMessage(e, lang, { format }) }));

const asText = (v: SourceTable['rows'][number][number]): string | null => {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/(:00)?\.000Z$/, '');
  return String(v);
};

/** What the file holds, how it would be read, and what importing it would do — nothing is stored. */
export async function previewImport(db: Database, actor: Actor, input: ImportInput, opts: ImportOptions = {}): Promise<ImportPreview> {
  const lang = opts.lang ?? 'sv';
  const p = await prepare(db, actor, input, lang, opts.boundaryToleranceM ?? DEFAULT_BOUNDARY_TOLERANCE_M);
  const { table, detection } = p;
  return {
    fileName: input.fileName, format: table.format, encoding: table.encoding ?? null, delimiter: table.delimiter ?? null,
    sheet: table.sheet ?? null, sheets: table.sheets ?? [], headers: table.headers,
    sampleRows: table.rows.slice(0, SAMPLE_ROWS).map((r) => r.map(asText)), rowCount: table.rows.length,
    mapping: detection.mapping, crsSource: detection.crsSource, crsName: detection.mapping.crs ? crsName(detection.mapping.crs) : null,
    dateFormat: detection.dateFormat, unmappedHeaders: detection.unmappedHeaders, categoryValues: detection.categoryValues,
    problems: detection.problems.map((m) => ({ code: m.code, message: importMessage(m, lang) })),
    notes: (detection.notes ?? []).map((m) => ({ code: m.code, message: importMessage(m, lang) })),
    valid: p.rows.length, alreadyImported: p.alreadyImported, invalid: new Set(p.errors.map((e) => e.row)).size, errors: shown(p.errors, lang, table.format),
  };
}

function record(r: StoredImport, lang: Language): ImportRecord {
  return { ...r, rowsDone: r.status === 'running' ? progress.get(r.id) ?? 0 : r.rowsTotal, errors: shown(r.errors, lang, r.format as SourceFormat) };
}

export interface StartedImport {
  record: ImportRecord;
  /** Settles when the rows are stored (status done) or the import failed (status failed). */
  done: Promise<ImportRecord>;
  /** The rows rejected (with skipInvalid), with their reasons in the reader's language. */
  rejected: ShownRowError[];
  detection: Detection;
  table: SourceTable;
}

/**
 * Checks the whole file, then stores its valid rows in one transaction, in the background: the
 * answer comes at once with the import's record (status running), and `done` when it has ended.
 * Without skipInvalid a single bad row stops the import before anything is stored (422, every
 * error listed by row); a failure while storing leaves no row behind.
 */
export async function startImport(db: Database, actor: Actor, input: ImportInput, opts: ImportOptions = {}): Promise<StartedImport> {
  const lang = opts.lang ?? 'sv';
  const p = await prepare(db, actor, input, lang, opts.boundaryToleranceM ?? DEFAULT_BOUNDARY_TOLERANCE_M);
  if (p.detection.problems.length) throw new DomainError('validation_failed', p.detection.problems.map((m) => fileIssue(m, lang)));
  if (p.errors.length && !input.skipInvalid) {
    throw new DomainError('validation_failed', p.errors.slice(0, 50).map((e) => ({ field: 'file', code: 'import_problem', params: { message: importMessage(e, lang) } })), { invalid: new Set(p.errors.map((e) => e.row)).size });
  }
  const id = randomUUID();
  const userId = actor.userId === 'system' ? null : actor.userId;
  const total = p.rows.length;
  await insertImport(db, { id, municipalityId: input.municipalityId, fileName: input.fileName.slice(0, 255) || 'fil', format: p.table.format, createdBy: userId, mapping: p.detection.mapping, rowsTotal: p.table.rows.length });
  await recordAudit(db, {
    municipalityId: input.municipalityId, userId, action: 'incidents.import', subjectType: 'import', subjectId: id,
    details: { fileName: input.fileName, format: p.table.format, rows: p.table.rows.length, valid: total, alreadyImported: p.alreadyImported, rejected: p.errors.length },
  });
  // Rows that will not be stored (already there, rejected) count as handled from the start, so
  // the progress of rowsTotal reaches the end.
  const handled = p.table.rows.length - total;
  progress.set(id, handled);
  const rejectedRows = new Set(p.errors.map((e) => e.row)).size;
  // The record as started is read before the rows' transaction begins: on PGlite, with one
  // connection, a read after it would wait for the whole import.
  const started = (await getImport(db, [input.municipalityId], id))!;
  const done = (async () => {
    try {
      await db.transaction(async (tx) => {
        await holdImportLock(tx, id);
        let inserted = 0;
        for (let i = 0; i < total; i += BATCH) {
          inserted += await insertImportedIncidents(tx, input.municipalityId, id, userId, p.rows.slice(i, i + BATCH));
          progress.set(id, handled + Math.min(total, i + BATCH));
          opts.onProgress?.(Math.min(total, i + BATCH), total);
        }
        // Rows someone else imported meanwhile were skipped by their key: counted as already there.
        await finishImport(tx, input.municipalityId, id, { status: 'done', rowsImported: inserted, rowsAlreadyImported: p.alreadyImported + total - inserted, rowsRejected: rejectedRows, errors: p.errors.slice(0, SHOWN_ERRORS) });
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await finishImport(db, input.municipalityId, id, { status: 'failed', rowsImported: 0, rowsAlreadyImported: 0, rowsRejected: rejectedRows, errors: [{ row: 0, column: null, value: null, code: 'import_failed', params: { detail: message.slice(0, 500) } }] });
    } finally {
      progress.delete(id);
    }
    return record((await getImport(db, [input.municipalityId], id))!, lang);
  })();
  return { record: record(started, lang), done, rejected: p.errors.map((e) => ({ ...e, message: importMessage(e, lang, { format: p.table.format }) })), detection: p.detection, table: p.table };
}

/**
 * How long after it started an import marked running may still be between its record and its rows'
 * transaction; after that, a free lock means its process is gone.
 */
export const INTERRUPTED_AFTER_MS = 60_000;

/**
 * Marks failed the municipality's imports whose process stopped (a crash, a restart, kill -9) while
 * storing their rows: the rows went with the transaction, but the record would say "running"
 * forever. Imports this process runs are skipped without asking the database.
 */
async function settleInterrupted(db: Database, municipalityId: string, now = new Date()): Promise<void> {
  const stale = await runningImportsBefore(db, municipalityId, new Date(now.getTime() - INTERRUPTED_AFTER_MS));
  for (const id of stale) {
    if (progress.has(id)) continue;
    await db.transaction(async (tx) => {
      if (await takeImportLock(tx, id)) await markImportInterrupted(tx, municipalityId, id);
    });
  }
}

/** The imports of a municipality, newest first. */
export async function listImports(db: Database, actor: Actor, municipalityId: string, lang: Language = 'sv'): Promise<ImportRecord[]> {
  authorise(actor, municipalityId);
  await settleInterrupted(db, municipalityId);
  return (await listImportRows(db, municipalityId)).map((r) => record(r, lang));
}

export async function readImport(db: Database, actor: Actor, id: string, lang: Language = 'sv'): Promise<ImportRecord> {
  let r = await getImport(db, actor.municipalities, id);
  if (!r || !can(actor, 'incidents.import')) throw notFound('import');
  if (r.status === 'running') {
    await settleInterrupted(db, r.municipalityId);
    r = (await getImport(db, [r.municipalityId], id))!;
  }
  return record(r, lang);
}

/**
 * Undoes an import as a whole: its incidents are removed (with their history and photos), reports
 * marked as their duplicates become new again (recorded in their history), and the undo is
 * recorded on the import and in the audit log. An import still running or already undone cannot be.
 */
export async function undoImport(db: Database, actor: Actor, id: string, lang: Language = 'sv'): Promise<ImportRecord> {
  const found = await getImport(db, actor.municipalities, id);
  if (!found || !can(actor, 'incidents.import')) throw notFound('import');
  const m = found.municipalityId;
  const userId = actor.userId === 'system' ? null : actor.userId;
  await db.transaction(async (tx) => {
    const status = await lockImport(tx, m, id);
    if (status !== 'done') throw new DomainError('validation_failed', [{ field: 'status', code: 'invalid_transition', params: { from: status ?? '', to: 'undone' } }]);
    const { removed, reopened } = await deleteImportIncidents(tx, m, id);
    for (const incidentId of reopened) {
      await insertHistory(tx, { municipalityId: m, incidentId, userId, action: 'review', changes: { reviewStatus: { from: 'duplicate', to: 'new' }, duplicateOf: { from: null, to: null } } });
    }
    await markImportUndone(tx, m, id, userId);
    await recordAudit(tx, { municipalityId: m, userId, action: 'incidents.import.undo', subjectType: 'import', subjectId: id, details: { fileName: found.fileName, removed, reopened: reopened.length } });
  });
  return record((await getImport(db, [m], id))!, lang);
}

export async function listMappings(db: Database, actor: Actor, municipalityId: string): Promise<SavedMappingRow[]> {
  authorise(actor, municipalityId);
  return listSavedMappings(db, municipalityId);
}

export async function saveMapping(db: Database, actor: Actor, m: { municipalityId: string; name: string; mapping: ImportMapping }): Promise<SavedMappingRow> {
  authorise(actor, m.municipalityId);
  const name = m.name.trim();
  if (!name) throw new DomainError('validation_failed', [{ field: 'name', code: 'required' }]);
  return upsertSavedMapping(db, { id: randomUUID(), municipalityId: m.municipalityId, name, mapping: m.mapping, userId: actor.userId === 'system' ? null : actor.userId });
}

export async function removeMapping(db: Database, actor: Actor, id: string): Promise<void> {
  const found = await getSavedMapping(db, actor.municipalities, id);
  if (!found || !can(actor, 'incidents.import')) throw notFound('mapping');
  await deleteSavedMapping(db, found.municipalityId, id);
}
