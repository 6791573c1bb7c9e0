import type * as GeoJSON from 'geojson';
import type { InterventionResult } from '../../../../src/core/analysis/intervention/index.ts';
import type { Narrative, Period, ProblemAnalysis, SituationPictureContent, StatusLevel, StatusLevelEntry } from '../../../../src/core/situation-picture/content.ts';
import type { MeasureInput as CoreMeasureInput, MeasureStatus } from '../../../../src/core/measures/rules.ts';

/**
 * The answers of the EST-cycle API (docs/est-cycle.md) as the browser sees them. The edition's
 * content comes from the server's own type, so the page and the PDF can never disagree about it.
 */
export type { InterventionResult, Narrative, Period, ProblemAnalysis, SituationPictureContent, StatusLevel, StatusLevelEntry };

export interface SituationPictureSummary {
  id: string;
  seriesId: string;
  version: number;
  title: string;
  status: 'draft' | 'published';
  origin: 'manual' | 'scheduled';
  areaId: string | null;
  areaName: string | null;
  period: Period;
  publishedAt: string | null;
  createdAt: string;
  total: number;
}

export interface SituationPicture extends SituationPictureSummary {
  municipalityId: string;
  filters: { categoryIds?: string[]; organisationIds?: string[] };
  content: SituationPictureContent;
  narrative: Narrative;
  statusLevels: StatusLevelEntry[];
  rowVersion: number;
  computedAt: string;
  versions: Array<{ id: string; version: number; status: 'draft' | 'published'; publishedAt: string | null }>;
}

export interface ComparisonRow { id: string; nameSv?: string; name?: string; base: number; other: number; change: number }
export interface Comparison {
  base: SituationPictureSummary;
  other: SituationPictureSummary;
  totals: { base: number; other: number; change: number };
  byCategory: ComparisonRow[];
  byArea: ComparisonRow[];
  hotspots: { new: string[]; persisting: string[]; gone: string[] };
  statusLevels: Array<{ kind: 'area' | 'place'; id: string; name: string; base: StatusLevel | null; other: StatusLevel | null }>;
}

export interface FeedbackItem {
  id: string;
  title: string;
  period: Period;
  summary: string;
  publishedAt: string;
  totals: { count: number; previous?: { change: number; percentChange: number | null } } | null;
  topCategories: Array<{ id?: string; nameSv: string; nameEn?: string; count: number }>;
}

export interface MeasureType { code: string; kind: 'situational' | 'social' | 'other'; nameSv: string; nameEn: string; defaultTerm: 'short' | 'long' }
// The measure's shape is the server's (core/measures/rules.ts); a form sends at least these four.
export { MEASURE_STATUSES, type MeasureStatus, type FollowUpSettings as FollowUpOptions } from '../../../../src/core/measures/rules.ts';
export type MeasureInput = CoreMeasureInput & Required<Pick<CoreMeasureInput, 'type' | 'term' | 'title' | 'organisationId'>>;

export interface Measure extends MeasureInput {
  id: string;
  municipalityId: string;
  organisationName: string;
  placeName: string | null;
  areaName: string | null;
  status: MeasureStatus;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
  overdue: boolean;
}

export interface FollowUp {
  measureId: string;
  start: string;
  before: Period;
  after: Period;
  weeks: number;
  areas: { response: AreaShape; buffer: AreaShape; control: AreaShape };
  counts: { Rb: number; Ra: number; Db: number; Da: number; Cb: number; Ca: number };
  result: InterventionResult;
  weekly: Array<{ weekStart: string; response: number; buffer: number; control: number }>;
  caveats: Array<{ code: string; message: string }>;
  controlSuggested: boolean;
}
export interface AreaShape { name: string; geometry?: GeoJSON.Geometry; type?: string; [k: string]: unknown }

export type AgendaKind = 'new-hotspot' | 'intensifying-hotspot' | 'largest-change' | 'red-status' | 'measure-due' | 'measure-overdue' | 'follow-up-decision' | 'other';
export interface AgendaItem { id: string; kind: AgendaKind; title: string; detail: string; ref: { type: string; id: string } | null }
export interface Participant { organisationId: string; name?: string | null; present?: boolean }

export interface MeetingSummary {
  id: string;
  title: string;
  heldAt: string;
  areaId: string | null;
  areaName?: string | null;
  status: 'planned' | 'held';
  situationPictureId: string | null;
}

export interface Decision {
  id: string;
  text: string;
  agendaItem: string | null;
  organisationId: string | null;
  due: string | null;
  measureId: string | null;
  measure?: Measure | null;
  createdAt: string;
}

export interface Meeting extends MeetingSummary {
  municipalityId: string;
  participants: Participant[];
  agenda: AgendaItem[];
  minutes: string | null;
  decisions: Decision[];
  rowVersion: number;
}

export interface SurveyRow { source: string; indicator: string; value: number | string; unit: string; year: number | string; comparison?: string | null }
export interface ActionPlan {
  year: number;
  narrative: { introduction: string; analysis: string; priorities: ProblemAnalysis[] };
  survey: SurveyRow[];
  adoptedAt: string | null;
  adoptedBy: string | null;
  rowVersion: number | null;
}
