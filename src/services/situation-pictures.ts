import { hotspotZones } from '../core/situation-picture/zones.ts';
import { randomUUID } from 'node:crypto';
import { hasRole, type Actor } from '../core/access/roles.ts';
import { emergingHotspots } from '../core/analysis/emerging-hotspots/index.ts';
import { nearRepeat } from '../core/analysis/near-repeat/index.ts';
import { DomainError, IssueCollector, invalid, notFound } from '../core/errors/index.ts';
import { transform } from '../core/geo/index.ts';
import {
  CONTENT_SCHEMA, type AreaRow, type HotspotCell, type Narrative, type SituationPictureContent, type StatusLevelEntry,
} from '../core/situation-picture/content.ts';
import { cellId, compared, concentrationOf, emergingByCell, measureSections, nearRepeatSummary } from '../core/situation-picture/figures.ts';
import { compareContents } from '../core/situation-picture/compare.ts';
import { feedbackSummary } from '../core/situation-picture/feedback.ts';
import { localDate, parsePeriod, periodDates, periodLabel } from '../core/situation-picture/period.ts';
import { checkNarrative, checkStatusLevels } from '../core/situation-picture/narrative.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listCategories } from '../db/repositories/categories.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { insertAppNotificationsForRole } from '../db/repositories/notifications.ts';
import { listOrganisations } from '../db/repositories/organisations.ts';
import { countPoliceEvents, listPoliceEvents, newestPoliceEvent } from '../db/repositories/police-events.ts';
import { deleteSituationPicture, extentOf, findScheduled, getSituationPictureRecord, insertSituationPicture, listSituationPictureRows, listVersions, markPublished, measuresFor, nextVersion, placePoints, updateDraft } from '../db/repositories/situation-pictures.ts';
import type { SituationPictureListRow, SituationPictureRecord } from '../core/situation-picture/types.ts';
import { comparisonWindows, mapHotspots, sourceFor } from './lagesbild.ts';
import type { IncidentIndexStore } from './incident-index.ts';

/**
 * Lägesbild editions: their content computed from the incidents with the analysis engine, stored as
 * a draft the coordinator writes the narrative for, published (then frozen, by the code and by a
 * database trigger), corrected by a new version, compared with any other edition, and fed back to
 * the reporters as återkoppling.
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Map points carried by an edition. */
export const MAX_POINTS = 5000;
/** Most significant cells stored with an edition (strongest first). */
const MAX_HOTSPOT_CELLS = 1000;

/** The hotspot grid of an edition: 250 m cells, neighbours within 500 m. */
export const HOTSPOT_CELL = 250;
export const HOTSPOT_DISTANCE = 500;
/** Weeks of Gi* steps the emerging-hotspot class looks back over (the period's end is the last). */
export const EMERGING_WEEKS = 12;
/** Near-repeat needs this many incidents in the period to say anything. */
export const NEAR_REPEAT_MIN = 20;
const NEAR_REPEAT = { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3, iterations: 99, seed: 1489 };
/** Below this many incidents a hotspot map says too little. */
const HOTSPOT_MIN = 10;

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
const wgs = (x: number, y: number) => transform(3006, 4326, x, y).map((v) => round(v, 6)) as [number, number];
const iso = (d: Date) => d.toISOString();
const periodOf = (from: Date, to: Date) => ({ from: iso(from), to: iso(to), days: Math.round((to.getTime() - from.getTime()) / DAY) });

export interface ContentParams {
  municipalityId?: string;
  areaId?: string | null;
  from: Date;
  to: Date;
  categoryIds?: string[];
  organisationIds?: string[];
}

/** The computed content (kartläggning) of an edition for the actor's view of the incidents. */
export async function computeSituationPictureContent(db: Database, index: IncidentIndexStore | null, actor: Actor, params: ContentParams): Promise<SituationPictureContent> {
  const municipalityId = params.municipalityId ?? actor.municipalityId;
  if (!actor.municipalities.includes(municipalityId)) throw invalid('municipalityId', 'unknown_reference', { what: 'kommunen' });
  const { from, to } = params;
  const areaId = params.areaId ?? null;
  const categoryIds = params.categoryIds ?? [], organisationIds = params.organisationIds ?? [];
  const w = comparisonWindows(from, to);
  const f: IncidentFilter = {
    municipalities: [municipalityId], from, to,
    ...(categoryIds.length ? { categories: categoryIds } : {}), ...(organisationIds.length ? { organisations: organisationIds } : {}),
    ...(areaId ? { areaId } : {}),
  };
  const at = (a: Date, b: Date) => sourceFor(db, index, actor, { ...f, from: a, to: b });
  const emergingFrom = new Date(to.getTime() - EMERGING_WEEKS * WEEK);
  const yearFrom = new Date(to.getTime() - 365 * DAY);
  const [src, wide, weeks26, emergingSrc, yearSrc] = await Promise.all([
    at(from, to), at(w.lastYear[0] < w.previous[0] ? w.lastYear[0] : w.previous[0], to), at(new Date(to.getTime() - 26 * WEEK), to), at(emergingFrom, to), at(yearFrom, to),
  ]);

  const [summary, categories, organisations, municipality, area, extent, places] = await Promise.all([
    src.summary(w), listCategories(db, [municipalityId]), listOrganisations(db, [municipalityId]),
    listMunicipalities(db, [municipalityId]).then((m) => m[0]),
    areaId ? db.query<{ id: string; name: string }>('SELECT id, name FROM areas WHERE id = $1', [areaId]).then((r) => r.rows[0] ?? null) : null,
    extentOf(db, municipalityId, areaId), placePoints(db, municipalityId),
  ]);

  // Counts per category, area and organisation against the period before and the same one last year.
  const catById = new Map(categories.map((c) => [c.id, c]));
  const byCategory = summary.byCategory.map((r) => {
    const c = catById.get(r.key);
    return { id: r.key, code: c?.code ?? '', nameSv: c?.nameSv ?? '', nameEn: c?.nameEn ?? '', colour: c?.colour ?? '#707070', parentId: c?.parentId ?? null, ...compared(r.current, r.previous, r.lastYear) };
  }).sort((a, b) => b.count - a.count || b.previous.count - a.previous.count || a.nameSv.localeCompare(b.nameSv, 'sv'));
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const byOrganisation = summary.byOrganisation.map((r) => ({ id: r.key, name: orgById.get(r.key)?.name ?? '', ...compared(r.current, r.previous, r.lastYear) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'sv'));
  const sum = (k: 'current' | 'previous' | 'lastYear') => summary.byCategory.reduce((a, r) => a + r[k], 0);
  const totals = compared(sum('current'), sum('previous'), sum('lastYear'));

  const kinds = (await db.query<{ kind: string }>('SELECT DISTINCT kind FROM areas WHERE municipality_id = $1 ORDER BY kind', [municipalityId])).rows.map((r) => r.kind);
  const byArea: AreaRow[] = [];
  for (const kind of kinds) {
    const [prev, last] = await Promise.all([
      wide.areaCounts(kind, { current: w.current, previous: w.previous }), wide.areaCounts(kind, { current: w.current, previous: w.lastYear }),
    ]);
    const lastById = new Map(last.map((a) => [a.id, a.previous]));
    for (const a of prev) {
      const ly = lastById.get(a.id) ?? 0;
      if (a.current + a.previous + ly > 0) byArea.push({ id: a.id, name: a.name, kind, ...compared(a.current, a.previous, ly) });
    }
  }
  byArea.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'sv'));

  const placeByName = new Map(places.map((p) => [p.name, p]));
  const topPlaces = summary.topPlaces.map((p) => {
    const known = placeByName.get(p.name);
    const [lon, lat] = known ? wgs(known.x, known.y) : [0, 0];
    return { placeId: known?.id ?? null, name: p.name, count: p.count, previous: p.previous, lon, lat };
  });

  // The map shows single positions to everyone who reads the edition: restricted reports stay out
  // of it (they are still counted, and analysed, in the aggregates).
  const mapSrc = await sourceFor(db, index, actor, { ...f, visibility: 'normal' });
  const [weekly, hotspots, points, mapPoints, yearCells, currentCells] = await Promise.all([
    weeks26.weekly(),
    computeHotspots(db, src, emergingSrc, actor, f, from, to, totals.count, places),
    src.points(MAX_POINTS + 1),
    mapSrc.points(MAX_POINTS + 1),
    yearSrc.gridCells(HOTSPOT_CELL),
    src.gridCells(HOTSPOT_CELL),
  ]);

  const current = new Map(currentCells.map((c) => [cellId(HOTSPOT_CELL, c.col, c.row), c.count]));
  const concentration = concentrationOf(yearCells.map((c) => cellId(HOTSPOT_CELL, c.col, c.row)), current, HOTSPOT_CELL);

  let near: SituationPictureContent['nearRepeat'] = null;
  if (points.length >= NEAR_REPEAT_MIN && points.length <= MAX_POINTS) {
    const input = points.map((p) => ({ x: p.x, y: p.y, t: Math.floor((p.occurredFrom.getTime() + 3_600_000) / DAY) }));
    near = nearRepeatSummary(nearRepeat(input, NEAR_REPEAT), NEAR_REPEAT.spatialBandwidth, NEAR_REPEAT.temporalBandwidth, input.length);
  }

  // Police events: published time, not the incident filter (they have no category of ours).
  const [events, previousEvents, newest] = await Promise.all([
    listPoliceEvents(db, municipalityId, from, to), countPoliceEvents(db, municipalityId, w.previous[0], w.previous[1]), newestPoliceEvent(db, municipalityId),
  ]);
  const byType = new Map<string, number>();
  for (const e of events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);

  const days = periodDates(from, to);
  const measures = measureSections(await measuresFor(db, municipalityId, areaId), days.from, days.to);

  const ext = extent ?? [0, 0, 0, 0];
  return {
    schema: CONTENT_SCHEMA,
    computedAt: new Date().toISOString(),
    municipality: { id: municipalityId, name: municipality?.name ?? municipalityId },
    area,
    filters: { categoryIds, organisationIds },
    period: periodOf(from, to),
    previousPeriod: periodOf(...w.previous),
    lastYearPeriod: periodOf(...w.lastYear),
    extent: ext.map((v) => round(v, 1)) as [number, number, number, number],
    totals,
    byCategory,
    byArea,
    byOrganisation,
    weekly: fillWeeks(weekly, to),
    hourWeekday: summary.hourWeekday,
    topPlaces,
    hotspots,
    nearRepeat: near,
    concentration,
    policeEvents: {
      total: events.length,
      previous: previousEvents,
      byType: [...byType].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type, 'sv')),
      items: events.map((e) => ({ id: Number(e.id), publishedAt: new Date(e.publishedAt).toISOString(), type: e.type, name: e.name, summary: e.summary, url: e.url, lon: e.lon === null ? null : round(e.lon, 6), lat: e.lat === null ? null : round(e.lat, 6) })),
      newestHeld: newest ? new Date(newest).toISOString() : null,
    },
    measures,
    points: mapPoints.slice(0, MAX_POINTS).map((p) => {
      const [lon, lat] = wgs(p.x, p.y);
      return { lon, lat, x: round(p.x, 1), y: round(p.y, 1), categoryId: p.categoryId };
    }),
    pointsTruncated: mapPoints.length > MAX_POINTS,
  };
}

/** The 26 Monday weeks up to the period's end, zeros included (a chart needs every week). */
function fillWeeks(rows: Array<{ weekStart: string; count: number }>, to: Date): Array<{ weekStart: string; count: number }> {
  const counts = new Map(rows.map((r) => [r.weekStart, r.count]));
  const last = localDate(to.getTime() - 1);
  const lastMs = Date.parse(last + 'T00:00:00Z');
  const monday = lastMs - ((new Date(lastMs).getUTCDay() + 6) % 7) * DAY;
  return Array.from({ length: 26 }, (_, k) => {
    const d = new Date(monday - (25 - k) * WEEK).toISOString().slice(0, 10);
    return { weekStart: d, count: counts.get(d) ?? 0 };
  });
}

async function computeHotspots(
  db: Database, src: Awaited<ReturnType<typeof sourceFor>>, emergingSrc: Awaited<ReturnType<typeof sourceFor>>, actor: Actor, f: IncidentFilter,
  from: Date, to: Date, total: number, places: Array<{ id: string; name: string; x: number; y: number }>,
): Promise<SituationPictureContent['hotspots']> {
  const base = { cellSize: HOTSPOT_CELL, distance: HOTSPOT_DISTANCE };
  if (total < HOTSPOT_MIN) return { ...base, cells: [], zones: [], note: 'too-few-incidents' };
  const fc = await mapHotspots(db, src, actor, f, HOTSPOT_CELL, HOTSPOT_DISTANCE);
  const significant = fc.features.map((ft) => ft.properties).filter((p) => p.bin !== 0);
  if (!significant.length) return { ...base, cells: [], zones: [], note: 'none-significant' };

  // Emerging class: weekly Gi* steps over the weeks up to the period's end.
  let emerging = new Map<string, HotspotCell['emerging'] & string>();
  const pts = await emergingSrc.points(50_000);
  if (pts.length > 0) {
    try {
      const r = emergingHotspots(pts.map((p) => ({ x: p.x, y: p.y, t: p.occurredFrom.getTime() / DAY })), {
        cellSize: HOTSPOT_CELL, distance: HOTSPOT_DISTANCE, stepDays: 7,
        start: (to.getTime() - EMERGING_WEEKS * WEEK) / DAY, end: to.getTime() / DAY,
      });
      emerging = emergingByCell(r);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // too few steps or incidents: no class, not an error
    }
  }
  void from;
  const cells: HotspotCell[] = significant.map((p) => {
    const [, c, r] = p.cellId.split(':').map(Number);
    const x = (c + 0.5) * HOTSPOT_CELL, y = (r + 0.5) * HOTSPOT_CELL;
    const [lon, lat] = wgs(x, y);
    let placeName: string | null = null, best = HOTSPOT_CELL;
    for (const pl of places) {
      const d = Math.hypot(pl.x - x, pl.y - y);
      if (d <= best) { best = d; placeName = pl.name; }
    }
    return { cellId: p.cellId, col: c, row: r, x, y, lon, lat, count: p.count, z: p.z, p: p.p, bin: p.bin, emerging: emerging.get(p.cellId) ?? (emerging.size || pts.length ? 'No Pattern Detected' : null), placeName };
  }).sort((a, b) => b.bin - a.bin || b.z - a.z);
  // Zones from every significant cell; the stored cells are capped (they are drawn, not listed).
  return { ...base, cells: cells.slice(0, MAX_HOTSPOT_CELLS), zones: hotspotZones(cells, wgs), note: null };
}

// ---------------------------------------------------------------------------------------------
// Editions: storage and lifecycle

export type EditionStatus = 'draft' | 'published';

export interface SituationPictureSummary {
  id: string;
  seriesId: string;
  version: number;
  title: string;
  status: EditionStatus;
  origin: 'manual' | 'scheduled';
  areaId: string | null;
  areaName: string | null;
  period: { from: string; to: string; days: number };
  publishedAt: string | null;
  createdAt: string;
  total: number;
}

export interface SituationPicture extends SituationPictureSummary {
  municipalityId: string;
  filters: { categoryIds: string[]; organisationIds: string[] };
  content: SituationPictureContent;
  narrative: Narrative;
  statusLevels: StatusLevelEntry[];
  rowVersion: number;
  computedAt: string;
  versions: Array<{ id: string; version: number; status: string; publishedAt: string | null }>;
}

/** Who scheduled work acts as: a coordinator of the one municipality, recorded as nobody (NULL). */
export function systemActor(municipalityId: string): Actor {
  return { userId: 'system', organisationId: '00000000-0000-0000-0000-000000000000', municipalityId, municipalities: [municipalityId], roles: ['coordinator'] };
}
const userIdOf = (a: Actor) => (a.userId === 'system' ? null : a.userId);

const canWrite = (a: Actor) => hasRole(a, 'coordinator');
const canReadDrafts = (a: Actor) => hasRole(a, 'coordinator', 'areaGroup');
const canRead = (a: Actor) => hasRole(a, 'coordinator', 'areaGroup', 'viewer', 'reporter', 'admin');

const summaryOf = (r: SituationPictureListRow | SituationPictureRecord, total: number): SituationPictureSummary => ({
  id: r.id, seriesId: r.seriesId, version: r.version, title: r.title, status: r.status, origin: r.origin, areaId: r.areaId, areaName: r.areaName,
  period: periodDates(new Date(r.periodFrom), new Date(r.periodTo)),
  publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null, createdAt: new Date(r.createdAt).toISOString(), total,
});

const emptyNarrative = (n: Partial<Narrative>): Narrative => ({ summary: n.summary ?? '', problems: n.problems ?? [] });

async function full(q: Queryable, r: SituationPictureRecord): Promise<SituationPicture> {
  const versions = await listVersions(q, r.seriesId);
  return {
    ...summaryOf(r, r.content?.totals?.count ?? 0),
    municipalityId: r.municipalityId, filters: { categoryIds: r.filters.categoryIds ?? [], organisationIds: r.filters.organisationIds ?? [] },
    content: r.content, narrative: emptyNarrative(r.narrative), statusLevels: r.statusLevels, rowVersion: r.rowVersion,
    computedAt: new Date(r.computedAt).toISOString(),
    versions: versions.map((v) => ({ ...v, publishedAt: v.publishedAt ? new Date(v.publishedAt).toISOString() : null })),
  };
}

/** The record when the actor may read it; drafts are hidden (404) from those who read published ones only. */
async function readable(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<SituationPictureRecord> {
  if (!canRead(actor)) throw new DomainError('forbidden');
  const r = UUID.test(id) ? await getSituationPictureRecord(q, id, actor.municipalities, forUpdate) : null;
  if (!r || (r.status === 'draft' && !canReadDrafts(actor))) throw notFound('situation_picture');
  return r;
}

/** A draft the actor may change, at the row version the client saw. */
async function writableDraft(q: Queryable, actor: Actor, id: string, rowVersion: number | undefined): Promise<SituationPictureRecord> {
  if (!canWrite(actor)) throw new DomainError('forbidden');
  const r = await readable(q, actor, id, true);
  if (r.status === 'published') throw new DomainError('conflict', [{ field: 'status', code: 'published_immutable' }]);
  if (rowVersion !== undefined && rowVersion !== r.rowVersion) throw new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: r.rowVersion } }]);
  return r;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks the area, categories and organisations of an edition exist in the actor's municipalities. */
async function checkReferences(q: Queryable, actor: Actor, input: { areaId?: string | null; categoryIds?: string[]; organisationIds?: string[] }, issues: IssueCollector): Promise<{ municipalityId: string; areaName: string | null }> {
  let municipalityId = actor.municipalityId, areaName: string | null = null;
  if (input.areaId) {
    const r = UUID.test(input.areaId)
      ? await q.query<{ municipalityId: string; name: string }>('SELECT municipality_id AS "municipalityId", name FROM areas WHERE id = $1 AND municipality_id = ANY($2::text[])', [input.areaId, actor.municipalities])
      : { rows: [] };
    if (!r.rows[0]) issues.add('areaId', 'unknown_reference', { what: 'området' });
    else { municipalityId = r.rows[0].municipalityId; areaName = r.rows[0].name; }
  }
  if (input.categoryIds?.length) {
    const known = new Set((await listCategories(q, [municipalityId])).map((c) => c.id));
    input.categoryIds.forEach((id, i) => { if (!known.has(id)) issues.add(`categoryIds[${i}]`, 'unknown_reference', { what: 'kategorin' }); });
  }
  if (input.organisationIds?.length) {
    const known = new Set((await listOrganisations(q, [municipalityId])).map((o) => o.id));
    input.organisationIds.forEach((id, i) => { if (!known.has(id)) issues.add(`organisationIds[${i}]`, 'unknown_reference', { what: 'organisationen' }); });
  }
  return { municipalityId, areaName };
}

export interface CreateInput {
  from: string;
  to: string;
  areaId?: string | null;
  categoryIds?: string[];
  organisationIds?: string[];
  title?: string;
  origin?: 'manual' | 'scheduled';
}

export const TITLE_MAX = 200;

/** A new draft with its content computed. Scheduled drafts are made once per municipality and period. */
export async function createSituationPicture(db: Database, index: IncidentIndexStore | null, actor: Actor, input: CreateInput): Promise<SituationPicture> {
  if (!canWrite(actor)) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  let period: { from: Date; to: Date } | null = null;
  try { period = parsePeriod(input.from, input.to); } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    for (const i of e.fields) issues.add(i.field, i.code, i.params);
  }
  const title = input.title?.trim();
  if (input.title !== undefined && !title) issues.add('title', 'required');
  if (title && title.length > TITLE_MAX) issues.add('title', 'too_long', { max: TITLE_MAX });
  const { municipalityId, areaName } = await checkReferences(db, actor, input, issues);
  issues.throwIfAny();
  const { from, to } = period!;
  const origin = input.origin ?? 'manual';
  if (origin === 'scheduled') {
    const existing = await findScheduled(db, municipalityId, from, to);
    if (existing) return getSituationPicture(db, actor, existing);
  }
  const filters = { categoryIds: input.categoryIds ?? [], organisationIds: input.organisationIds ?? [] };
  const content = await computeSituationPictureContent(db, index, actor, { municipalityId, areaId: input.areaId ?? null, from, to, ...filters });
  const id = randomUUID();
  const inserted = await db.transaction(async (tx) => {
    const ok = await insertSituationPicture(tx, {
      id, municipalityId, seriesId: id, areaId: input.areaId ?? null,
      title: title || `Lägesbild ${areaName ?? content.municipality.name} ${periodLabel(from, to)}`,
      periodFrom: from, periodTo: to, filters, origin, content, createdBy: userIdOf(actor),
    }, origin === 'scheduled');
    if (ok) await recordAudit(tx, { municipalityId, userId: userIdOf(actor), action: 'situation_picture.create', subjectType: 'situation_picture', subjectId: id, details: { origin } });
    return ok;
  });
  if (!inserted) {
    // Another process made the scheduled draft between the look-up and the insert.
    const existing = await findScheduled(db, municipalityId, from, to);
    if (existing) return getSituationPicture(db, actor, existing);
    throw new DomainError('conflict');
  }
  return getSituationPicture(db, actor, id);
}

export async function getSituationPicture(db: Queryable, actor: Actor, id: string): Promise<SituationPicture> {
  return full(db, await readable(db, actor, id));
}

/** Editions newest period first; drafts only for those who read drafts. */
export async function listSituationPictures(db: Queryable, actor: Actor, q: { status?: EditionStatus; areaId?: string } = {}): Promise<{ items: SituationPictureSummary[] }> {
  if (!canRead(actor)) throw new DomainError('forbidden');
  const all: EditionStatus[] = canReadDrafts(actor) ? ['draft', 'published'] : ['published'];
  const statuses = q.status ? all.filter((s) => s === q.status) : all;
  if (q.areaId && !UUID.test(q.areaId)) throw invalid('areaId', 'format', { format: 'uuid' });
  const rows = statuses.length ? await listSituationPictureRows(db, actor.municipalities, { statuses, areaId: q.areaId }) : [];
  return { items: rows.map((r) => summaryOf(r, r.total)) };
}

export interface Patch {
  rowVersion: number;
  title?: string;
  narrative?: Partial<Narrative>;
  statusLevels?: StatusLevelEntry[];
}

/** Title, narrative and status levels of a draft. */
export async function updateSituationPicture(db: Database, actor: Actor, id: string, patch: Patch): Promise<SituationPicture> {
  return db.transaction(async (tx) => {
    const r = await writableDraft(tx, actor, id, patch.rowVersion);
    const issues = new IssueCollector();
    const title = patch.title?.trim();
    if (patch.title !== undefined && !title) issues.add('title', 'required');
    if (title && title.length > TITLE_MAX) issues.add('title', 'too_long', { max: TITLE_MAX });
    const narrative = patch.narrative !== undefined ? checkNarrative(patch.narrative, issues) : undefined;
    const levels = patch.statusLevels !== undefined ? checkStatusLevels(patch.statusLevels, issues) : undefined;
    await checkNarrativeReferences(tx, r.municipalityId, narrative, levels, issues);
    issues.throwIfAny();
    await updateDraft(tx, id, { title, narrative, statusLevels: levels });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.update', subjectType: 'situation_picture', subjectId: id, details: { fields: Object.keys(patch).filter((k) => k !== 'rowVersion') } });
    return full(tx, (await getSituationPictureRecord(tx, id, actor.municipalities))!);
  });
}

/** Ids in the narrative and the status levels must exist in the edition's municipality. */
async function checkNarrativeReferences(q: Queryable, municipalityId: string, narrative: Narrative | undefined, levels: StatusLevelEntry[] | undefined, issues: IssueCollector): Promise<void> {
  const ids = (sql: string) => q.query<{ id: string }>(sql, [municipalityId]).then((r) => new Set(r.rows.map((x) => x.id)));
  // One after the other: inside a transaction the queries share one connection.
  const areas = await ids('SELECT id::text AS id FROM areas WHERE municipality_id = $1');
  const places = await ids('SELECT id::text AS id FROM places WHERE municipality_id = $1');
  const categories = await ids('SELECT id::text AS id FROM categories WHERE municipality_id = $1');
  narrative?.problems.forEach((p, i) => {
    if (p.areaId && !areas.has(p.areaId) && !issues.has(`narrative.problems[${i}].areaId`)) issues.add(`narrative.problems[${i}].areaId`, 'unknown_reference', { what: 'området' });
    if (p.placeId && !places.has(p.placeId) && !issues.has(`narrative.problems[${i}].placeId`)) issues.add(`narrative.problems[${i}].placeId`, 'unknown_reference', { what: 'platsen' });
    p.categoryIds.forEach((c, k) => { if (!categories.has(c)) issues.add(`narrative.problems[${i}].categoryIds[${k}]`, 'unknown_reference', { what: 'kategorin' }); });
  });
  levels?.forEach((l, i) => {
    const known = l.kind === 'area' ? areas : places;
    if (!issues.has(`statusLevels[${i}].id`) && !known.has(l.id)) issues.add(`statusLevels[${i}].id`, 'unknown_reference', { what: l.kind === 'area' ? 'området' : 'platsen' });
  });
}

/** Fresh content for a draft from today's data. */
export async function recomputeSituationPicture(db: Database, index: IncidentIndexStore | null, actor: Actor, id: string, rowVersion: number): Promise<SituationPicture> {
  const before = await db.transaction((tx) => writableDraft(tx, actor, id, rowVersion));
  const content = await computeSituationPictureContent(db, index, actor, {
    municipalityId: before.municipalityId, areaId: before.areaId, from: new Date(before.periodFrom), to: new Date(before.periodTo), ...before.filters,
  });
  return db.transaction(async (tx) => {
    // Checked again: someone may have published or changed it while the content was computed.
    const r = await writableDraft(tx, actor, id, rowVersion);
    await updateDraft(tx, id, { content });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.recompute', subjectType: 'situation_picture', subjectId: id });
    return full(tx, (await getSituationPictureRecord(tx, id, actor.municipalities))!);
  });
}

/** Publishes a draft (then frozen) and, in the same transaction, sends the reporters their återkoppling. */
export async function publishSituationPicture(db: Database, actor: Actor, id: string, rowVersion: number): Promise<SituationPicture> {
  return db.transaction(async (tx) => {
    const r = await writableDraft(tx, actor, id, rowVersion);
    await markPublished(tx, id, userIdOf(actor));
    const fb = feedbackSummary(r.title, r.content, r.narrative);
    const sent = await insertAppNotificationsForRole(tx, {
      municipalityId: r.municipalityId, role: 'reporter', kind: 'feedback', subject: fb.subject, body: fb.body, subjectType: 'situation_picture', subjectId: id,
    });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.publish', subjectType: 'situation_picture', subjectId: id, details: { version: r.version, feedbackNotifications: sent } });
    return full(tx, (await getSituationPictureRecord(tx, id, actor.municipalities))!);
  });
}

/** A new draft version of an edition: same series and period, narrative copied, content recomputed. */
export async function newVersion(db: Database, index: IncidentIndexStore | null, actor: Actor, id: string): Promise<SituationPicture> {
  if (!canWrite(actor)) throw new DomainError('forbidden');
  const r = await readable(db, actor, id);
  const content = await computeSituationPictureContent(db, index, actor, {
    municipalityId: r.municipalityId, areaId: r.areaId, from: new Date(r.periodFrom), to: new Date(r.periodTo), ...r.filters,
  });
  const newId = randomUUID();
  await db.transaction(async (tx) => {
    // Versions of a series are numbered under a lock on the edition the new one copies.
    await getSituationPictureRecord(tx, id, actor.municipalities, true);
    const version = await nextVersion(tx, r.seriesId);
    await insertSituationPicture(tx, {
      id: newId, municipalityId: r.municipalityId, seriesId: r.seriesId, version, areaId: r.areaId, title: r.title,
      periodFrom: new Date(r.periodFrom), periodTo: new Date(r.periodTo), filters: r.filters, origin: 'manual', content,
      narrative: r.narrative, statusLevels: r.statusLevels, createdBy: userIdOf(actor),
    });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.version', subjectType: 'situation_picture', subjectId: newId, details: { from: id, version } });
  });
  return getSituationPicture(db, actor, newId);
}

/** Deletes a draft; a published edition stays for ever. */
export async function deleteDraft(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await writableDraft(tx, actor, id, undefined);
    // Other records may point at the draft (a meeting's or a measure's edition): they lose the link, not their content.
    await tx.query('UPDATE meetings SET situation_picture_id = NULL WHERE situation_picture_id = $1', [id]);
    await tx.query('UPDATE measures SET situation_picture_id = NULL WHERE situation_picture_id = $1', [id]);
    await deleteSituationPicture(tx, id);
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.delete', subjectType: 'situation_picture', subjectId: id });
  });
}

export interface Comparison {
  base: SituationPictureSummary;
  other: SituationPictureSummary;
  totals: { base: number; other: number; change: number };
  byCategory: Array<{ id: string; nameSv: string; base: number; other: number; change: number }>;
  byArea: Array<{ id: string; name: string; base: number; other: number; change: number }>;
  hotspots: { new: string[]; persisting: string[]; gone: string[] };
  statusLevels: Array<{ kind: 'area' | 'place'; id: string; name: string; base: string | null; other: string | null }>;
}

/** Two editions side by side: `other` against `base` (change = other − base). */
export async function compareSituationPictures(db: Queryable, actor: Actor, idA: string, idB: string): Promise<Comparison> {
  const a = await readable(db, actor, idA);
  const b = await readable(db, actor, idB);
  return { base: summaryOf(a, a.content.totals.count), other: summaryOf(b, b.content.totals.count), ...compareContents(a.content, a.statusLevels, b.content, b.statusLevels) };
}

export type { SituationPictureContent };
