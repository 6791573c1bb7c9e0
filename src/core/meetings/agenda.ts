import type { SituationPictureContent, StatusLevelEntry } from '../situation-picture/content.ts';
import { addDays, stockholmDay } from '../measures/follow-up.ts';

/**
 * The agenda of an area-group meeting, generated from the current lägesbild and the open work:
 * first what the lägesbild shows (new and intensifying hotspots, the largest significant changes,
 * places and areas at red), then measures that are due or overdue, then earlier decisions whose
 * measure is not done yet. Item ids are stable (derived from what they point at), so a decision can
 * refer to an item and a regenerated agenda keeps the reference.
 */

export const AGENDA_KINDS = ['new-hotspot', 'intensifying-hotspot', 'largest-change', 'red-status', 'measure-due', 'measure-overdue', 'follow-up-decision', 'other'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export interface AgendaItem {
  id: string;
  kind: AgendaKind;
  title: string;
  detail: string;
  ref: { type: string; id: string } | null;
}

export interface AgendaMeasure {
  id: string;
  title: string;
  status: 'proposed' | 'planned' | 'ongoing' | 'done' | 'cancelled';
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

const STATUS_SV: Record<string, string> = { proposed: 'föreslagen', planned: 'planerad', ongoing: 'pågår', done: 'klar', cancelled: 'avbruten' };
const fmt = (n: number) => (n > 0 ? `+${n}` : String(n)).replace('-', '−');
const pct = (p: number | null) => (p === null ? '' : ` (${fmt(Math.round(p))} %)`);
const where = (m: { placeName: string | null; areaName: string | null }) => m.placeName ?? m.areaName ?? 'okänd plats';

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
      const name = cell.placeName ?? zone.placeName ?? `${cell.lat.toFixed(4)}° N, ${cell.lon.toFixed(4)}° E`;
      const inZone = zone.cellIds.length > 1 ? ` Hotspotområdet har ${zone.cellIds.length} rutor och ${zone.count} händelser${zone.placeNames.length ? ` (${zone.placeNames.join(', ')})` : ''}.` : '';
      items.push({
        id: `hotspot:${cell.cellId}`, kind,
        title: `${kind === 'new-hotspot' ? 'Ny hotspot' : 'Intensifierad hotspot'}: ${name}`,
        detail: `${cell.count} händelser i rutan ${cell.cellId} under perioden (Gi* z = ${cell.z.toFixed(1)}, konfidens ${Math.abs(cell.bin) === 3 ? '99' : Math.abs(cell.bin) === 2 ? '95' : '90'} %).${inZone}`,
        ref: { type: 'cell', id: cell.cellId },
      });
    }
    const changes = [
      ...c.byCategory.map((r) => ({ type: 'category', id: r.id, name: r.nameSv, count: r.count, ch: r.previous })),
      ...c.byArea.map((r) => ({ type: 'area', id: r.id, name: r.name, count: r.count, ch: r.previous })),
    ].filter((x) => x.ch.significant && x.ch.change !== 0)
      .sort((a, b) => Math.abs(b.ch.change) - Math.abs(a.ch.change) || a.ch.p - b.ch.p || a.id.localeCompare(b.id))
      .slice(0, LARGEST_CHANGES);
    for (const x of changes) {
      items.push({
        id: `change:${x.type}:${x.id}`, kind: 'largest-change',
        title: `${x.ch.change > 0 ? 'Ökning' : 'Minskning'}: ${x.name} ${fmt(x.ch.change)}${pct(x.ch.percentChange)}`,
        detail: `${x.count} händelser mot ${x.count - x.ch.change} perioden innan (p = ${x.ch.p < 0.001 ? '< 0,001' : x.ch.p.toFixed(3).replace('.', ',')}).`,
        ref: { type: x.type, id: x.id },
      });
    }
  }
  for (const s of input.statusLevels) {
    if (s.level !== 'red') continue;
    items.push({ id: `red:${s.kind}:${s.id}`, kind: 'red-status', title: `Röd nivå: ${s.name}`, detail: s.comment || 'Statusnivå röd i lägesbilden.', ref: { type: s.kind, id: s.id } });
  }

  const open = input.measures.filter((m) => m.status !== 'done' && m.status !== 'cancelled' && m.plannedEnd);
  const overdue = open.filter((m) => m.plannedEnd! < today).sort((a, b) => a.plannedEnd!.localeCompare(b.plannedEnd!));
  const due = open.filter((m) => m.plannedEnd! >= today && m.plannedEnd! <= addDays(today, DUE_WITHIN_DAYS)).sort((a, b) => a.plannedEnd!.localeCompare(b.plannedEnd!));
  for (const m of overdue) {
    items.push({ id: `measure:${m.id}`, kind: 'measure-overdue', title: `Försenad åtgärd: ${m.title}`, detail: `${where(m)}, ${m.organisationName}; skulle vara klar ${m.plannedEnd} (${STATUS_SV[m.status]}).`, ref: { type: 'measure', id: m.id } });
  }
  for (const m of due) {
    items.push({ id: `measure:${m.id}`, kind: 'measure-due', title: `Åtgärd klar snart: ${m.title}`, detail: `${where(m)}, ${m.organisationName}; planerad klar ${m.plannedEnd} (${STATUS_SV[m.status]}).`, ref: { type: 'measure', id: m.id } });
  }
  for (const d of input.openDecisions) {
    items.push({
      id: `decision:${d.id}`, kind: 'follow-up-decision', title: `Uppföljning av beslut: ${d.text.length > 120 ? d.text.slice(0, 119) + '…' : d.text}`,
      detail: `Beslutat ${d.decidedOn} (${d.meetingTitle})${d.organisationName ? `, ansvarig ${d.organisationName}` : ''}; åtgärden ”${d.measureTitle}” är ${STATUS_SV[d.measureStatus] ?? d.measureStatus}${d.due ? `, klar senast ${d.due}` : ''}.`,
      ref: { type: 'decision', id: d.id },
    });
  }
  return items;
}
