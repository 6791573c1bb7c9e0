import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { getRetention, listRetentionRunsAs, putRetention, runRetentionAs } from '../../services/retention.ts';
import { actor } from '../plugins/auth.ts';
import { RetentionRules, RetentionRulesInput, RetentionRunInput, RetentionRunResult, RetentionRuns, errors } from '../../contract/index.ts';

/** The municipality's retention rules, their runs and dry runs (coordinator; see src/services/retention.ts). */
export const retentionRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/settings/retention', {
    schema: { tags: ['settings'], summary: 'The retention rules of the home municipality (coordinator)', response: { 200: RetentionRules, ...errors(401, 403) } },
  }, async (req) => getRetention(db, actor(req)));
  app.put('/api/settings/retention', {
    schema: { tags: ['settings'], summary: 'Set the retention rules (coordinator); fields left out stay', body: RetentionRulesInput, response: { 200: RetentionRules, ...errors(400, 401, 403, 415, 422) } },
  }, async (req) => putRetention(db, actor(req), req.body));
  app.post('/api/settings/retention/runs', {
    schema: { tags: ['settings'], summary: 'Apply the retention rules now, or with dryRun report what they would remove (coordinator)', body: RetentionRunInput, response: { 200: RetentionRunResult, ...errors(400, 401, 403, 415, 422) } },
  }, async (req) => runRetentionAs(db, actor(req), req.body.dryRun));
  app.get('/api/settings/retention/runs', {
    schema: { tags: ['settings'], summary: 'The latest runs and dry runs of the retention rules, newest first (coordinator)', response: { 200: RetentionRuns, ...errors(401, 403) } },
  }, async (req) => listRetentionRunsAs(db, actor(req)));
};
