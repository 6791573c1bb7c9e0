/**
 * Imports of incidents from files (migration 0014): the import records, the rows they bring in,
 * the checks that need the database (the municipality's boundary, keys already imported) and the
 * mappings saved by name. Every query names the municipality (the distribution key).
 */
import type { Queryable } from '../engine.ts';
import type { ImportMapping, RowError } from '../../core/import/types.ts';

export type ImportStatus = 'running' | 'done' | 'failed' | 'undone';

export interface StoredImport {
  id: string;
  municipalityId: string;
  fileName: string;
  format: string;
  status: ImportStatus;
  createdAt: Date;
  createdBy: string | null;
  createdByName: string | null;
  rowsTotal: number;
  rowsImported: number;
  rowsAlreadyImported: number;
  rowsRejected: number;
  incidentCount: number;
  /** The span of the incidents still there (null when none): what the map and the table open on. */
  occurredFrom: Date | null;
  occurredTo: Date | null;
  errors: RowError[];
  undoneAt: Date | null;
  undoneByName: string | null;
}

const SELECT = `SELECT m.id, m.municipality_id AS "municipalityId", m.file_name AS "fileName", m.format, m.status,
    m.created_at AS "createdAt", m.created_by AS "createdBy", cu.name AS "createdByName",
    m.rows_total AS "rowsTotal", m.rows_imported AS "rowsImported", m.rows_already_imported AS "rowsAlreadyImported",
    m.rows_rejected AS "rowsRejected", m.errors, m.undone_at AS "undoneAt", uu.name AS "undoneByName",
    (SELECT count(*)::int FROM incidents i WHERE i.municipality_id = m.municipality_id AND i.import_id = m.id) AS "incidentCount",
    (SELECT min(i.occurred_from) FROM incidents i WHERE i.municipality_id = m.municipality_id AND i.import_id = m.id) AS "occurredFrom",
    (SELECT max(i.occurred_to) FROM incidents i WHERE i.municipality_id = m.municipality_id AND i.import_id = m.id) AS "occurredTo"
  FROM incident_imports m LEFT JOIN users cu ON cu.id = m.created_by LEFT JOIN users uu ON uu.id = m.undone_by`;

export async function insertImport(q: Queryable, r: { id: string; municipalityId: string; fileName: string; format: string; createdBy: string | null; mapping: ImportMapping; rowsTotal: number }): Promise<void> {
  await q.query(
    `INSERT INTO incident_imports (municipality_id, id, file_name, format, created_by, status, mapping, rows_total)
     VALUES ($1, $2, $3, $4, $5, 'running', $6, $7)`,
    [r.municipalityId, r.id, r.fileName, r.format, r.createdBy, JSON.stringify(r.mapping), r.rowsTotal]);
}

/** Records how an import ended. A failed import is recorded after its rows were rolled back. */
export async function finishImport(q: Queryable, municipalityId: string, id: string, r: { status: 'done' | 'failed'; rowsImported: number; rowsAlreadyImported: number; rowsRejected: number; errors: RowError[] }): Promise<void> {
  await q.query(
    `UPDATE incident_imports SET status = $3, rows_imported = $4, rows_already_imported = $5, rows_rejected = $6, errors = $7, finished_at = now()
      WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, r.status, r.rowsImported, r.rowsAlreadyImported, r.rowsRejected, JSON.stringify(r.errors)]);
}

/**
 * The advisory lock an import's rows transaction holds while it runs. PostgreSQL releases it when
 * the transaction ends, and when the process holding it dies, so a free lock on an import still
 * marked running means nobody is storing its rows any more. A lock without a table runs where the
 * session is (the coordinator, on Citus), as the readers' check does.
 */
const IMPORT_LOCK = `hashtextextended('lagesbild.import:' || $1::text, 0)`;

export async function holdImportLock(q: Queryable, id: string): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`, [id]);
}

/** Whether no transaction holds the import's lock; if none does, it is taken until the caller's transaction ends. */
export async function takeImportLock(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query<{ free: boolean }>(`SELECT pg_try_advisory_xact_lock(${IMPORT_LOCK}) AS free`, [id]);
  return r.rows[0].free;
}

/** The municipality's imports marked running that started before `before`. */
export async function runningImportsBefore(q: Queryable, municipalityId: string, before: Date): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT id FROM incident_imports WHERE municipality_id = $1 AND status = 'running' AND created_at < $2`, [municipalityId, before]);
  return r.rows.map((x) => x.id);
}

/** Records that an import's process stopped while its rows were being stored (they were rolled back with it). */
export async function markImportInterrupted(q: Queryable, municipalityId: string, id: string): Promise<void> {
  const errors: RowError[] = [{ row: 0, column: null, value: null, code: 'import_interrupted' }];
  await q.query(
    `UPDATE incident_imports SET status = 'failed', rows_imported = 0, errors = $3, finished_at = now()
      WHERE municipality_id = $1 AND id = $2 AND status = 'running'`,
    [municipalityId, id, JSON.stringify(errors)]);
}

export async function listImports(q: Queryable, municipalityId: string, limit = 100): Promise<StoredImport[]> {
  const r = await q.query<StoredImport>(`${SELECT} WHERE m.municipality_id = $1 ORDER BY m.created_at DESC, m.id LIMIT $2`, [municipalityId, limit]);
  return r.rows;
}

/** An import in one of the municipalities, found first by its key so the read names one municipality (one shard on Citus). */
export async function getImport(q: Queryable, municipalities: string[], id: string): Promise<StoredImport | null> {
  const m = await q.query<{ m: string }>(`SELECT municipality_id AS m FROM incident_imports WHERE id = $1 AND municipality_id = ANY($2::text[]) ORDER BY 1 LIMIT 1`, [id, municipalities]);
  if (!m.rows[0]) return null;
  const r = await q.query<StoredImport>(`${SELECT} WHERE m.municipality_id = $1 AND m.id = $2`, [m.rows[0].m, id]);
  return r.rows[0] ?? null;
}

/** The keys among `keys` that incidents of the municipality already carry. */
export async function existingImportKeys(q: Queryable, municipalityId: string, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 10_000) {
    const r = await q.query<{ k: string }>(
      `SELECT import_key AS k FROM incidents WHERE municipality_id = $1 AND import_key = ANY($2::text[])`, [municipalityId, keys.slice(i, i + 10_000)]);
    for (const x of r.rows) found.add(x.k);
  }
  return found;
}

/**
 * For each point not inside the municipality's boundary, how far outside it lies (metres). Points
 * inside are left out of the answer.
 */
export async function pointsOutside(q: Queryable, municipalityId: string, points: Array<{ row: number; e: number; n: number }>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < points.length; i += 5_000) {
    const r = await q.query<{ row: number; d: number }>(
      `SELECT p.row, ST_Distance(m.geom, ST_SetSRID(ST_MakePoint(p.e, p.n), 3006)) AS d
         FROM json_to_recordset($2::json) AS p(row int, e float8, n float8), municipalities m
        WHERE m.id = $1 AND NOT ST_Intersects(m.geom, ST_SetSRID(ST_MakePoint(p.e, p.n), 3006))`,
      [municipalityId, JSON.stringify(points.slice(i, i + 5_000))]);
    for (const x of r.rows) out.set(x.row, x.d);
  }
  return out;
}

export interface ImportedIncident {
  id: string;
  categoryId: string;
  occurredFrom: Date;
  occurredTo: Date;
  e: number;
  n: number;
  placeName: string | null;
  description: string | null;
  organisationId: string;
  reportedToPolice: boolean | null;
  externalId: string | null;
  importKey: string;
  outsideBoundaryM: number | null;
}

/**
 * Inserts a batch of an import's rows with their 'create' history; a row whose key the
 * municipality already holds (imported meanwhile by someone else) is skipped. Returns how many
 * were inserted.
 */
export async function insertImportedIncidents(q: Queryable, municipalityId: string, importId: string, userId: string | null, rows: ImportedIncident[]): Promise<number> {
  if (!rows.length) return 0;
  const json = JSON.stringify(rows.map((r) => ({
    id: r.id, category_id: r.categoryId, occurred_from: r.occurredFrom.toISOString(), occurred_to: r.occurredTo.toISOString(), e: r.e, n: r.n,
    place_name: r.placeName, description: r.description, organisation_id: r.organisationId, reported_to_police: r.reportedToPolice,
    external_id: r.externalId, import_key: r.importKey, outside_boundary_m: r.outsideBoundaryM,
  })));
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, position_precision, place_name, description,
       organisation_id, reporter_id, reported_to_police, source, outside_boundary_m, import_id, external_id, import_key)
     SELECT r.id, $1, r.category_id, r.occurred_from, r.occurred_to, ST_SetSRID(ST_MakePoint(r.e, r.n), 3006), 'unknown', r.place_name, r.description,
            r.organisation_id, $3, r.reported_to_police, 'import', r.outside_boundary_m, $2, r.external_id, r.import_key
       FROM json_to_recordset($4::json) AS r(id uuid, category_id uuid, occurred_from timestamptz, occurred_to timestamptz, e float8, n float8,
            place_name text, description text, organisation_id uuid, reported_to_police boolean, external_id text, import_key text, outside_boundary_m integer)
     ON CONFLICT (municipality_id, import_key) WHERE import_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [municipalityId, importId, userId, json]);
  if (!inserted.rows.length) return 0;
  await q.query(
    `INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes)
     SELECT $1, x.id, $2, 'create', json_build_object('source', 'import', 'importId', $3::text)::jsonb FROM unnest($4::uuid[]) AS x(id)`,
    [municipalityId, userId, importId, inserted.rows.map((r) => r.id)]);
  return inserted.rows.length;
}

/**
 * Removes an import's incidents (their history and photos go with them). Reports outside the import
 * marked as duplicates of one of them become new again: what they duplicated is gone. Returns how
 * many incidents were removed and which reports were reopened.
 */
export async function deleteImportIncidents(q: Queryable, municipalityId: string, importId: string): Promise<{ removed: number; reopened: string[] }> {
  const reopened = await q.query<{ id: string }>(
    `UPDATE incidents SET review_status = 'new', duplicate_of = NULL, version = version + 1, updated_at = now()
      WHERE municipality_id = $1 AND import_id IS DISTINCT FROM $2 AND review_status = 'duplicate'
        AND duplicate_of IN (SELECT id FROM incidents WHERE municipality_id = $1 AND import_id = $2)
      RETURNING id`, [municipalityId, importId]);
  const removed = await q.query(`DELETE FROM incidents WHERE municipality_id = $1 AND import_id = $2`, [municipalityId, importId]);
  return { removed: removed.affectedRows, reopened: reopened.rows.map((r) => r.id) };
}

export async function markImportUndone(q: Queryable, municipalityId: string, id: string, userId: string | null): Promise<void> {
  await q.query(`UPDATE incident_imports SET status = 'undone', undone_at = now(), undone_by = $3 WHERE municipality_id = $1 AND id = $2`, [municipalityId, id, userId]);
}

/** Locks an import's record for its undo (two undos at once: the second sees it undone). */
export async function lockImport(q: Queryable, municipalityId: string, id: string): Promise<ImportStatus | null> {
  const r = await q.query<{ status: ImportStatus }>(`SELECT status FROM incident_imports WHERE municipality_id = $1 AND id = $2 FOR UPDATE`, [municipalityId, id]);
  return r.rows[0]?.status ?? null;
}

export interface SavedMappingRow {
  id: string;
  municipalityId: string;
  name: string;
  mapping: ImportMapping;
  updatedAt: Date;
}

const MAPPING_SELECT = `SELECT id, municipality_id AS "municipalityId", name, mapping, updated_at AS "updatedAt" FROM import_mappings`;

export async function listSavedMappings(q: Queryable, municipalityId: string): Promise<SavedMappingRow[]> {
  const r = await q.query<SavedMappingRow>(`${MAPPING_SELECT} WHERE municipality_id = $1 ORDER BY lower(name), id`, [municipalityId]);
  return r.rows;
}

/** Saves a mapping under its name, replacing one of the same name. */
export async function upsertSavedMapping(q: Queryable, m: { id: string; municipalityId: string; name: string; mapping: ImportMapping; userId: string | null }): Promise<SavedMappingRow> {
  const r = await q.query<SavedMappingRow>(
    // The time comes in with the row: Citus refuses a non-immutable function in DO UPDATE SET.
    `INSERT INTO import_mappings (municipality_id, id, name, mapping, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (municipality_id, name) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING id, municipality_id AS "municipalityId", name, mapping, updated_at AS "updatedAt"`,
    [m.municipalityId, m.id, m.name, JSON.stringify(m.mapping), m.userId]);
  return r.rows[0];
}

export async function getSavedMapping(q: Queryable, municipalities: string[], id: string): Promise<SavedMappingRow | null> {
  const r = await q.query<SavedMappingRow>(`${MAPPING_SELECT} WHERE municipality_id = ANY($1::text[]) AND id = $2 ORDER BY municipality_id LIMIT 1`, [municipalities, id]);
  return r.rows[0] ?? null;
}

export async function deleteSavedMapping(q: Queryable, municipalityId: string, id: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM import_mappings WHERE municipality_id = $1 AND id = $2`, [municipalityId, id]);
  return r.affectedRows === 1;
}
