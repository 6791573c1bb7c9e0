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

export interface ActionPlanNarrative {
  introduction: string;
  analysis: string;
  priorities: ProblemAnalysis[];
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
