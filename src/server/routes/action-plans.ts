import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { getActionPlan, putActionPlan } from '../../services/action-plans.ts';
import { actor } from '../plugins/auth.ts';
import { ActionPlan, ActionPlanBody, ActionPlanYearParams, errors } from '../../contract/index.ts';

/** The yearly "Lägesbild och åtgärdsplan": read by the EST partners, written by the coordinator. */
export const actionPlanRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/action-plans/:year', {
    schema: { tags: ['action-plans'], summary: 'The yearly action plan of the user\'s municipality (empty with rowVersion 0 when not written yet)', params: ActionPlanYearParams, response: { 200: ActionPlan, ...errors(401, 403, 422) } },
  }, async (req) => getActionPlan(db, actor(req), req.params.year));
  app.put('/api/action-plans/:year', {
    schema: { tags: ['action-plans'], summary: 'Write the yearly action plan whole (coordinator)', params: ActionPlanYearParams, body: ActionPlanBody, response: { 200: ActionPlan, ...errors(400, 401, 403, 409, 413, 415, 422) } },
  }, async (req) => putActionPlan(db, actor(req), req.params.year, req.body));
};
