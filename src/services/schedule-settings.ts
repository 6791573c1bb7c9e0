import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { forbidden } from '../core/errors/index.ts';
import { readScheduleSetting, validateScheduleSetting, type ScheduleSetting } from '../core/schedule/setting.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getScheduleSetting, setScheduleSetting } from '../db/repositories/schedule-settings.ts';

/** The schedule of the scheduled lägesbild draft in the actor's home municipality (coordinator, admin). */
export async function getSchedule(db: Database, a: Actor): Promise<ScheduleSetting> {
  if (!can(a, 'configuration.manage')) throw forbidden();
  return readScheduleSetting(await getScheduleSetting(db, a.municipalityId));
}

export async function putSchedule(db: Database, a: Actor, input: { cadence: string; weekday?: number; notify?: string[] }): Promise<ScheduleSetting> {
  if (!can(a, 'configuration.manage')) throw forbidden();
  const setting = validateScheduleSetting(input);
  await db.transaction(async (tx) => {
    await setScheduleSetting(tx, a.municipalityId, setting);
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: a.userId, action: 'settings.schedule', details: { ...setting } });
  });
  return setting;
}
