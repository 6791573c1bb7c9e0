/** The yearly "Lägesbild och åtgärdsplan" (lag 2023:196) in the HTTP contract. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.ts';
import { ProblemAnalysis, ProblemAnalysisInput } from './editions.ts';

export const ActionPlanYearParams = Type.Object({ year: Type.String({ description: 'The year, e.g. 2026 (2000–2100)', maxLength: 6 }) }, { additionalProperties: false });

const Comparison = Type.Object({ label: Type.String(), value: Type.Number() });
const SurveyFigureInput = Type.Object({
  source: Type.String({ description: 'e.g. NTU (Brå)' }), indicator: Type.String(), value: Type.Number(), unit: Type.Optional(Type.String()),
  year: Type.Integer(), comparison: Type.Optional(Nullable(Comparison)),
}, { additionalProperties: false });
export const ActionPlanBody = Type.Object({
  rowVersion: Type.Optional(Type.Integer({ minimum: 0, description: 'The rowVersion last read; 0 or none when the year has no plan yet' })),
  narrative: Type.Optional(Type.Object({
    introduction: Type.Optional(Type.String()), analysis: Type.Optional(Type.String()), priorities: Type.Optional(Type.Array(ProblemAnalysisInput)),
  }, { additionalProperties: false })),
  survey: Type.Optional(Type.Array(SurveyFigureInput)),
  adoptedAt: Type.Optional(Nullable(Type.String({ description: 'YYYY-MM-DD' }))),
  adoptedBy: Type.Optional(Nullable(Type.String())),
}, { additionalProperties: false });
export type ActionPlanBody = Static<typeof ActionPlanBody>;

export const SurveyFigure = Type.Object({
  source: Type.String(), indicator: Type.String(), value: Type.Number(), unit: Type.String(), year: Type.Integer(), comparison: Nullable(Comparison),
});
export type SurveyFigure = Static<typeof SurveyFigure>;
export const ActionPlan = Type.Object({
  id: Nullable(Type.String()), municipalityId: Type.String(), year: Type.Integer(),
  narrative: Type.Object({ introduction: Type.String(), analysis: Type.String(), priorities: Type.Array(ProblemAnalysis) }),
  survey: Type.Array(SurveyFigure), adoptedAt: Nullable(Type.String({ description: 'YYYY-MM-DD' })), adoptedBy: Nullable(Type.String()),
  rowVersion: Type.Integer({ description: '0 when nothing has been written for the year yet' }),
  createdAt: Nullable(Type.String({ format: 'date-time' })), updatedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type ActionPlan = Static<typeof ActionPlan>;
