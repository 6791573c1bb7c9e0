/** The yearly lägesbild and action plan (lag 2023:196): its survey figures, priorities and stored form. */
import type { ProblemAnalysis } from '../situation-picture/content.ts';


export interface SurveyFigure {
  source: string;
  indicator: string;
  value: number;
  unit: string;
  year: number;
  comparison: { label: string; value: number } | null;
}

/** The published lägesbild a prioritised problem was taken from (accepted as a proposal). */
export interface PrioritySource {
  situationPictureId: string;
  /** The edition's title when the problem was taken (a published edition never changes). */
  title: string;
  problemId: string;
}

/** A prioritised problem of the plan: a cause analysis, from an edition or written for the plan. */
export interface PlanPriority extends ProblemAnalysis {
  source: PrioritySource | null;
}

export interface ActionPlanNarrative {
  introduction: string;
  analysis: string;
  priorities: PlanPriority[];
}

export interface ActionPlanRecord {
  id: string;
  municipalityId: string;
  year: number;
  narrative: ActionPlanNarrative;
  survey: SurveyFigure[];
  adoptedAt: string | null;
  adoptedBy: string | null;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionPlanWrite {
  narrative: ActionPlanNarrative;
  survey: SurveyFigure[];
  adoptedAt: string | null;
  adoptedBy: string | null;
}
