/** The yearly "Lägesbild och åtgärdsplan" (lag 2023:196) in the HTTP contract. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.ts';
import { ProblemAnalysis, ProblemAnalysisInput } from './editions.ts';

export const ActionPlanYearParams = Type.Object({ year: Type.String({ description: 'The year, e.g. 2026 (2000–2100)', maxLength: 6 }) }, { additionalProperties: false });
/** Whose plan: each municipality has its own (the police area's two municipalities, two plans). */
export const ActionPlanQuery = Type.Object({ municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'The municipality, one of the caller\'s (default: the home one).' })) }, { additionalProperties: false });

const Comparison = Type.Object({ label: Type.String(), value: Type.Number() });
const SurveyFigureInput = Type.Object({
  source: Type.String({ description: 'e.g. NTU (Brå)' }), indicator: Type.String(), value: Type.Number(), unit: Type.Optional(Type.String()),
  year: Type.Integer(), comparison: Type.Optional(Nullable(Comparison)),
}, { additionalProperties: false });
/** The published lägesbild a prioritised problem was taken from (a proposal the coordinator accepted). */
export const PrioritySource = Type.Object({
  situationPictureId: Type.String(), title: Type.String({ description: 'The edition\'s title' }), problemId: Type.String({ description: 'The problem\'s id in the edition' }),
}, { description: 'The published lägesbild the problem was taken from' });
const PrioritySourceInput = Type.Object({
  situationPictureId: Type.String({ maxLength: 40 }), problemId: Type.String({ maxLength: 100 }),
  title: Type.Optional(Type.String({ maxLength: 1000, description: 'Ignored: the server writes the edition\'s own title' })),
});
const PlanPriorityInput = Type.Object({
  ...ProblemAnalysisInput.properties,
  source: Type.Optional(Nullable(PrioritySourceInput, { description: 'Kept as read: the edition the problem came from' })),
}, { description: ProblemAnalysisInput.description });
export const PlanPriority = Type.Object({ ...ProblemAnalysis.properties, source: Nullable(PrioritySource) });
export type PlanPriority = Static<typeof PlanPriority>;

export const ActionPlanBody = Type.Object({
  rowVersion: Type.Optional(Type.Integer({ minimum: 0, description: 'The rowVersion last read; 0 or none when the year has no plan yet' })),
  narrative: Type.Optional(Type.Object({
    introduction: Type.Optional(Type.String()), analysis: Type.Optional(Type.String()), priorities: Type.Optional(Type.Array(PlanPriorityInput)),
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
const Day = Type.String({ description: 'YYYY-MM-DD, a Swedish calendar day', maxLength: 10 });
/** What the yearly document's mapping covers and compares with, seen today. */
export const PlanComparison = Type.Object({
  year: Type.Integer(),
  state: StringEnum(['complete', 'incomplete', 'notStarted'] as const, { description: 'The year is over (compared with the whole year before), running (its whole days so far against the same dates the year before) or not begun' }),
  from: Day, to: Day, compareFrom: Day, compareTo: Day,
}, { description: 'Days inclusive' });
export type PlanComparison = Static<typeof PlanComparison>;

export const ActionPlan = Type.Object({
  id: Nullable(Type.String()), municipalityId: Type.String(), year: Type.Integer(),
  narrative: Type.Object({ introduction: Type.String(), analysis: Type.String(), priorities: Type.Array(PlanPriority) }),
  survey: Type.Array(SurveyFigure), adoptedAt: Nullable(Type.String({ description: 'YYYY-MM-DD' })), adoptedBy: Nullable(Type.String()),
  rowVersion: Type.Integer({ description: '0 when nothing has been written for the year yet' }),
  createdAt: Nullable(Type.String({ format: 'date-time' })), updatedAt: Nullable(Type.String({ format: 'date-time' })),
  comparison: PlanComparison,
});
export type ActionPlan = Static<typeof ActionPlan>;

/** A problem the year's published lägesbilder prioritised, offered to the plan. */
export const PlanProposal = Type.Object({
  situationPictureId: Type.String({ description: 'The newest edition that prioritised the problem' }), problemId: Type.String(),
  edition: Type.Object({ id: Type.String(), title: Type.String(), period: Type.Object({ from: Day, to: Day }), publishedAt: Type.String({ format: 'date-time' }) }),
  editions: Type.Integer({ description: 'How many of the year\'s editions prioritised it' }),
  problem: ProblemAnalysis,
  accepted: Type.Boolean({ description: 'The plan already has the problem' }),
});
export type PlanProposal = Static<typeof PlanProposal>;
export const PlanProposalList = Type.Object({ items: Type.Array(PlanProposal) });
export type PlanProposalList = Static<typeof PlanProposalList>;
export const AcceptProposalBody = Type.Object({
  situationPictureId: Type.String({ maxLength: 40 }), problemId: Type.String({ maxLength: 100 }),
  rowVersion: Type.Optional(Type.Integer({ minimum: 0, description: 'The plan\'s rowVersion last read; 0 or none when the year has no plan yet' })),
}, { additionalProperties: false });
export type AcceptProposalBody = Static<typeof AcceptProposalBody>;
