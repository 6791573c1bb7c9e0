import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { hotspotsForMap, lagesbildStats, mapAreas, mapGrid, mapPoints } from '../../services/lagesbild.ts';
import { actor } from '../plugins/auth.ts';
import { parseIncidentQuery } from '../query.ts';
import {
  LagesbildStats, LagesbildStatsQuery, MapAreas, MapAreasQuery, MapGrid, MapGridQuery, MapHotspots, MapHotspotsQuery, MapPoints, MapPointsQuery, errors,
} from '../../contract/index.ts';

/** The map's layers are GeoJSON. */
const geoJson = <T>(schema: T) => ({ content: { 'application/geo+json': { schema } } });

/** The aggregates behind the lägesbild map and side panel (same filters as GET /api/incidents). */
export const lagesbildRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;

  app.get('/api/map/points', {
    schema: {
      tags: ['lägesbild'], summary: 'Incidents for a map view: single points where they stand alone, clusters (count, commonest category) elsewhere; without from/to, the last 28 days',
      querystring: MapPointsQuery,
      response: { 200: geoJson(MapPoints), ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const points = await mapPoints(db, a, parseIncidentQuery(req.query, a.userId).filter, req.query.zoom);
    return reply.type('application/geo+json').send(points);
  });

  app.get('/api/map/grid', {
    schema: {
      tags: ['lägesbild'], summary: 'Counts per SWEREF 99 TM grid cell (origin 0,0), for heatmaps; without from/to, the last 28 days',
      querystring: MapGridQuery,
      response: { 200: MapGrid, ...errors(401, 422) },
    },
  }, async (req) => {
    const a = actor(req);
    return mapGrid(db, a, parseIncidentQuery(req.query, a.userId).filter, req.query.cellSize);
  });

  app.get('/api/map/hotspots', {
    schema: {
      tags: ['lägesbild'], summary: 'Getis-Ord Gi* hotspots on a grid over the municipality: the significant cells (bins ±3/±2/±1 with false-discovery-rate control); without from/to, the last 28 days',
      querystring: MapHotspotsQuery,
      response: { 200: geoJson(MapHotspots), ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const hotspots = await hotspotsForMap(db, a, parseIncidentQuery(req.query, a.userId).filter, req.query.cellSize, req.query.distance);
    return reply.type('application/geo+json').send(hotspots);
  });

  app.get('/api/map/areas', {
    schema: {
      tags: ['lägesbild'], summary: 'Areas of a kind with count, previous period, change and its significance (exact Poisson test)',
      querystring: MapAreasQuery,
      response: { 200: geoJson(MapAreas), ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const areas = await mapAreas(db, a, parseIncidentQuery(req.query, a.userId).filter, req.query.kind);
    return reply.type('application/geo+json').send(areas);
  });

  app.get('/api/stats', {
    schema: {
      tags: ['lägesbild'], summary: 'The side panel: totals and changes, per category and organisation, weekly trend, top places, hour × weekday',
      querystring: LagesbildStatsQuery,
      response: { 200: LagesbildStats, ...errors(401, 422) },
    },
  }, async (req) => {
    const a = actor(req);
    return lagesbildStats(db, a, parseIncidentQuery(req.query, a.userId).filter);
  });
};
