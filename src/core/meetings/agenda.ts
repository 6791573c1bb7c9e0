import type { SituationPictureContent, StatusLevelEntry } from '../situation-picture/content.ts';
import { hotspotName, type HotspotWhere } from '../situation-picture/hotspot-name.ts';
import { addDays, stockholmDay } from '../measures/follow-up.ts';
import type { MeasureStatus } from '../measures/rules.ts';
import type { Language } from '../i18n/errors.ts';
import { formatDate } from '../i18n/dates.ts';
import { formatNumber, formatP, formatSigned, formatSignedPercent } from '../i18n/numbers.ts';
import { plural } from '../i18n/plural.ts';
import { DOMAIN_TERMS, fill } from '../i18n/terms.ts';
import type { AgendaKind } from './kinds.ts';

/**
 * The agenda of an area-group meeting, generated from the current lägesbild and the open work:
 * first what the lägesbild shows (new and intensifying hotspots, the largest significant changes,
 * places and areas at red), then measures that are due or overdue, then earlier decisions whose
 * measure is not done yet. Item ids are stable (derived from what they point at), so a decision can
 * refer to an item and a regenerated agenda keeps the reference.
 *
 * A generated item keeps what it says as data (`params`); its title and detail are written from them
 * in the reader's language when the meeting is read (`localiseAgenda`). The stored title and detail
 * are the Swedish text, and the only text of items a person wrote or changed.
 */

export { AGENDA_KINDS, type AgendaKind } from './kinds.ts';

export interface HotspotParams {
  /** The place the cell is named by, else null (then its position is shown). */
  name: string | null;
  /** Where the cell lies in names (district, nearest place, direction): its name in the reader's language. */
  where?: HotspotWhere;
  lat: number;
  lon: number;
  count: number;
  z: number;
  /** 90, 95 or 99. */
  confidence: number;
  /** The hotspot zone the cell belongs to, when it has more than one cell. */
  zone: { cells: number; count: number; places: string[] } | null;
}
export interface ChangeParams {
  /** The category's or area's name; a category's English name beside it. */
  name: string;
  nameEn: string | null;
  count: number;
  change: number;
  percent: number | null;
  p: number;
}
export interface RedParams { name: string; comment: string }
export interface MeasureParams { title: string; where: string | null; organisation: string; plannedEnd: string; status: MeasureStatus }
export interface DecisionParams {
  text: string;
  decidedOn: string;
  meeting: string;
  organisation: string | null;
  measure: string;
  status: string;
  due: string | null;
}
export type AgendaParams = HotspotParams | ChangeParams | RedParams | MeasureParams | DecisionParams;

export interface AgendaItem {
  id: string;
  kind: AgendaKind;
  title: string;
  detail: string;
  ref: { type: string; id: string } | null;
  /** What a generated item says; absent on items a person wrote or changed and on agendas stored before. */
  params?: AgendaParams;
}

export interface AgendaMeasure {
  id: string;
  title: string;
  status: MeasureStatus;
  organisationName: string;
  placeName: string | null;
  areaName: string | null;
  plannedEnd: string | null;
}

export interface OpenDecision {
  id: string;
  text: string;
  meetingTitle: string;
  /** Day of the meeting that took it (YYYY-MM-DD). */
  decidedOn: string;
  organisationName: string | null;
  due: string | null;
  measureId: string;
  measureTitle: string;
  measureStatus: string;
}

export interface AgendaInput {
  content: SituationPictureContent | null;
  statusLevels: StatusLevelEntry[];
  measures: AgendaMeasure[];
  openDecisions: OpenDecision[];
  now: Date;
}

/** How many of the largest significant changes the agenda lists. */
export const LARGEST_CHANGES = 3;
/** A measure is due when its planned end is within this many days. */
export const DUE_WITHIN_DAYS = 14;

const count = (lang: Language, which: 'incidents' | 'cells', n: number) => fill(plural(lang, n, DOMAIN_TERMS[lang].agenda[which]), { n: formatNumber(lang, n) });
const statusWord = (lang: Language, s: string) => (DOMAIN_TERMS[lang].measureStatus as Record<string, string>)[s]?.toLocaleLowerCase(lang) ?? s;
const clip = (s: string) => (s.length > 120 ? s.slice(0, 119) + '…' : s);

/** The title and detail of a generated item in a language, from its kind and params. */
export function agendaText(kind: AgendaKind, params: AgendaParams, lang: Language): { title: string; detail: string } {
  const w = DOMAIN_TERMS[lang], a = w.agenda;
  switch (kind) {
    case 'new-hotspot':
    case 'intensifying-hotspot': {
      const p = params as HotspotParams;
      // A position is written the same in both languages, as GPS apps and maps show it.
      const name = p.where ? hotspotName(p.where, lang, p) : p.name ?? `${p.lat.toFixed(4)}° N, ${p.lon.toFixed(4)}° E`;
      const zone = p.zone
        ? ' ' + fill(p.zone.places.length ? a.hotspotZonePlaces : a.hotspotZone, { cells: count(lang, 'cells', p.zone.cells), incidents: count(lang, 'incidents', p.zone.count), places: p.zone.places.join(', ') })
        : '';
      return {
        title: fill(a.hotspotTitle, { class: w.emerging[kind === 'new-hotspot' ? 'New Hot Spot' : 'Intensifying Hot Spot'], name }),
        detail: fill(a.hotspotDetail, { incidents: count(lang, 'incidents', p.count), z: formatNumber(lang, p.z, 1), confidence: p.confidence }) + zone,
      };
    }
    case 'largest-change': {
      const p = params as ChangeParams;
      const name = lang === 'en' && p.nameEn ? p.nameEn : p.name;
      return {
        title: fill(p.change > 0 ? a.increase : a.decrease, { name, change: formatSigned(lang, p.change), percent: p.percent === null ? '–' : formatSignedPercent(lang, Math.round(p.percent)) }),
        detail: fill(a.changeDetail, { incidents: count(lang, 'incidents', p.count), before: formatNumber(lang, p.count - p.change), p: formatP(lang, p.p) }),
      };
    }
    case 'red-status': {
      const p = params as RedParams;
      return { title: fill(a.redTitle, { name: p.name }), detail: p.comment || a.redDetail };
    }
    case 'measure-overdue':
    case 'measure-due': {
      const p = params as MeasureParams;
      return {
        title: fill(kind === 'measure-overdue' ? a.overdueTitle : a.dueTitle, { title: p.title }),
        detail: fill(kind === 'measure-overdue' ? a.overdueDetail : a.dueDetail, { where: p.where ?? a.unknownPlace, organisation: p.organisation, date: formatDate(lang, p.plannedEnd), status: statusWord(lang, p.status) }),
      };
    }
    case 'follow-up-decision': {
      const p = params as DecisionParams;
      return {
        title: fill(a.decisionTitle, { text: clip(p.text) }),
        detail: fill(a.decisionDetail, {
          date: formatDate(lang, p.decidedOn), meeting: p.meeting, measure: p.measure, status: statusWord(lang, p.status),
          responsible: p.organisation ? fill(a.decisionResponsible, { organisation: p.organisation }) : '',
          due: p.due ? fill(a.decisionDue, { date: formatDate(lang, p.due) }) : '',
        }),
      };
    }
    case 'other':
      return { title: '', detail: '' };
  }
}

function item(id: string, kind: AgendaKind, params: AgendaParams, ref: AgendaItem['ref']): AgendaItem {
  return { id, kind, ...agendaText(kind, params, 'sv'), ref, params };
}

/** An agenda item as it is read: its text in the reader's language, its params left at home. */
export type ReadAgendaItem = Omit<AgendaItem, 'params'>;

/** The agenda as the reader reads it: generated items in `lang`, the rest as written. */
export function localiseAgenda(items: AgendaItem[], lang: Language): ReadAgendaItem[] {
  return items.map(({ params, ...x }) => (params && x.kind !== 'other' ? { ...x, ...agendaText(x.kind, params, lang) } : x));
}

/**
 * An agenda sent back by a client (without params) against the stored one: an item whose title and
 * detail are still the generated text, in either language, keeps its params and so stays bilingual;
 * an item a person changed keeps only its text.
 */
export function mergeAgenda(incoming: ReadAgendaItem[], stored: AgendaItem[]): AgendaItem[] {
  const before = new Map(stored.map((x) => [x.id, x]));
  return incoming.map((x) => {
    const old = before.get(x.id);
    if (!old?.params || old.kind !== x.kind || x.kind === 'other') return { ...x };
    const unchanged = (['sv', 'en'] as const).some((l) => {
      const t = agendaText(old.kind, old.params!, l);
      return t.title === x.title && t.detail === x.detail;
    });
    return unchanged ? { ...x, ...agendaText(old.kind, old.params, 'sv'), params: old.params } : { ...x };
  });
}

export function buildAgenda(input: AgendaInput): AgendaItem[] {
  const items: AgendaItem[] = [];
  const today = stockholmDay(input.now);
  const c = input.content;

  if (c) {
    // One item per hotspot zone that is new or intensifying (its peak cell's class), or that holds a
    // busy cell that is; editions made before zones existed list their cells one by one.
    const cells = new Map(c.hotspots.cells.map((x) => [x.cellId, x]));
    const rising = (x: { emerging: string | null }) => x.emerging === 'New Hot Spot' || x.emerging === 'Intensifying Hot Spot';
    const zones = c.hotspots.zones ?? c.hotspots.cells.filter((x) => x.bin > 0).map((x) => ({ id: x.cellId, cellIds: [x.cellId], peakCellId: x.cellId, count: x.count, placeName: x.placeName, placeNames: x.placeName ? [x.placeName] : [] }));
    for (const zone of zones) {
      const members = zone.cellIds.map((id) => cells.get(id)).filter((x): x is NonNullable<typeof x> => !!x);
      const peak = cells.get(zone.peakCellId);
      const cell = peak && rising(peak) ? peak : members.filter((x) => x.count > 0 && rising(x)).sort((a, b) => b.count - a.count || b.z - a.z)[0];
      if (!cell) continue;
      const kind = cell.emerging === 'New Hot Spot' ? 'new-hotspot' : 'intensifying-hotspot';
      items.push(item(`hotspot:${cell.cellId}`, kind, {
        name: cell.placeName ?? zone.placeName ?? null, ...(cell.where ? { where: cell.where } : {}), lat: cell.lat, lon: cell.lon, count: cell.count, z: cell.z,
        confidence: Math.abs(cell.bin) === 3 ? 99 : Math.abs(cell.bin) === 2 ? 95 : 90,
        zone: zone.cellIds.length > 1 ? { cells: zone.cellIds.length, count: zone.count, places: zone.placeNames } : null,
      }, { type: 'cell', id: cell.cellId }));
    }
    const changes = [
      ...c.byCategory.map((r) => ({ type: 'category', id: r.id, name: r.nameSv, nameEn: r.nameEn, count: r.count, ch: r.previous })),
      ...c.byArea.map((r) => ({ type: 'area', id: r.id, name: r.name, nameEn: null, count: r.count, ch: r.previous })),
    ].filter((x) => x.ch.significant && x.ch.change !== 0)
      .sort((a, b) => Math.abs(b.ch.change) - Math.abs(a.ch.change) || a.ch.p - b.ch.p || a.id.localeCompare(b.id))
      .slice(0, LARGEST_CHANGES);
    for (const x of changes) {
      items.push(item(`change:${x.type}:${x.id}`, 'largest-change', { name: x.name, nameEn: x.nameEn, count: x.count, change: x.ch.change, percent: x.ch.percentChange, p: x.ch.p }, { type: x.type, id: x.id }));
    }
  }
  for (const s of input.statusLevels) {
    if (s.level !== 'red') continue;
    items.push(item(`red:${s.kind}:${s.id}`, 'red-status', { name: s.name, comment: s.comment }, { type: s.kind, id: s.id }));
  }

  const open = input.measures.filter((m) => m.status !== 'done' && m.status !== 'cancelled' && m.plannedEnd);
  const overdue = open.filter((m) => m.plannedEnd! < today).sort((a, b) => a.plannedEnd!.localeCompare(b.plannedEnd!));
  const due = open.filter((m) => m.plannedEnd! >= today && m.plannedEnd! <= addDays(today, DUE_WITHIN_DAYS)).sort((a, b) => a.plannedEnd!.localeCompare(b.plannedEnd!));
  const measureParams = (m: AgendaMeasure): MeasureParams => ({ title: m.title, where: m.placeName ?? m.areaName, organisation: m.organisationName, plannedEnd: m.plannedEnd!, status: m.status });
  for (const m of overdue) items.push(item(`measure:${m.id}`, 'measure-overdue', measureParams(m), { type: 'measure', id: m.id }));
  for (const m of due) items.push(item(`measure:${m.id}`, 'measure-due', measureParams(m), { type: 'measure', id: m.id }));
  for (const d of input.openDecisions) {
    items.push(item(`decision:${d.id}`, 'follow-up-decision', {
      text: d.text, decidedOn: d.decidedOn, meeting: d.meetingTitle, organisation: d.organisationName, measure: d.measureTitle, status: d.measureStatus, due: d.due,
    }, { type: 'decision', id: d.id }));
  }
  return items;
}
