import { MEASURE_LIMITS, type MeasureInput } from '../measures/rules.ts';

/**
 * What a meeting decision already says about the measure it becomes, so nobody types it twice: the
 * title (the decision's first line), the responsible organisation, the due date as the planned
 * end, the place or area and the problem from the agenda item it was taken on (else the meeting's
 * area), the full decision text as notes when the title had to be shortened, and the meeting and
 * its lägesbild. Used by the server (a decision's measure and "make this decision a measure") and
 * by the browser to prefill the same fields.
 */
export interface DecisionFacts {
  text: string;
  organisationId: string | null;
  due: string | null;
}

export interface AgendaItemFacts {
  title: string;
  detail: string;
  ref: { type: string; id: string } | null;
}

export interface MeetingFacts {
  id: string;
  areaId: string | null;
  situationPictureId: string | null;
}

/**
 * The decision's first line, at most titleMax characters (cut at a word, with "…"). Not its first
 * sentence: decisions are full of "t.ex." and "bl.a.", where a full stop ends no sentence.
 */
export function titleOfDecision(text: string): string {
  const line = text.trim().split(/\r?\n/)[0].replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const max = MEASURE_LIMITS.titleMax;
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** The measure fields the decision gives (only those it has). */
export function measureFromDecision(d: DecisionFacts, item: AgendaItemFacts | null, meeting: MeetingFacts): MeasureInput {
  const title = titleOfDecision(d.text);
  const placeId = item?.ref?.type === 'place' ? item.ref.id : null;
  const areaId = placeId ? null : item?.ref?.type === 'area' ? item.ref.id : meeting.areaId;
  const problem = item ? `${item.title}${item.detail ? `: ${item.detail}` : ''}`.slice(0, MEASURE_LIMITS.problemMax) : null;
  const out: MeasureInput = { title, meetingId: meeting.id };
  if (d.organisationId) out.organisationId = d.organisationId;
  if (d.due) out.plannedEnd = d.due.slice(0, 10);
  if (placeId) out.placeId = placeId;
  if (areaId) out.areaId = areaId;
  if (problem) out.problem = problem;
  if (title !== d.text.trim().replace(/\s+/g, ' ').replace(/\.$/, '')) out.notes = d.text.trim().slice(0, MEASURE_LIMITS.notesMax);
  if (meeting.situationPictureId) out.situationPictureId = meeting.situationPictureId;
  return out;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * `input` with the decision's values where it leaves a field out. Place and area go together: a
 * measure given either keeps its own and takes neither from the decision.
 */
export function withDecisionDefaults(input: MeasureInput, defaults: MeasureInput): MeasureInput {
  const out: MeasureInput = { ...input };
  const where = !blank(input.placeId) || !blank(input.areaId);
  for (const [k, v] of Object.entries(defaults) as Array<[keyof MeasureInput, unknown]>) {
    if ((k === 'placeId' || k === 'areaId') && where) continue;
    if (blank(out[k])) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
