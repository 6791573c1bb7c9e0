import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { getMapSettings, setMapSettings } from '../../services/map-settings.ts';
import { actor } from '../plugins/auth.ts';
import { MapSettings, MapSettingsInput, errors } from '../../contract/index.ts';

/** Per-municipality settings; here the map's tile source (OpenStreetMap through the server by default). */
export const settingsRoutes: FastifyPluginAsyncTypebox<{ db: Database; osmProxy: boolean }> = async (app, opts) => {
  const { db } = opts;
  const ctx = { osmProxy: opts.osmProxy };
  app.get('/api/settings/map', {
    schema: { tags: ['settings'], summary: 'The map tile source of the user\'s municipality', response: { 200: MapSettings, ...errors(401) } },
  }, async (req) => getMapSettings(db, actor(req), ctx));
  app.put('/api/settings/map', {
    schema: { tags: ['settings'], summary: 'Set the tile source (admin)', body: MapSettingsInput, response: { 200: MapSettings, ...errors(400, 401, 403, 415, 422) } },
  }, async (req) => setMapSettings(db, actor(req), req.body, ctx));
};
