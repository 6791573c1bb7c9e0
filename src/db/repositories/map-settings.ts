import type { Queryable } from '../engine.ts';

/** The raw `settings.map` of a municipality (undefined when never set). */
export async function getMapSetting(q: Queryable, municipalityId: string): Promise<unknown> {
  const r = await q.query<{ map: unknown }>(`SELECT settings->'map' AS map FROM municipalities WHERE id = $1`, [municipalityId]);
  return r.rows[0]?.map ?? undefined;
}

export async function setMapSetting(q: Queryable, municipalityId: string, setting: object): Promise<void> {
  await q.query(`UPDATE municipalities SET settings = jsonb_set(settings, '{map}', $2::jsonb) WHERE id = $1`, [municipalityId, JSON.stringify(setting)]);
}

/**
 * Every tile URL a municipality's map settings name (custom sources; settings from before there
 * were sources have a tileUrl without one). The content security policy lets the maps load them.
 */
export async function listTileUrls(q: Queryable): Promise<string[]> {
  const r = await q.query<{ url: string }>(
    `SELECT DISTINCT settings->'map'->>'tileUrl' AS url FROM municipalities
      WHERE settings->'map'->>'tileUrl' IS NOT NULL AND coalesce(settings->'map'->>'source', 'custom') = 'custom'`);
  return r.rows.map((x) => x.url);
}
