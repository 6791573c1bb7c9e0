/** Area-group meetings and their decisions, as stored. */
import type { AgendaItem } from './agenda.ts';


export interface Participant {
  organisationId: string;
  organisationName?: string;
  name: string | null;
  present: boolean;
}

export interface MeetingRow {
  id: string;
  municipalityId: string;
  municipalityName: string;
  areaId: string | null;
  areaName: string | null;
  title: string;
  heldAt: Date;
  situationPictureId: string | null;
  situationPictureTitle: string | null;
  status: 'planned' | 'held';
  participants: Participant[];
  agenda: AgendaItem[];
  minutes: string | null;
  rowVersion: number;
  createdAt: Date;
  updatedAt: Date;
  decisionCount: number;
}

export interface DecisionRow {
  id: string;
  meetingId: string;
  agendaItem: string | null;
  text: string;
  organisationId: string | null;
  organisationName: string | null;
  due: string | null;
  measureId: string | null;
  createdAt: Date;
}
