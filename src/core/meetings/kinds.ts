/** The kinds of agenda item: what the agenda generator writes (and "other", an item a person adds). */
export const AGENDA_KINDS = ['new-hotspot', 'intensifying-hotspot', 'largest-change', 'red-status', 'measure-due', 'measure-overdue', 'follow-up-decision', 'other'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
