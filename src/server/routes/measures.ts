import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MEASURE_TYPES } from '../../core/measures/catalogue.ts';
import type { Database } from '../../services/database.ts';
import { computeFollowUp } from '../../services/follow-up.ts';
import { createMeasure, getMeasure, listMeasures, updateMeasure } from '../../services/measures.ts';
import { createPlaceFromCells } from '../../services/places.ts';
import { actor } from '../plugins/auth.ts';
import {
  FollowUp, FollowUpQuery, IdParams, Measure, MeasureBody, MeasureList, MeasureListQuery, MeasurePatch, MeasureTypeList, PlaceFromCells, PlaceRef, errors,
} from '../../contract/index.ts';

/** Measures (åtgärder), their types and their computed follow-up; places made from hotspot cells. */
export const measureRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;

  app.get('/api/measure-types', {
    schema: { tags: ['measures'], summary: 'The catalogue of measure types', response: { 200: MeasureTypeList, ...errors(401) } },
  }, async (req) => {
    actor(req);
    return { items: [...MEASURE_TYPES] };
  });

  app.get('/api/measures', {
    schema: { tags: ['measures'], summary: 'Measures; reporters only with incidentId of one of their own reports', querystring: MeasureListQuery, response: { 200: MeasureList, ...errors(401, 403, 422) } },
  }, async (req) => ({ items: await listMeasures(db, actor(req), req.query) }));

  app.post('/api/measures', {
    schema: { tags: ['measures'], summary: 'Create a measure (coordinator, area group)', body: MeasureBody, response: { 201: Measure, ...errors(400, 401, 403, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await createMeasure(db, actor(req), req.body)));

  app.get('/api/measures/:id', {
    schema: { tags: ['measures'], summary: 'One measure', params: IdParams, response: { 200: Measure, ...errors(401, 403, 404) } },
  }, async (req) => getMeasure(db, actor(req), req.params.id));

  app.patch('/api/measures/:id', {
    schema: { tags: ['measures'], summary: 'Change a measure (status changes are checked; rowVersion must match)', params: IdParams, body: MeasurePatch, response: { 200: Measure, ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req) => updateMeasure(db, actor(req), req.params.id, req.body));

  app.get('/api/measures/:id/follow-up', {
    schema: { tags: ['measures'], summary: 'The measured effect (Bowers & Johnson): response, buffer and control before and after the start', params: IdParams, querystring: FollowUpQuery, response: { 200: FollowUp, ...errors(401, 403, 404, 422) } },
  }, async (req) => computeFollowUp(db, actor(req), req.params.id, { ...req.query, lang: req.lang }));

  app.post('/api/places/from-cells', {
    schema: { tags: ['places'], summary: 'A named place from hotspot grid cells (the union of the cells as a polygon)', body: PlaceFromCells, response: { 201: PlaceRef, ...errors(400, 401, 403, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await createPlaceFromCells(db, actor(req), req.body)));
};
