import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { CADENCES } from '../../core/schedule/index.ts';
import { MAX_NOTIFY } from '../../core/schedule/setting.ts';
import type { Database } from '../../db/engine.ts';
import { getSchedule, putSchedule } from '../../services/schedule-settings.ts';
import { actor } from '../plugins/auth.ts';
import { errors, StringEnum } from '../../contract/index.ts';

const ScheduleSetting = Type.Object({
  cadence: StringEnum(CADENCES, { description: 'off, weekly or fortnightly (every other week counted from Monday 2024-01-01)' }),
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday of the run day (1 = Monday); the draft covers the 7 or 14 days before it and is made from 06:00 local time' }),
  notify: Type.Array(Type.String({ maxLength: 254 }), { maxItems: MAX_NOTIFY, description: 'E-mail addresses notified besides the active coordinators' }),
}, { additionalProperties: false });

const ScheduleInput = Type.Object({
  cadence: ScheduleSetting.properties.cadence,
  weekday: Type.Optional(ScheduleSetting.properties.weekday),
  notify: Type.Optional(ScheduleSetting.properties.notify),
}, { additionalProperties: false });

/** The municipality's schedule for the automatically prepared lägesbild draft (see src/jobs/scheduler.ts). */
export async function scheduleSettingsRoutes(app: FastifyInstance, opts: { db: Database }) {
  const { db } = opts;
  app.get('/api/settings/schedule', {
    schema: { tags: ['settings'], summary: 'The schedule of the automatic lägesbild draft (coordinator, admin)', response: { 200: ScheduleSetting, ...errors(401, 403) } },
  }, async (req) => getSchedule(db, actor(req)));
  app.put('/api/settings/schedule', {
    schema: { tags: ['settings'], summary: 'Set the schedule of the automatic lägesbild draft (coordinator, admin)', body: ScheduleInput, response: { 200: ScheduleSetting, ...errors(400, 401, 403, 415, 422) } },
  }, async (req) => putSchedule(db, actor(req), req.body as { cadence: string; weekday?: number; notify?: string[] }));
}
