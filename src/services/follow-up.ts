import type { Actor } from '../core/access/roles.ts';
import { evaluateIntervention, type InterventionCounts, type InterventionResult } from '../core/analysis/intervention/index.ts';
import { DomainError, IssueCollector, invalid } from '../core/errors/index.ts';
import type { Language } from '../core/i18n/errors.ts';
import {
  FOLLOW_UP_DEFAULTS, followUpCaveats, followUpWindows, stockholmDay, weeklySeries, type Caveat, type FollowUpPeriod, type WeekCount,
} from '../core/measures/follow-up.ts';
import type { ZoneGeometry } from '../core/measures/follow-up-zones.ts';
import { MEASURE_LIMITS } from '../core/measures/rules.ts';
import type { Database } from '../db/engine.ts';
import { controlAreaName, followUpZones, overlappingMeasures, zoneWeekCounts } from '../db/repositories/follow-up.ts';
import { measureReferences } from '../db/repositories/measures.ts';
import { getMeasure } from './measures.ts';

export interface FollowUpOptions {
  bufferM?: number;
  controlAreaId?: string;
  controlPlaceId?: string;
  weeks?: number;
  /** The day the after window may not pass (YYYY-MM-DD); default today in Sweden. */
  today?: string;
  lang?: Language;
}

export interface FollowUpArea {
  name: string | null;
  geometry: ZoneGeometry['geojson'];
  areaM2: number;
}

export interface FollowUp {
  measureId: string;
  start: string;
  before: FollowUpPeriod;
  after: FollowUpPeriod;
  weeks: number;
  bufferM: number;
  categoryIds: string[];
  areas: { response: FollowUpArea; buffer: FollowUpArea; control: FollowUpArea };
  counts: InterventionCounts;
  result: InterventionResult;
  weekly: WeekCount[];
  caveats: Caveat[];
  controlSuggested: boolean;
}

/**
 * Did the measure work? Bowers & Johnson's comparison of the response area R (the place; a point
 * place as a 150 m disc; or the area), a buffer ring D around it and a control area C, over equal
 * windows of whole weeks before and after the start (actual start, or the planned start of an
 * ongoing measure). Counts are the actor's visible incidents of the measure's categories (all when
 * none), new or reviewed (rejected reports and duplicates are not incidents).
 *
 * Without a chosen control, the suggestion is the municipality within 2 km of R minus R, D, a 200 m
 * gap and the places of other measures in force during the windows: nearby enough to share the
 * town's trends, apart enough not to receive displaced crime, and untreated.
 */
export async function computeFollowUp(db: Database, actor: Actor, measureId: string, opts: FollowUpOptions = {}): Promise<FollowUp> {
  const m = await getMeasure(db, actor, measureId);
  const settings = { ...m.followUp };
  for (const k of ['bufferM', 'weeks', 'controlAreaId', 'controlPlaceId'] as const) if (opts[k] !== undefined) (settings as Record<string, unknown>)[k] = opts[k];
  // A control chosen in the request replaces the stored one of the other kind.
  if (opts.controlAreaId) delete settings.controlPlaceId;
  if (opts.controlPlaceId) delete settings.controlAreaId;
  const bufferM = settings.bufferM ?? FOLLOW_UP_DEFAULTS.bufferM;
  const weeks = settings.weeks ?? FOLLOW_UP_DEFAULTS.weeks;

  const c = new IssueCollector();
  const { bufferM: bl, weeks: wl } = MEASURE_LIMITS;
  if (!(bufferM >= bl.min)) c.add('bufferM', 'too_small', { min: bl.min });
  if (bufferM > bl.max) c.add('bufferM', 'too_large', { max: bl.max });
  if (!(weeks >= wl.min)) c.add('weeks', 'too_small', { min: wl.min });
  if (weeks > wl.max) c.add('weeks', 'too_large', { max: wl.max });
  if (settings.controlAreaId || settings.controlPlaceId) {
    const refs = await measureReferences(db, { areaId: settings.controlAreaId, placeId: settings.controlPlaceId }, [m.municipalityId]);
    if (settings.controlAreaId && !refs.has('areaId')) c.add('controlAreaId', 'unknown_reference', { what: 'kontrollområdet' });
    if (settings.controlPlaceId && !refs.has('placeId')) c.add('controlPlaceId', 'unknown_reference', { what: 'kontrollplatsen' });
  }
  c.throwIfAny();

  const start = m.actualStart ?? (m.status === 'ongoing' ? m.plannedStart : null);
  if (!start) throw invalid('actualStart', 'not_evaluable', { reason: opts.lang === 'en' ? 'the measure has not started' : 'åtgärden har inte startat' });
  const today = opts.today ?? stockholmDay(new Date());
  const windows = followUpWindows(start, today, Math.floor(weeks));
  if (!windows) {
    throw invalid('actualStart', 'not_evaluable', {
      reason: opts.lang === 'en' ? `less than ${FOLLOW_UP_DEFAULTS.minWeeks} weeks have passed since the start` : `det har gått mindre än ${FOLLOW_UP_DEFAULTS.minWeeks} veckor sedan starten`,
    });
  }

  const controlSuggested = !settings.controlAreaId && !settings.controlPlaceId;
  const zones = await followUpZones(db, m.municipalityId, {
    measureId, bufferM, gapM: FOLLOW_UP_DEFAULTS.controlGapM, reachM: FOLLOW_UP_DEFAULTS.controlReachM, pointRadiusM: FOLLOW_UP_DEFAULTS.pointRadiusM,
    controlAreaId: settings.controlAreaId, controlPlaceId: settings.controlPlaceId, from: windows.beforeFrom, to: windows.afterTo,
  });
  if (!zones) throw new DomainError('not_found', [], { what: 'measure' });
  const rows = await zoneWeekCounts(db, actor, { response: zones.response.wkt, buffer: zones.buffer.wkt, control: zones.control.wkt }, windows.beforeFrom, windows.afterTo, m.categoryIds);
  const { weekly, counts } = weeklySeries(windows, rows);
  const result = evaluateIntervention(counts);
  const overlapping = await overlappingMeasures(db, m.municipalityId, measureId, { response: zones.response.wkt, buffer: zones.buffer.wkt }, windows.beforeFrom, windows.afterTo, FOLLOW_UP_DEFAULTS.pointRadiusM);
  const lang = opts.lang ?? 'sv';
  const caveats = followUpCaveats({ result, windows, overlapping, controlSuggested, controlClipped: zones.controlClipped, controlEmpty: counts.Cb === 0 || counts.Ca === 0 }, lang);

  const controlName = controlSuggested
    ? (lang === 'en' ? `Suggested control: within ${FOLLOW_UP_DEFAULTS.controlReachM / 1000} km of ${zones.response.name}` : `Föreslaget kontrollområde: inom ${FOLLOW_UP_DEFAULTS.controlReachM / 1000} km från ${zones.response.name}`)
    : await controlAreaName(db, m.municipalityId, { areaId: settings.controlAreaId, placeId: settings.controlPlaceId });
  return {
    measureId, start, before: windows.before, after: windows.after, weeks: windows.weeks, bufferM, categoryIds: m.categoryIds,
    areas: {
      response: { name: zones.response.name, geometry: zones.response.geojson, areaM2: zones.response.areaM2 },
      buffer: { name: lang === 'en' ? `Buffer ${bufferM} m` : `Buffertzon ${bufferM} m`, geometry: zones.buffer.geojson, areaM2: zones.buffer.areaM2 },
      control: { name: controlName, geometry: zones.control.geojson, areaM2: zones.control.areaM2 },
    },
    counts, result, weekly, caveats, controlSuggested,
  };
}
