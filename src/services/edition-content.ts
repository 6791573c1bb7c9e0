import type { Actor } from '../core/access/roles.ts';
import { emergingHotspots } from '../core/analysis/emerging-hotspots/index.ts';
import { nearRepeat } from '../core/analysis/near-repeat/index.ts';
import { invalid } from '../core/errors/index.ts';
import { transform } from '../core/geo/index.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { CONTENT_SCHEMA, type AreaRow, type HotspotCell, type SituationPictureContent } from '../core/situation-picture/content.ts';
import { cellId, compared, concentrationOf, emergingByCell, measureSections, nearRepeatSummary } from '../core/situation-picture/figures.ts';
import { localDate, periodDates } from '../core/situation-picture/period.ts';
import { localToUtc, stockholmDayStart, utcToLocal } from '../core/time/index.ts';
import { hotspotZones } from '../core/situation-picture/zones.ts';
import { locateHotspot } from '../core/situation-picture/hotspot-name.ts';
import type { Database } from '../db/engine.ts';
import type { Counting } from './aggregate-source.ts';
import { getArea } from '../db/repositories/areas.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { listOrganisations } from '../db/repositories/organisations.ts';
import { countPoliceEvents, countPoliceEventsByType, listPoliceEvents, newestPoliceEvent } from '../db/repositories/police-events.ts';
import { countIncidentsBySource } from '../db/repositories/incidents.ts';
import { namedAreasAt } from '../db/repositories/gazetteer.ts';
import { areaKinds, extentOf, measuresFor, placePoints } from '../db/repositories/situation-pictures.ts';
import { comparisonWindows, mapHotspots, sourceFor } from './lagesbild.ts';

/**
 * The content (kartläggning) of a lägesbild edition, computed from the incidents with the analysis
 * engine: counts and changes with their significance, hotspots and their zones, near repeats,
 * concentration, top places, the police's events and the state of the measures. The editions
 * (situation-pictures.ts) store it; the documents render it.
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
  /**
   * What "the period before" is, when not the equally long window just before: the yearly plan
   * compares a year with the same dates the year before, so its police events and places do too.
   */
  previous?: [Date, Date];
}

/** The computed content (kartläggning) of an edition for the actor's view of the incidents. */
export async function computeSituationPictureContent(db: Database, actor: Actor, params: ContentParams, counting: Counting = 'rollups'): Promise<SituationPictureContent> {
  const municipalityId = params.municipalityId ?? actor.municipalityId;
  if (!actor.municipalities.includes(municipalityId)) throw invalid('municipalityId', 'unknown_reference', { what: 'kommunen' });
  const { from, to } = params;
  const areaId = params.areaId ?? null;
  const categoryIds = params.categoryIds ?? [], organisationIds = params.organisationIds ?? [];
  const w = comparisonWindows(from, to);
  if (params.previous) w.previous = params.previous;
  const f: IncidentFilter = {
    municipalities: [municipalityId], from, to,
    ...(categoryIds.length ? { categories: categoryIds } : {}), ...(organisationIds.length ? { organisations: organisationIds } : {}),
    ...(areaId ? { areaId } : {}),
  };
  const at = (a: Date, b: Date) => sourceFor(db, actor, { ...f, from: a, to: b }, counting);
  // Whole Swedish days and weeks back from the period's end (a fixed number of hours lands an hour
  // off midnight across a clock change); the weekly chart starts on the Monday 25 weeks before the
  // last day's, so its first week is whole too.
  const emergingFrom = new Date(stockholmDayStart(to.getTime(), -7 * EMERGING_WEEKS));
  const yearFrom = new Date(stockholmDayStart(to.getTime(), -365));
  const weeksFrom = new Date(localToUtc(firstChartMonday(to)));
  const [src, wide, weeks26, emergingSrc, yearSrc] = await Promise.all([
    at(from, to), at(w.lastYear[0] < w.previous[0] ? w.lastYear[0] : w.previous[0], to), at(weeksFrom, to), at(emergingFrom, to), at(yearFrom, to),
  ]);

  const [summary, categories, organisations, municipality, area, extent, places] = await Promise.all([
    src.summary(w), listCategories(db, [municipalityId]), listOrganisations(db, [municipalityId]),
    listMunicipalities(db, [municipalityId]).then((m) => m[0]),
    areaId ? getArea(db, areaId, [municipalityId]).then((a) => (a ? { id: a.id, name: a.name } : null)) : null,
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

  const byArea: AreaRow[] = [];
  for (const kind of await areaKinds(db, municipalityId)) {
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
  const mapSrc = await sourceFor(db, actor, { ...f, visibility: 'normal' }, counting);
  const [weekly, hotspots, points, mapPoints, yearCells, currentCells] = await Promise.all([
    weeks26.weekly(),
    computeHotspots(db, src, emergingSrc, actor, f, from, to, totals.count, places),
    src.points(MAX_POINTS + 1),
    mapSrc.points(MAX_POINTS + 1),
    yearSrc.gridCounts(HOTSPOT_CELL),
    src.gridCounts(HOTSPOT_CELL),
  ]);

  const current = new Map(currentCells.map((c) => [cellId(HOTSPOT_CELL, c.col, c.row), c.count]));
  const concentration = concentrationOf(yearCells.map((c) => cellId(HOTSPOT_CELL, c.col, c.row)), current, HOTSPOT_CELL);

  let near: SituationPictureContent['nearRepeat'] = null;
  if (points.length >= NEAR_REPEAT_MIN && points.length <= MAX_POINTS) {
    const input = points.map((p) => ({ x: p.x, y: p.y, t: Math.floor(utcToLocal(p.occurredFrom.getTime()) / DAY) }));
    near = nearRepeatSummary(nearRepeat(input, NEAR_REPEAT), NEAR_REPEAT.spatialBandwidth, NEAR_REPEAT.temporalBandwidth, input.length);
  }

  // Police events: published time, not the incident filter (they have no category of ours), and the
  // whole municipality's, an area's edition too: Polisen names no place within it.
  const sources = await countIncidentsBySource(db, actor, f);
  const [events, eventTotal, eventsByType, previousEvents, newest] = await Promise.all([
    listPoliceEvents(db, municipalityId, from, to), countPoliceEvents(db, municipalityId, from, to), countPoliceEventsByType(db, municipalityId, from, to),
    countPoliceEvents(db, municipalityId, w.previous[0], w.previous[1]), newestPoliceEvent(db, municipalityId),
  ]);

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
    sources,
    policeEvents: {
      total: eventTotal,
      previous: previousEvents,
      byType: [...eventsByType].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type, 'sv')),
      items: events.map((e) => ({ id: Number(e.id), publishedAt: new Date(e.publishedAt).toISOString(), type: e.type, name: e.name, summary: e.summary, url: e.url, locationName: e.locationName })),
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

/** The Monday (local midnight, as local ms) that starts the first of the 26 chart weeks up to the period's end. */
function firstChartMonday(to: Date): number {
  const lastMs = Date.parse(localDate(to.getTime() - 1) + 'T00:00:00Z');
  return lastMs - ((new Date(lastMs).getUTCDay() + 6) % 7) * DAY - 25 * WEEK;
}

/** The 26 Monday weeks up to the period's end, zeros included (a chart needs every week). */
function fillWeeks(rows: Array<{ weekStart: string; count: number }>, to: Date): Array<{ weekStart: string; count: number }> {
  const counts = new Map(rows.map((r) => [r.weekStart, r.count]));
  const first = firstChartMonday(to);
  return Array.from({ length: 26 }, (_, k) => {
    const d = new Date(first + k * WEEK).toISOString().slice(0, 10);
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
      // Time in Swedish local days, so the weekly steps end at Swedish midnights.
      const end = utcToLocal(to.getTime()) / DAY;
      const r = emergingHotspots(pts.map((p) => ({ x: p.x, y: p.y, t: utcToLocal(p.occurredFrom.getTime()) / DAY })), {
        cellSize: HOTSPOT_CELL, distance: HOTSPOT_DISTANCE, stepDays: 7, start: end - 7 * EMERGING_WEEKS, end,
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
  const stored = cells.slice(0, MAX_HOTSPOT_CELLS);
  const zones = hotspotZones(cells, wgs);
  // A person reads a hotspot by its district and the nearest named place, not by its grid id.
  const municipalityId = f.municipalities?.[0];
  const areas = municipalityId ? await namedAreasAt(db, municipalityId, [...stored, ...zones]) : [];
  stored.forEach((c, i) => { c.where = locateHotspot(c, places, areas[i] ?? null); });
  zones.forEach((z, i) => { z.where = locateHotspot(z, places, areas[stored.length + i] ?? null); });
  return { ...base, cells: stored, zones, note: null };
}
