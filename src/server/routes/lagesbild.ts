import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/engine.ts';
import { AREA_KINDS } from '../../core/areas/types.ts';
import { lagesbildStats, mapAreas, mapGrid, mapHotspots, mapPoints, periodOf, sourceFor } from '../../services/lagesbild.ts';
import type { IncidentIndexStore } from '../../services/incident-index.ts';
import { actor } from '../plugins/auth.ts';
import { parseIncidentQuery, type IncidentQueryString } from '../query.ts';
import { StringEnum, errors, filterQuery } from '../../contract/index.ts';

const FeatureCollection = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }, { additionalProperties: true });

/** The aggregates behind the lägesbild map and side panel (same filters as GET /api/incidents). */
export async function lagesbildRoutes(app: FastifyInstance, opts: { db: Database; index: IncidentIndexStore | null }) {
  const { db, index } = opts;
  const filterOf = (req: { query: unknown }, userId: string) => parseIncidentQuery(req.query as IncidentQueryString, userId).filter;
  /** The filter with its period: the map shows the same default period as the side panel (the last 28 days), not all time. */
  const periodFilterOf = (req: { query: unknown }, userId: string) => {
    const f = filterOf(req, userId);
    return { ...f, ...periodOf(f) };
  };

  app.get('/api/map/points', {
    schema: {
      tags: ['lägesbild'], summary: 'Incidents for a map view: single points where they stand alone, clusters (count, commonest category) elsewhere; without from/to, the last 28 days',
      querystring: filterQuery({ zoom: Type.Number({ minimum: 0, maximum: 24 }) }),
      response: { 200: FeatureCollection, ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const fc = await mapPoints(db, await sourceFor(db, index, a, periodFilterOf(req, a.userId)), a, (req.query as { zoom: number }).zoom);
    return reply.type('application/geo+json').send(JSON.stringify(fc));
  });

  app.get('/api/map/grid', {
    schema: {
      tags: ['lägesbild'], summary: 'Counts per SWEREF 99 TM grid cell (origin 0,0), for heatmaps; without from/to, the last 28 days',
      querystring: filterQuery({ cellSize: Type.Number({ minimum: 10, maximum: 50_000 }) }),
      response: {
        200: Type.Object({ cellSize: Type.Number(), cells: Type.Array(Type.Object({ cellId: Type.String(), col: Type.Integer(), row: Type.Integer(), count: Type.Integer(), lon: Type.Number(), lat: Type.Number() })) }),
        ...errors(401, 422),
      },
    },
  }, async (req) => {
    const a = actor(req);
    return mapGrid(await sourceFor(db, index, a, periodFilterOf(req, a.userId)), (req.query as { cellSize: number }).cellSize);
  });

  app.get('/api/map/hotspots', {
    schema: {
      tags: ['lägesbild'], summary: 'Getis-Ord Gi* hotspots on a grid over the municipality: the significant cells (bins ±3/±2/±1 with false-discovery-rate control); without from/to, the last 28 days',
      querystring: filterQuery({ cellSize: Type.Number({ minimum: 25, maximum: 10_000, default: 250 }), distance: Type.Optional(Type.Number({ minimum: 25, maximum: 50_000 })) }),
      response: { 200: FeatureCollection, ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const q = req.query as { cellSize: number; distance?: number };
    const f = periodFilterOf(req, a.userId);
    const fc = await mapHotspots(db, await sourceFor(db, index, a, f), a, f, q.cellSize, q.distance ?? q.cellSize * 2);
    return reply.type('application/geo+json').send(JSON.stringify(fc));
  });

  app.get('/api/map/areas', {
    schema: {
      tags: ['lägesbild'], summary: 'Areas of a kind with count, previous period, change and its significance (exact Poisson test)',
      querystring: filterQuery({ kind: StringEnum(AREA_KINDS, { default: 'district' }) }),
      response: { 200: FeatureCollection, ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const f = filterOf(req, a.userId);
    const { from, to } = periodOf(f);
    // The areas compare with the period before, so the source must reach back that far.
    const fc = await mapAreas(await sourceFor(db, index, a, { ...f, from: new Date(2 * from.getTime() - to.getTime()), to }), { ...f, from, to }, (req.query as { kind: string }).kind);
    return reply.type('application/geo+json').send(JSON.stringify(fc));
  });

  app.get('/api/stats', {
    schema: {
      tags: ['lägesbild'], summary: 'The side panel: totals and changes, per category and organisation, weekly trend, top places, hour × weekday',
      querystring: filterQuery(),
      response: { 200: Type.Object({}, { additionalProperties: true }), ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    return reply.type('application/json').send(JSON.stringify(await lagesbildStats(db, index, a, filterOf(req, a.userId))));
  });
}
