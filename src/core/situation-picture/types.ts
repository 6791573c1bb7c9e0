/** A lägesbild edition as stored: its period, content, narrative and status. */
import type { MeasureRow, Narrative, SituationPictureContent, StatusLevelEntry } from './content.ts';


export interface SituationPictureRecord {
  id: string;
  municipalityId: string;
  seriesId: string;
  version: number;
  areaId: string | null;
  areaName: string | null;
  title: string;
  periodFrom: Date;
  periodTo: Date;
  filters: { categoryIds: string[]; organisationIds: string[] };
  status: 'draft' | 'published';
  origin: 'manual' | 'scheduled';
  content: SituationPictureContent;
  computedAt: Date;
  narrative: Partial<Narrative>;
  statusLevels: StatusLevelEntry[];
  rowVersion: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export type SituationPictureListRow = Omit<SituationPictureRecord, 'content' | 'narrative' | 'statusLevels'> & { total: number };

/** A measure as an edition lists it, with the dates that decide which list. */
export interface MeasureFact extends Omit<MeasureRow, 'overdue'> {
  actualStart: string | null;
  actualEnd: string | null;
}
