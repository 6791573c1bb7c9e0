import type { Queryable } from '../engine.ts';

/** The raw `settings.situationPictureSchedule` of a municipality (undefined when never set). */
export async function getScheduleSetting(q: Queryable, municipalityId: string): Promise<unknown> {
  const r = await q.query<{ s: unknown }>(`SELECT settings->'situationPictureSchedule' AS s FROM municipalities WHERE id = $1`, [municipalityId]);
  return r.rows[0]?.s ?? undefined;
}

export async function setScheduleSetting(q: Queryable, municipalityId: string, setting: object): Promise<void> {
  await q.query(`UPDATE municipalities SET settings = jsonb_set(settings, '{situationPictureSchedule}', $2::jsonb) WHERE id = $1`,
    [municipalityId, JSON.stringify(setting)]);
}

/** Municipalities whose schedule is switched on, with the raw setting (the caller validates it). */
export async function listScheduledMunicipalities(q: Queryable): Promise<Array<{ id: string; name: string; setting: unknown }>> {
  const r = await q.query<{ id: string; name: string; setting: unknown }>(
    `SELECT id, name, settings->'situationPictureSchedule' AS setting FROM municipalities
      WHERE coalesce(settings->'situationPictureSchedule'->>'cadence', 'off') <> 'off' ORDER BY id`);
  return r.rows;
}
