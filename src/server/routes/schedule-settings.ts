import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { getSchedule, putSchedule } from '../../services/schedule-settings.ts';
import { actor } from '../plugins/auth.ts';
import { ScheduleInput, ScheduleSetting, errors } from '../../contract/index.ts';

/** The municipality's schedule for the automatically prepared lägesbild draft (see src/jobs/scheduler.ts). */
export const scheduleSettingsRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/settings/schedule', {
    schema: { tags: ['settings'], summary: 'The schedule of the automatic lägesbild draft (coordinator, admin)', response: { 200: ScheduleSetting, ...errors(401, 403) } },
  }, async (req) => getSchedule(db, actor(req)));
  app.put('/api/settings/schedule', {
    schema: { tags: ['settings'], summary: 'Set the schedule of the automatic lägesbild draft (coordinator, admin)', body: ScheduleInput, response: { 200: ScheduleSetting, ...errors(400, 401, 403, 415, 422) } },
  }, async (req) => putSchedule(db, actor(req), req.body));
};
