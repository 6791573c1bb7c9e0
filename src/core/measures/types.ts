/** A measure (åtgärd) as stored and as shown, and how measures are selected. */
import type { FollowUpSettings, MeasureStatus } from './rules.ts';
import type { MeasureTerm } from './catalogue.ts';


/** A measure as stored: the columns a write sets (MeasureRow) and what the database adds. */
export interface Measure extends MeasureRow {
  id: string;
  placeName: string | null;
  areaName: string | null;
  organisationName: string;
  rowVersion: number;
  createdAt: Date;
  updatedAt: Date;
  overdue: boolean;
}

export interface MeasureRow {
  municipalityId: string;
  type: string;
  term: MeasureTerm;
  title: string;
  problem: string | null;
  categoryIds: string[];
  placeId: string | null;
  areaId: string | null;
  organisationId: string;
  responsiblePerson: string | null;
  status: MeasureStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  costSek: number | null;
  notes: string | null;
  followUp: FollowUpSettings;
  meetingId: string | null;
  situationPictureId: string | null;
}

export interface MeasureFilter {
  municipalities: string[];
  status?: MeasureStatus;
  term?: MeasureTerm;
  placeId?: string;
  areaId?: string;
  organisationId?: string;
  due?: 'overdue' | 'soon';
  /** Measures whose place or area holds the incident and whose categories include its category (or are empty). */
  incidentId?: string;
  /** With incidentId: only when the incident was reported by this user. */
  reporterId?: string;
  meetingId?: string;
  ids?: string[];
}
