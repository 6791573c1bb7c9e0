import type { Actor } from '../../core/access/roles.ts';
import { visibleIncidents } from '../access.ts';
import type { Database, Queryable } from '../engine.ts';
import { historyChanges } from '../../core/incidents/history.ts';
import { Params } from '../sql.ts';
import { inCellsOf } from '../cell-time.ts';
import { viewExtent } from '../../core/incidents/view-cells.ts';
import type { Incident, IncidentRecord, HistoryEntry, IncidentFilter, Page } from '../../core/incidents/types.ts';

/** The incident's own columns, as a SELECT from `incidents i` or an insert's RETURNING give them. */
const OWN_COLUMNS = `i.id, i.municipality_id AS "municipalityId", i.category_id AS "categoryId",
  i.occurred_from AS "occurredFrom", i.occurred_to AS "occurredTo", i.reported_at AS "reportedAt",
  ST_X(i.geom) AS e, ST_Y(i.geom) AS n, ST_X(ST_Transform(i.geom, 4326)) AS lon, ST_Y(ST_Transform(i.geom, 4326)) AS lat,
  i.position_precision AS "positionPrecision", i.precision_m AS "precisionM", i.place_id AS "placeId",
  i.place_name AS "placeName", i.description, i.organisation_id AS "organisationId",
  i.reporter_id AS "reporterId", i.reported_to_police AS "reportedToPolice", i.assessment, i.source,
  i.review_status AS "reviewStatus", i.duplicate_of AS "duplicateOf", i.visibility, i.outside_boundary_m AS "outsideBoundaryM", i.version,
  i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.external_id AS "externalId", i.import_id AS "importId"`;
/** What an incident takes from its category, organisation, import and Open311 request. */
const JOINED_COLUMNS = `c.code AS "categoryCode", c.name_sv AS "categoryNameSv", c.name_en AS "categoryNameEn", c.colour AS "categoryColour",
  o.name AS "organisationName", im.file_name AS "importFileName", iu.name AS "importedByName",
  ok.name AS "sourceSystem", orq.media_url AS "sourceMediaUrl"`;
const COLUMNS = `${OWN_COLUMNS}, ${JOINED_COLUMNS}`;
const SELECT = `SELECT ${COLUMNS}
  FROM incidents i JOIN categories c ON c.id = i.category_id JOIN organisations o ON o.id = i.organisation_id
  LEFT JOIN incident_imports im ON im.municipality_id = i.municipality_id AND im.id = i.import_id
  LEFT JOIN users iu ON iu.id = im.created_by
  LEFT JOIN open311_requests orq ON orq.municipality_id = i.municipality_id AND orq.incident_id = i.id
  LEFT JOIN open311_keys ok ON ok.municipality_id = orq.municipality_id AND ok.id = orq.key_id`;

type Row = Omit<Incident, 'location'> & { e: number; n: number; lon: number; lat: number };
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
function toIncident(r: Row): Incident {
  const { e, n, lon, lat, ...rest } = r;
  return { ...rest, location: { lon: round(lon, 7), lat: round(lat, 7), e: round(e, 2), n: round(n, 2) } };
}

/**
 * Inserts unless a row with this id exists in the municipality. Returns true when inserted, false
 * when the id was already taken there (a retry of the same report, or a clash the caller must
 * handle). An id is unique within its municipality (the key a distributed database can enforce).
 */
const INSERT_INCIDENT = `INSERT INTO incidents AS i (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom,
       position_precision, precision_m, place_id, place_name, description, organisation_id, reporter_id,
       reported_to_police, assessment, source, review_status, duplicate_of, visibility, outside_boundary_m)
     VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 3006), $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     ON CONFLICT (municipality_id, id) DO NOTHING`;
const incidentValues = (r: IncidentRecord) => [r.id, r.municipalityId, r.categoryId, r.occurredFrom, r.occurredTo, r.reportedAt, r.e, r.n,
  r.positionPrecision, r.precisionM, r.placeId, r.placeName, r.description, r.organisationId, r.reporterId, r.reportedToPolice,
  r.assessment, r.source, r.reviewStatus, r.duplicateOf, r.visibility, r.outsideBoundaryM];

export async function insertIncident(q: Queryable, r: IncidentRecord): Promise<boolean> {
  const res = await q.query(INSERT_INCIDENT, incidentValues(r));
  return res.affectedRows === 1;
}

/** A report stored now has no import and no Open311 request yet: what they would give is null. */
const NOT_YET_JOINED = `CROSS JOIN (SELECT NULL::text AS file_name) im CROSS JOIN (SELECT NULL::text AS name) iu
  CROSS JOIN (SELECT NULL::text AS media_url) orq CROSS JOIN (SELECT NULL::text AS name) ok`;

/**
 * insertIncident and its `create` history entry, both stored or neither, answering the stored
 * incident as getIncident reads it. Null, storing nothing, when the id is already taken in the
 * municipality.
 *
 * A report from the field is the app's most frequent write. On PostgreSQL and PGlite it is one
 * statement, without a transaction around it, in one round trip: planning getIncident's joins took
 * longer than the insert. On Citus that statement runs as subplans passed through the coordinator
 * (the insert's rows fetched back, the history copied in, the joins done there), and a transaction
 * of three statements, each sent straight to the worker or read from the reference tables, costs
 * far less there (bench/README.md: 2.4 times the inserts a second under pgbench, 148 → 208 reports
 * a second from 50 clients).
 */
export async function insertIncidentCreated(db: Database, r: IncidentRecord, userId: string | null, changes: HistoryEntry['changes']): Promise<Incident | null> {
  if (!db.distributed) {
    const res = await db.query<Row>(
      `WITH created AS (${INSERT_INCIDENT} RETURNING *),
         logged AS (INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes)
                    SELECT municipality_id, id, $23, 'create', $24 FROM created)
       SELECT ${COLUMNS}
         FROM created i JOIN categories c ON c.id = i.category_id JOIN organisations o ON o.id = i.organisation_id ${NOT_YET_JOINED}`,
      [...incidentValues(r), userId, JSON.stringify(changes)], { prepared: true });
    return res.rows[0] ? toIncident(res.rows[0]) : null;
  }
  return db.transaction(async (tx) => {
    const created = await tx.query<Row>(`${INSERT_INCIDENT} RETURNING ${OWN_COLUMNS}`, incidentValues(r), { prepared: true });
    if (!created.rows[0]) return null;
    await insertHistory(tx, { municipalityId: r.municipalityId, incidentId: r.id, userId, action: 'create', changes });
    const joined = await tx.query<Row>(`SELECT ${JOINED_COLUMNS} FROM categories c CROSS JOIN organisations o ${NOT_YET_JOINED} WHERE c.id = $1 AND o.id = $2`,
      [r.categoryId, r.organisationId], { prepared: true });
    return toIncident({ ...created.rows[0], ...joined.rows[0] });
  });
}

/** The incident if the actor may see it, else null (the caller answers 404 either way). */
export async function getIncident(q: Queryable, actor: Actor, id: string): Promise<Incident | null> {
  const p = new Params();
  const r = await q.query<Row>(`${SELECT} WHERE i.id = ${p.add(id)} AND ${visibleIncidents(actor, p)}`, p.values, { prepared: true });
  return r.rows[0] ? toIncident(r.rows[0]) : null;
}

/**
 * The raw record in the actor's municipalities regardless of the other access rules: only for
 * idempotency and integrity checks, never returned as is.
 */
export async function getIncidentRecord(q: Queryable, id: string, municipalities: string[], forUpdate = false): Promise<(IncidentRecord & { version: number }) | null> {
  // Locked by its whole key (see municipalityOfRow).
  const locked = forUpdate ? await municipalityOfRow(q, 'incidents', id, municipalities) : null;
  if (forUpdate && !locked) return null;
  const r = await q.query<IncidentRecord & { version: number }>(
    `SELECT id, municipality_id AS "municipalityId", category_id AS "categoryId", occurred_from AS "occurredFrom",
       occurred_to AS "occurredTo", reported_at AS "reportedAt", ST_X(geom) AS e, ST_Y(geom) AS n,
       position_precision AS "positionPrecision", precision_m AS "precisionM", place_id AS "placeId",
       place_name AS "placeName", description, organisation_id AS "organisationId", reporter_id AS "reporterId",
       reported_to_police AS "reportedToPolice", assessment, source, review_status AS "reviewStatus",
       duplicate_of AS "duplicateOf", visibility, outside_boundary_m AS "outsideBoundaryM", version
     FROM incidents WHERE id = $1 AND ${locked ? 'municipality_id = $2 FOR UPDATE' : 'municipality_id = ANY($2::text[])'}`, [id, locked ?? municipalities]);
  return r.rows[0] ?? null;
}

/**
 * The municipality (of those given) of the row with this id in a municipal table. A row is locked
 * (FOR UPDATE) by its whole key: a distributed database locks rows only in a query that names one
 * municipality, so the lock is taken after this read.
 */
export async function municipalityOfRow(q: Queryable, table: 'incidents' | 'situation_pictures', id: string, municipalities: string[]): Promise<string | null> {
  const r = await q.query<{ m: string }>(`SELECT municipality_id AS m FROM ${table} WHERE id = $1 AND municipality_id = ANY($2::text[]) ORDER BY 1 LIMIT 1`, [id, municipalities]);
  return r.rows[0]?.m ?? null;
}

const UPDATABLE: Record<string, string> = {
  categoryId: 'category_id', occurredFrom: 'occurred_from', occurredTo: 'occurred_to', positionPrecision: 'position_precision',
  precisionM: 'precision_m', placeId: 'place_id', placeName: 'place_name', description: 'description',
  reportedToPolice: 'reported_to_police', assessment: 'assessment', reviewStatus: 'review_status',
  duplicateOf: 'duplicate_of', visibility: 'visibility', outsideBoundaryM: 'outside_boundary_m',
};

/** Writes changed columns and bumps the version; `e`/`n` move the point. */
export async function updateIncidentRecord(q: Queryable, id: string, municipalityId: string, changes: Partial<IncidentRecord>): Promise<void> {
  const p = new Params();
  const sets: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (key in UPDATABLE) sets.push(`${UPDATABLE[key]} = ${p.add(value)}`);
  }
  if (changes.e !== undefined && changes.n !== undefined) sets.push(`geom = ST_SetSRID(ST_MakePoint(${p.add(changes.e)}, ${p.add(changes.n)}), 3006)`);
  sets.push('version = version + 1', 'updated_at = now()');
  await q.query(`UPDATE incidents SET ${sets.join(', ')} WHERE id = ${p.add(id)} AND municipality_id = ${p.add(municipalityId)}`, p.values);
}

export async function insertHistory(q: Queryable, h: { municipalityId: string; incidentId: string; userId: string | null; action: HistoryEntry['action']; changes: HistoryEntry['changes'] }): Promise<void> {
  await q.query(
    `INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes) VALUES ($1, $2, $3, $4, $5)`,
    [h.municipalityId, h.incidentId, h.userId, h.action, JSON.stringify(h.changes)], { prepared: true });
}

export async function listHistory(q: Queryable, incidentId: string, municipalities: string[]): Promise<HistoryEntry[]> {
  const r = await q.query<HistoryEntry>(
    `SELECT h.id, h.changed_at AS "changedAt", h.user_id AS "userId", u.name AS "userName", h.action, h.changes
       FROM incident_history h LEFT JOIN users u ON u.id = h.user_id
      WHERE h.incident_id = $1 AND h.municipality_id = ANY($2::text[]) ORDER BY h.id`, [incidentId, municipalities]);
  return r.rows.map((h) => ({ ...h, changes: historyChanges(h.changes) }));
}

/**
 * Likely duplicates of an incident that the actor may see: the same category in the same
 * municipality, within 50 m and 24 h, not rejected; the closest in time first, at most 20.
 */
export async function findDuplicates(q: Queryable, actor: Actor, id: string): Promise<Incident[]> {
  const p = new Params();
  const r = await q.query<Row>(
    `${SELECT}, incidents x
      WHERE x.id = ${p.add(id)} AND x.municipality_id = ANY(${p.add(actor.municipalities)}::text[]) AND i.id <> x.id
        AND i.municipality_id = x.municipality_id AND i.category_id = x.category_id
        AND i.review_status <> 'rejected' AND ST_DWithin(i.geom, x.geom, 50)
        AND i.occurred_from < x.occurred_to + interval '24 hours' AND i.occurred_to > x.occurred_from - interval '24 hours'
        AND ${visibleIncidents(actor, p)}
      ORDER BY abs(extract(epoch FROM i.occurred_from - x.occurred_from)), i.id LIMIT 20`, p.values);
  return r.rows.map(toIncident);
}

const RESOLVED = Symbol('resolved filter');

/**
 * A filter with its categories resolved (resolveFilter): what incidentWhere takes. `categoryIds`
 * with each one's municipality in `categoryMunicipalities` (the same order).
 */
export type ResolvedFilter = IncidentFilter & { readonly [RESOLVED]: IncidentFilter['categories']; categoryIds?: string[]; categoryMunicipalities?: string[] };

/**
 * The filter with its categories resolved to every category id they stand for: a category stands
 * for its code in every municipality (each has its own tree) and includes its subcategories. Read
 * on its own, before the query on incidents: the tree needs a recursive query, which Citus runs on
 * the category table alone but not inside a query over every shard of incidents.
 */
export async function resolveFilter(q: Queryable, f: IncidentFilter): Promise<ResolvedFilter> {
  if (isResolved(f)) return f;
  if (!f.categories?.length) return { ...f, [RESOLVED]: f.categories };
  const r = await q.query<{ id: string; m: string }>(
    `WITH RECURSIVE sub(id, m) AS (SELECT id, municipality_id FROM categories WHERE code IN (SELECT code FROM categories WHERE id = ANY($1::uuid[]))
       UNION SELECT c.id, c.municipality_id FROM categories c JOIN sub ON c.parent_id = sub.id) SELECT id, m FROM sub ORDER BY id`, [f.categories]);
  return { ...f, categoryIds: r.rows.map((x) => x.id), categoryMunicipalities: r.rows.map((x) => x.m), [RESOLVED]: f.categories };
}

/**
 * Whether the filter was resolved for the categories it names now: a request's aggregate source
 * resolves once (a statement each on Citus' coordinator), and a copy with other categories is not.
 */
const isResolved = (f: IncidentFilter): f is ResolvedFilter => RESOLVED in f && (f as ResolvedFilter)[RESOLVED] === f.categories;

/**
 * The one municipality a filter reads, which keyWhere names as an equality, or null. The planner
 * then reads the time index (municipality, occurred_from, id) in order and a keyset page costs its
 * own rows (with = ANY it sorts every remaining row per page), and Citus routes the statement to
 * that municipality's shard, where alone it takes a lateral join (rollupGridCells' members). The
 * municipalities named outside the actor's reach count for nothing (visibleIncidents keeps those
 * out); without any named, the actor's own.
 */
export function soleMunicipality(actor: Actor, f: IncidentFilter): string | null {
  const read = f.municipalities?.length ? actor.municipalities.filter((m) => f.municipalities!.includes(m)) : actor.municipalities;
  return read.length === 1 ? read[0] : null;
}

/**
 * The access rules and the filters on columns that the rollup tables (migration 0012) carry under
 * the same names as incidents (alias t): municipality, category, organisation, review status and
 * visibility. incidentWhere and the rollup queries both start from these, so they cannot disagree.
 */
export function keyWhere(actor: Actor, f: ResolvedFilter, p: Params, t: string): string[] {
  // One municipality read: the access rule for it alone, an equality (inActorMunicipalities).
  const one = soleMunicipality(actor, f);
  const w = [visibleIncidents(one ? { ...actor, municipalities: [one] } : actor, p, t)];
  if (!one && f.municipalities?.length) w.push(`${t}.municipality_id = ANY(${p.add(f.municipalities)}::text[])`);
  if (f.categoryIds) w.push(`${t}.category_id = ANY(${p.add(categoriesOf(f, f.municipalities?.length ? f.municipalities : actor.municipalities))}::uuid[])`);
  if (f.organisations?.length) w.push(`${t}.organisation_id = ANY(${p.add(f.organisations)}::uuid[])`);
  if (f.reviewStatus?.length) w.push(`${t}.review_status = ANY(${p.add(f.reviewStatus)}::text[])`);
  if (f.visibility) w.push(`${t}.visibility = ${p.add(f.visibility)}`);
  return w;
}

/**
 * The filter's categories of the given municipalities: the rows read are of those alone (the access
 * policy's and the filter's), and a report's category is its municipality's (migration 0036).
 */
function categoriesOf(f: ResolvedFilter, municipalities: readonly string[]): string[] {
  const ms = f.categoryMunicipalities;
  if (!f.categoryIds || !ms) return f.categoryIds ?? [];
  return f.categoryIds.filter((_, i) => municipalities.includes(ms[i]));
}

/** A view small enough to be read cell by cell (incidents_cell_time_idx), in degrees: about 5 km across. */
const CELL_VIEW_MAX_DEG = 0.1;

/**
 * A small view over a period as cells of incidents_cell_time_idx (cell-time.ts), or null. Larger
 * views, and views without a start, read the GiST index.
 */
function viewCells(f: ResolvedFilter, p: Params): string | null {
  if (!f.bbox || !f.from || f.bbox[2] - f.bbox[0] > CELL_VIEW_MAX_DEG * 2 || f.bbox[3] - f.bbox[1] > CELL_VIEW_MAX_DEG) return null;
  const extent = viewExtent(f.bbox);
  return extent && inCellsOf('i', extent, p);
}

/**
 * Builds the WHERE clause shared by lists, exports and aggregates. A map view is found through an
 * index: a small one over a period cell by cell, others through the GiST index. With `viewIndex`
 * false the view is only tested, through no index: the caller names the index path for its parts.
 */
export function incidentWhere(actor: Actor, f: ResolvedFilter, p: Params, { viewIndex = true } = {}): string {
  const w = keyWhere(actor, f, p, 'i');
  // A report belongs to a period when its time window overlaps it.
  if (f.from) w.push(`i.occurred_to >= ${p.add(f.from)}`);
  if (f.to) w.push(`i.occurred_from < ${p.add(f.to)}`);
  if (f.reporterId) w.push(`i.reporter_id = ${p.add(f.reporterId)}::uuid`);
  if (f.importId) w.push(`i.import_id = ${p.add(f.importId)}::uuid`);
  if (f.areaId) w.push(`ST_Intersects(i.geom, (SELECT a.geom FROM areas a WHERE a.id = ${p.add(f.areaId)} AND a.municipality_id = ANY(${p.add(actor.municipalities)}::text[])))`);
  if (f.bbox) {
    const cells = viewIndex ? viewCells(f, p) : null;
    if (cells) w.push(cells);
    // _ST_Intersects has no index support: without it the planner also reads the GiST index for the
    // whole view (every incident there ever was) and ANDs that with the cells.
    const [a, b, c, d] = f.bbox.map((v) => p.add(v));
    w.push(`${cells || !viewIndex ? '_ST_Intersects' : 'ST_Intersects'}(i.geom, ST_Transform(ST_Segmentize(ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4326), 0.01), 3006))`);
  }
  if (f.bbox3006) {
    const [a, b, c, d] = f.bbox3006.map((v) => p.add(v));
    w.push(`i.geom && ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 3006)`);
  }
  if (f.text) {
    const like = p.add(`%${f.text.replace(/[\\%_]/g, (m) => '\\' + m)}%`);
    w.push(`(i.description ILIKE ${like} OR i.place_name ILIKE ${like})`);
  }
  return w.join(' AND ');
}

const BRANCHED_PAGE_MAX = 64;

/** The query of one page, newest first, keyset-paginated on (occurred_from, id): one row more than the page, to tell whether more follow. */
async function pageQuery(q: Queryable, actor: Actor, f: IncidentFilter, page: Page, p: Params): Promise<string> {
  const resolved = await resolveFilter(q, f);
  const branch = (g: ResolvedFilter) => {
    let where = incidentWhere(actor, g, p);
    if (page.after) where += ` AND (i.occurred_from, i.id) < (${p.add(page.after.occurredFrom)}::timestamptz, ${p.add(page.after.id)}::uuid)`;
    return `${SELECT} WHERE ${where} ORDER BY i.occurred_from DESC, i.id DESC LIMIT ${p.add(page.limit + 1)}`;
  };
  // Several municipalities: a page of each, read along its own time index, then the newest of those.
  // As one query over all of them the database sorts every remaining row of the selection per page
  // (over a second at a million incidents). Beyond a region's worth the branches cost more to plan.
  const municipalities = resolved.municipalities?.length ? resolved.municipalities : actor.municipalities;
  if (municipalities.length < 2 || municipalities.length > BRANCHED_PAGE_MAX) return branch(resolved);
  const pages = municipalities.map((m) => `(${branch({ ...resolved, municipalities: [m] })})`);
  return `SELECT * FROM (${pages.join(' UNION ALL ')}) x ORDER BY x."occurredFrom" DESC, x.id DESC LIMIT ${p.add(page.limit + 1)}`;
}

const pageOf = (rows: Incident[], limit: number) => ({ items: rows.slice(0, limit), hasMore: rows.length > limit });

/** Newest first, keyset-paginated on (occurred_from, id). Returns one page and whether more follow. */
export async function listIncidents(q: Queryable, actor: Actor, f: IncidentFilter, page: Page): Promise<{ items: Incident[]; hasMore: boolean }> {
  const p = new Params();
  const r = await q.query<Row>(await pageQuery(q, actor, f, page, p), p.values);
  return pageOf(r.rows.map(toIncident), page.limit);
}

const TIMES = ['occurredFrom', 'occurredTo', 'reportedAt', 'createdAt', 'updatedAt'] as const;

/**
 * The same page as listIncidents, fetched as one JSON document: for the exports, which read every
 * page of a selection. PGlite hands a result over field by field across its WebAssembly boundary;
 * 100,000 incidents took 5.4 s that way and 2.5 s as JSON (PostgreSQL takes the same either way).
 */
export async function listIncidentsAsJson(q: Queryable, actor: Actor, f: IncidentFilter, page: Page): Promise<{ items: Incident[]; hasMore: boolean }> {
  const p = new Params();
  const r = await q.query<{ page: string | null }>(
    `SELECT json_agg(x ORDER BY x."occurredFrom" DESC, x.id DESC)::text AS page FROM (${await pageQuery(q, actor, f, page, p)}) x`, p.values);
  const rows = (JSON.parse(r.rows[0]?.page ?? '[]') as Array<Record<string, unknown>>).map((row) => {
    for (const t of TIMES) row[t] = new Date(row[t] as string);
    return toIncident(row as unknown as Row);
  });
  return pageOf(rows, page.limit);
}

export async function countIncidents(q: Queryable, actor: Actor, f: IncidentFilter): Promise<number> {
  const p = new Params();
  const r = await q.query<{ n: number }>(`SELECT count(*) AS n FROM incidents i WHERE ${incidentWhere(actor, await resolveFilter(q, f), p)}`, p.values);
  return r.rows[0].n;
}

/**
 * Where a selection's incidents came from: reported in the app (or another source) or imported,
 * per import file — the provenance an edition states beside its counts.
 */
export async function countIncidentsBySource(q: Queryable, actor: Actor, f: IncidentFilter): Promise<Array<{ source: string; fileName: string | null; count: number }>> {
  const p = new Params();
  const r = await q.query<{ source: string; fileName: string | null; count: number }>(
    `SELECT i.source, im.file_name AS "fileName", count(*)::int AS count
       FROM incidents i LEFT JOIN incident_imports im ON im.municipality_id = i.municipality_id AND im.id = i.import_id
      WHERE ${incidentWhere(actor, await resolveFilter(q, f), p)}
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`, p.values);
  return r.rows;
}
