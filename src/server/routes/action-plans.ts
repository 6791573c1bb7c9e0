import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { acceptPlanProposal, getActionPlan, listPlanProposals, putActionPlan } from '../../services/action-plans.ts';
import { actor } from '../plugins/auth.ts';
import { AcceptProposalBody, ActionPlan, ActionPlanBody, ActionPlanQuery, ActionPlanYearParams, PlanProposalList, errors } from '../../contract/index.ts';

/** The yearly "Lägesbild och åtgärdsplan": read by the EST partners, written by the coordinator. */
export const actionPlanRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/action-plans/:year', {
    schema: { tags: ['action-plans'], summary: 'The yearly action plan of the user\'s municipality (empty with rowVersion 0 when not written yet), with what its mapping compares', params: ActionPlanYearParams, querystring: ActionPlanQuery, response: { 200: ActionPlan, ...errors(401, 403, 422) } },
  }, async (req) => getActionPlan(db, actor(req), req.params.year, req.query.municipality));
  app.put('/api/action-plans/:year', {
    schema: { tags: ['action-plans'], summary: 'Write the yearly action plan whole (coordinator)', params: ActionPlanYearParams, querystring: ActionPlanQuery, body: ActionPlanBody, response: { 200: ActionPlan, ...errors(400, 401, 403, 409, 413, 415, 422) } },
  }, async (req) => putActionPlan(db, actor(req), req.params.year, req.body, req.query.municipality));
  app.get('/api/action-plans/:year/proposals', {
    schema: { tags: ['action-plans'], summary: 'Problems the year\'s published lägesbilder prioritised, proposed for the plan (one per problem, newest edition first)', params: ActionPlanYearParams, querystring: ActionPlanQuery, response: { 200: PlanProposalList, ...errors(401, 403, 422) } },
  }, async (req) => listPlanProposals(db, actor(req), req.params.year, req.query.municipality));
  app.post('/api/action-plans/:year/proposals/accept', {
    schema: { tags: ['action-plans'], summary: 'Accept a proposal: the edition\'s problem becomes the plan\'s last prioritised problem, linked to the edition (coordinator)', params: ActionPlanYearParams, querystring: ActionPlanQuery, body: AcceptProposalBody, response: { 200: ActionPlan, ...errors(400, 401, 403, 409, 415, 422) } },
  }, async (req) => acceptPlanProposal(db, actor(req), req.params.year, req.body, req.query.municipality));
};
