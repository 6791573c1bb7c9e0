import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { MEASURE_TYPES } from '../../core/measures/catalogue.ts';
import { MEASURE_LIMITS, MEASURE_STATUSES, MEASURE_TERMS, type MeasureInput } from '../../core/measures/rules.ts';
import type { Database } from '../../db/engine.ts';
import { computeFollowUp } from '../../services/follow-up.ts';
import { createMeasure, getMeasure, listMeasures, updateMeasure, type MeasureQuery } from '../../services/measures.ts';
import { createPlaceFromCells, PLACE_FROM_CELLS_MAX } from '../../services/places.ts';
import { actor } from '../plugins/auth.ts';
import { IdParams, Nullable, StringEnum, Uuid, errors } from '../../contract/index.ts';

const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD (Europe/Stockholm)' });
const text = (max: number) => Nullable(Type.String({ maxLength: max }));

const FollowUpSettings = Type.Object({
  bufferM: Type.Optional(Type.Number({ description: `Buffer ring width in metres (${MEASURE_LIMITS.bufferM.min}–${MEASURE_LIMITS.bufferM.max}, default 300)` })),
  controlAreaId: Type.Optional(Uuid),
  controlPlaceId: Type.Optional(Uuid),
  weeks: Type.Optional(Type.Integer({ description: `Weeks before and after (${MEASURE_LIMITS.weeks.min}–${MEASURE_LIMITS.weeks.max}, default 26)` })),
}, { additionalProperties: false });

/** The fields of a measure in a request. Required fields and the rules between fields are checked by core/measures/rules.ts, so they read the same here and inside a meeting decision. */
export const measureInputProperties = {
  type: Type.Optional(Type.String({ maxLength: 50, description: 'Code from GET /api/measure-types' })),
  term: Type.Optional(StringEnum(MEASURE_TERMS)),
  title: Type.Optional(Type.String({ maxLength: MEASURE_LIMITS.titleMax })),
  problem: Type.Optional(text(MEASURE_LIMITS.problemMax)),
  categoryIds: Type.Optional(Type.Array(Uuid, { maxItems: MEASURE_LIMITS.categoriesMax })),
  placeId: Type.Optional(Nullable(Uuid)),
  areaId: Type.Optional(Nullable(Uuid)),
  organisationId: Type.Optional(Uuid),
  responsiblePerson: Type.Optional(text(MEASURE_LIMITS.responsiblePersonMax)),
  status: Type.Optional(StringEnum(MEASURE_STATUSES)),
  plannedStart: Type.Optional(Nullable(Day)),
  plannedEnd: Type.Optional(Nullable(Day)),
  actualStart: Type.Optional(Nullable(Day)),
  actualEnd: Type.Optional(Nullable(Day)),
  costSek: Type.Optional(Nullable(Type.Number())),
  notes: Type.Optional(text(MEASURE_LIMITS.notesMax)),
  followUp: Type.Optional(FollowUpSettings),
  meetingId: Type.Optional(Nullable(Uuid)),
  situationPictureId: Type.Optional(Nullable(Uuid)),
};
export const MeasureBody = Type.Object(measureInputProperties, { additionalProperties: false });
const MeasurePatch = Type.Object({ rowVersion: Type.Integer({ minimum: 1 }), ...measureInputProperties }, { additionalProperties: false });

const NullableString = Nullable(Type.String());
export const MeasureOut = Type.Object({
  id: Uuid, municipalityId: Type.String(), type: Type.String(), term: Type.String(), title: Type.String(), problem: NullableString,
  categoryIds: Type.Array(Type.String()), placeId: NullableString, placeName: NullableString, areaId: NullableString, areaName: NullableString,
  organisationId: Type.String(), organisationName: Type.String(), responsiblePerson: NullableString, status: Type.String(),
  plannedStart: NullableString, plannedEnd: NullableString, actualStart: NullableString, actualEnd: NullableString,
  costSek: Nullable(Type.Number()), notes: NullableString, followUp: Type.Record(Type.String(), Type.Unknown()),
  meetingId: NullableString, situationPictureId: NullableString, rowVersion: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }), overdue: Type.Boolean(),
});

const MeasureListQuery = Type.Object({
  status: Type.Optional(StringEnum(MEASURE_STATUSES)),
  term: Type.Optional(StringEnum(MEASURE_TERMS)),
  placeId: Type.Optional(Uuid),
  areaId: Type.Optional(Uuid),
  organisationId: Type.Optional(Uuid),
  due: Type.Optional(StringEnum(['overdue', 'soon'] as const)),
  incidentId: Type.Optional(Uuid),
  meetingId: Type.Optional(Uuid),
}, { additionalProperties: false });

const FollowUpQuery = Type.Object({
  bufferM: Type.Optional(Type.Number({ minimum: MEASURE_LIMITS.bufferM.min, maximum: MEASURE_LIMITS.bufferM.max })),
  controlAreaId: Type.Optional(Uuid),
  controlPlaceId: Type.Optional(Uuid),
  weeks: Type.Optional(Type.Integer({ minimum: MEASURE_LIMITS.weeks.min, maximum: MEASURE_LIMITS.weeks.max })),
}, { additionalProperties: false });

const PlaceFromCells = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  cellIds: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: PLACE_FROM_CELLS_MAX }),
}, { additionalProperties: false });

type Id = { id: string };

/** Measures (åtgärder), their types and their computed follow-up; places made from hotspot cells. */
export async function measureRoutes(app: FastifyInstance, opts: { db: Database }) {
  const { db } = opts;

  app.get('/api/measure-types', {
    schema: { tags: ['measures'], summary: 'The catalogue of measure types', response: { 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), kind: Type.String(), nameSv: Type.String(), nameEn: Type.String(), defaultTerm: Type.String() })) }), ...errors(401) } },
  }, async (req) => { actor(req); return { items: MEASURE_TYPES }; });

  app.get('/api/measures', {
    schema: { tags: ['measures'], summary: 'Measures; reporters only with incidentId of one of their own reports', querystring: MeasureListQuery, response: { 200: Type.Object({ items: Type.Array(MeasureOut) }), ...errors(401, 403, 422) } },
  }, async (req) => ({ items: await listMeasures(db, actor(req), req.query as MeasureQuery) }));

  app.post('/api/measures', {
    schema: { tags: ['measures'], summary: 'Create a measure (coordinator, area group)', body: MeasureBody, response: { 201: MeasureOut, ...errors(400, 401, 403, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await createMeasure(db, actor(req), req.body as MeasureInput)));

  app.get('/api/measures/:id', {
    schema: { tags: ['measures'], summary: 'One measure', params: IdParams, response: { 200: MeasureOut, ...errors(401, 403, 404) } },
  }, async (req) => getMeasure(db, actor(req), (req.params as Id).id));

  app.patch('/api/measures/:id', {
    schema: { tags: ['measures'], summary: 'Change a measure (status changes are checked; rowVersion must match)', params: IdParams, body: MeasurePatch, response: { 200: MeasureOut, ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req) => updateMeasure(db, actor(req), (req.params as Id).id, req.body as MeasureInput & { rowVersion: number }));

  app.get('/api/measures/:id/follow-up', {
    schema: { tags: ['measures'], summary: 'The measured effect (Bowers & Johnson): response, buffer and control before and after the start', params: IdParams, querystring: FollowUpQuery, response: { 200: Type.Unknown(), ...errors(401, 403, 404, 422) } },
  }, async (req) => computeFollowUp(db, actor(req), (req.params as Id).id, { ...(req.query as object), lang: req.lang }));

  app.post('/api/places/from-cells', {
    schema: { tags: ['places'], summary: 'A named place from hotspot grid cells (the union of the cells as a polygon)', body: PlaceFromCells, response: { 201: Type.Ref('Place'), ...errors(400, 401, 403, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await createPlaceFromCells(db, actor(req), req.body as { name: string; cellIds: string[] })));
}
