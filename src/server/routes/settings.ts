import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { hasRole } from '../../core/access/roles.ts';
import { DomainError, invalid } from '../../core/errors/index.ts';
import type { Database } from '../../db/engine.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { actor } from '../plugins/auth.ts';
import { errors } from '../../contract/index.ts';

const MapSettings = Type.Object({
  tileUrl: Type.Union([Type.Null(), Type.String({ maxLength: 500 })], { description: 'XYZ raster tile URL template with {z}/{x}/{y}, e.g. OpenStreetMap or Lantmäteriet\'s open topographic map; null = offline base map only.' }),
  attribution: Type.Union([Type.Null(), Type.String({ maxLength: 300 })]),
  maxZoom: Type.Integer({ minimum: 1, maximum: 22 }),
}, { additionalProperties: false });

const DEFAULTS = { tileUrl: null, attribution: null, maxZoom: 18 };

/** Per-municipality settings; for now the map's tile source (offline by default). */
export async function settingsRoutes(app: FastifyInstance, opts: { db: Database }) {
  const { db } = opts;
  app.get('/api/settings/map', {
    schema: { tags: ['settings'], summary: 'The map tile source of the user\'s municipality', response: { 200: MapSettings, ...errors(401) } },
  }, async (req) => {
    const a = actor(req);
    const r = await db.query<{ map: unknown }>(`SELECT settings->'map' AS map FROM municipalities WHERE id = $1`, [a.municipalityId]);
    return { ...DEFAULTS, ...((r.rows[0]?.map as object) ?? {}) };
  });
  app.put('/api/settings/map', {
    schema: { tags: ['settings'], summary: 'Set the tile source (admin)', body: MapSettings, response: { 200: MapSettings, ...errors(400, 401, 403, 415, 422) } },
  }, async (req) => {
    const a = actor(req);
    if (!hasRole(a, 'admin')) throw new DomainError('forbidden');
    const body = req.body as { tileUrl: string | null; attribution: string | null; maxZoom: number };
    if (body.tileUrl !== null) {
      let ok = false;
      try { ok = ['https:', 'http:'].includes(new URL(body.tileUrl.replace(/\{[a-z]\}/g, '0')).protocol); } catch { ok = false; }
      if (!ok || !/\{z\}/.test(body.tileUrl) || !/\{x\}/.test(body.tileUrl) || !/\{y\}/.test(body.tileUrl)) throw invalid('tileUrl', 'format', { format: 'https://…/{z}/{x}/{y}.png' });
      if (!body.attribution?.trim()) throw invalid('attribution', 'required');
    }
    await db.query(`UPDATE municipalities SET settings = jsonb_set(settings, '{map}', $2::jsonb) WHERE id = $1`, [a.municipalityId, JSON.stringify(body)]);
    await recordAudit(db, { municipalityId: a.municipalityId, userId: a.userId, action: 'settings.map', details: body });
    return body;
  });
}
