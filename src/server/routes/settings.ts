import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { getMapSettings, setMapSettings } from '../../services/map-settings.ts';
import { actor } from '../plugins/auth.ts';
import { MapSettings, errors } from '../../contract/index.ts';

/** Per-municipality settings; for now the map's tile source (offline by default). */
export const settingsRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/settings/map', {
    schema: { tags: ['settings'], summary: 'The map tile source of the user\'s municipality', response: { 200: MapSettings, ...errors(401) } },
  }, async (req) => getMapSettings(db, actor(req)));
  app.put('/api/settings/map', {
    schema: { tags: ['settings'], summary: 'Set the tile source (admin)', body: MapSettings, response: { 200: MapSettings, ...errors(400, 401, 403, 415, 422) } },
  }, async (req) => setMapSettings(db, actor(req), req.body));
};
