import type * as C from '../../../../src/contract/index.ts';

/**
 * The answers of the EST-cycle API (docs/est-cycle.md) as the browser sees them: the server's
 * contract (src/contract), read as JSON carries it. The edition's content is the same schema the
 * server stores and the PDF reads, so the page and the document can never disagree about it.
 */
export type Period = C.EditionPeriod;
export type SituationPictureContent = C.Wire<C.SituationPictureContent>;
export type Narrative = C.Narrative;
export type ProblemAnalysis = C.ProblemAnalysis;
export type StatusLevel = C.StatusLevel;
export type StatusLevelEntry = C.StatusLevelEntry;
export type SituationPictureSummary = C.Wire<C.SituationPictureSummary>;
export type SituationPicture = C.Wire<C.SituationPicture>;
export type SituationPictureList = C.Wire<C.SituationPictureList>;
export type Comparison = C.Wire<C.EditionComparison>;

export type MeasureType = C.MeasureType;
export type MeasureTypeList = C.MeasureTypeList;
export { MEASURE_STATUSES, type MeasureStatus } from '../../../../src/core/measures/rules.ts';
export type FollowUpOptions = C.FollowUpSettings;
/** A measure as a form sends it: at least these four. */
export type MeasureInput = C.MeasureBody & Required<Pick<C.MeasureBody, 'type' | 'term' | 'title' | 'organisationId'>>;
export type Measure = C.Wire<C.Measure>;
export type MeasureList = C.Wire<C.MeasureList>;
export type FollowUp = C.Wire<C.FollowUp>;

export type AgendaItem = C.AgendaItem;
export type MeetingList = C.Wire<C.MeetingList>;
export type Decision = C.Wire<C.Decision>;
export type Meeting = C.Wire<C.Meeting>;

export type SurveyFigure = C.SurveyFigure;
export type ActionPlan = C.ActionPlan;
