import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/engine.ts';
import { getActionPlan, putActionPlan, type ActionPlanInput } from '../../services/action-plans.ts';
import { actor } from '../plugins/auth.ts';
import { errors } from '../../contract/index.ts';

const YearParams = Type.Object({ year: Type.String({ description: 'The year, e.g. 2026 (2000–2100)', maxLength: 6 }) }, { additionalProperties: false });

const Priority = Type.Object({}, { additionalProperties: true, description: 'A ProblemAnalysis: { id?, title, priority?, categoryIds?, placeId?, areaId?, offender, target, place, suggestedMeasures }' });
const Survey = Type.Object({
  source: Type.String({ description: 'e.g. NTU (Brå)' }), indicator: Type.String(), value: Type.Number(), unit: Type.Optional(Type.String()),
  year: Type.Integer(), comparison: Type.Optional(Type.Union([Type.Null(), Type.Object({ label: Type.String(), value: Type.Number() })])),
}, { additionalProperties: false });
const PlanBody = Type.Object({
  rowVersion: Type.Optional(Type.Integer({ minimum: 0, description: 'The rowVersion last read; 0 or none when the year has no plan yet' })),
  narrative: Type.Optional(Type.Object({ introduction: Type.Optional(Type.String()), analysis: Type.Optional(Type.String()), priorities: Type.Optional(Type.Array(Priority)) }, { additionalProperties: false })),
  survey: Type.Optional(Type.Array(Survey)),
  adoptedAt: Type.Optional(Type.Union([Type.Null(), Type.String({ description: 'YYYY-MM-DD' })])),
  adoptedBy: Type.Optional(Type.Union([Type.Null(), Type.String()])),
}, { additionalProperties: false });
const Plan = Type.Object({
  id: Type.Union([Type.Null(), Type.String()]), municipalityId: Type.String(), year: Type.Integer(),
  narrative: Type.Object({ introduction: Type.String(), analysis: Type.String(), priorities: Type.Array(Type.Object({}, { additionalProperties: true })) }),
  survey: Type.Array(Type.Object({}, { additionalProperties: true })), adoptedAt: Type.Union([Type.Null(), Type.String()]), adoptedBy: Type.Union([Type.Null(), Type.String()]),
  rowVersion: Type.Integer(), createdAt: Type.Union([Type.Null(), Type.String()]), updatedAt: Type.Union([Type.Null(), Type.String()]),
});

/** The yearly "Lägesbild och åtgärdsplan": read by the EST partners, written by the coordinator. */
export async function actionPlanRoutes(app: FastifyInstance, opts: { db: Database }) {
  const { db } = opts;
  app.get('/api/action-plans/:year', {
    schema: { tags: ['action-plans'], summary: 'The yearly action plan of the user\'s municipality (empty with rowVersion 0 when not written yet)', params: YearParams, response: { 200: Plan, ...errors(401, 403, 422) } },
  }, async (req) => getActionPlan(db, actor(req), (req.params as { year: string }).year));
  app.put('/api/action-plans/:year', {
    schema: { tags: ['action-plans'], summary: 'Write the yearly action plan whole (coordinator)', params: YearParams, body: PlanBody, response: { 200: Plan, ...errors(400, 401, 403, 409, 413, 415, 422) } },
  }, async (req) => putActionPlan(db, actor(req), (req.params as { year: string }).year, req.body as ActionPlanInput));
}
