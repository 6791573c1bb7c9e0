import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { canManageUsers } from '../../core/access/roles.ts';
import { DomainError, notFound } from '../../core/errors/index.ts';
import type { Database } from '../../db/engine.ts';
import { getArea, listAreas } from '../../db/repositories/areas.ts';
import type { AreaKind } from '../../core/areas/types.ts';
import { listCategories } from '../../db/repositories/categories.ts';
import { listMunicipalities, municipalityBoundaries } from '../../db/repositories/municipalities.ts';
import { getOrganisation, listOrganisations } from '../../db/repositories/organisations.ts';
import { getPlace, listPlaces } from '../../db/repositories/places.ts';
import { getUser, listUsers } from '../../db/repositories/users.ts';
import { changeArea, removeArea, uploadAreas, type AreaUploadInput } from '../../services/areas.ts';
import { changeCategory, createCategory, removeCategory } from '../../services/categories.ts';
import { changeOrganisation, createOrganisation, removeOrganisation } from '../../services/organisations.ts';
import { changePlace, createPlace, removePlace } from '../../services/places.ts';
import { changeUser, createUser, type UserInput } from '../../services/users.ts';
import { actor } from '../plugins/auth.ts';
import {
  AreaPatch, AreaUpload, CategoryCreate, CategoryPatch, IdParams, OrganisationCreate, OrganisationPatch, PlaceCreate, PlacePatch,
  StringEnum, UserCreate, UserPatch, errors,
} from '../../contract/index.ts';
import { AREA_KINDS } from '../../core/areas/types.ts';

type Id = { id: string };
const read = (tag: string, summary: string, item: string) => ({ tags: [tag], summary, response: { 200: Type.Array(Type.Ref(item)), ...errors(401, 422) } });
const one = (tag: string, summary: string, item: string) => ({ tags: [tag], summary, params: IdParams, response: { 200: Type.Ref(item), ...errors(401, 404, 422) } });
const write = (tag: string, summary: string, item: string, body: object, status = 200) => ({ tags: [tag], summary, body, response: { [status]: Type.Ref(item), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } });
const del = (tag: string, summary: string) => ({ tags: [tag], summary, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } });

/** Organisations, users, categories, areas, places and municipalities: read by all, changed by those allowed. */
export async function configurationRoutes(app: FastifyInstance, opts: { db: Database }) {
  const { db } = opts;

  app.get('/api/municipalities', {
    schema: {
      tags: ['municipalities'], summary: 'Municipalities in reach, with their boundary (WGS84) for the offline base map',
      response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), geometry: Type.Unknown() })), ...errors(401) },
    },
  }, async (req) => {
    const a = actor(req);
    const names = new Map((await listMunicipalities(db, a.municipalities)).map((m) => [m.id, m.name]));
    return (await municipalityBoundaries(db, a.municipalities)).map((b) => ({ ...b, name: names.get(b.id) ?? b.name }));
  });

  // Organisations
  app.get('/api/organisations', { schema: read('organisations', 'Organisations', 'Organisation') }, async (req) => listOrganisations(db, actor(req).municipalities));
  app.get('/api/organisations/:id', { schema: one('organisations', 'One organisation', 'Organisation') }, async (req) => {
    const o = await getOrganisation(db, (req.params as Id).id, actor(req).municipalities);
    if (!o) throw notFound('organisation');
    return o;
  });
  app.post('/api/organisations', { schema: write('organisations', 'Create an organisation (admin)', 'Organisation', OrganisationCreate, 201) }, async (req, reply) =>
    reply.code(201).send(await createOrganisation(db, actor(req), req.body as any)));
  app.patch('/api/organisations/:id', { schema: { ...write('organisations', 'Change an organisation (admin)', 'Organisation', OrganisationPatch), params: IdParams } }, async (req) =>
    changeOrganisation(db, actor(req), (req.params as Id).id, req.body as any));
  app.delete('/api/organisations/:id', { schema: del('organisations', 'Delete an unused organisation (admin)') }, async (req, reply) => {
    await removeOrganisation(db, actor(req), (req.params as Id).id);
    return reply.code(204).send();
  });

  // Users
  app.get('/api/users', { schema: read('users', 'Users (admin, coordinator)', 'User') }, async (req) => {
    const a = actor(req);
    if (!canManageUsers(a)) throw new DomainError('forbidden');
    return listUsers(db, a.municipalities);
  });
  app.get('/api/users/:id', { schema: one('users', 'One user (admin, coordinator)', 'User') }, async (req) => {
    const a = actor(req);
    if (!canManageUsers(a)) throw new DomainError('forbidden');
    const u = await getUser(db, (req.params as Id).id);
    if (!u || !a.municipalities.includes(u.municipalityId)) throw notFound('user');
    return u;
  });
  app.post('/api/users', { schema: write('users', 'Create a user (admin, coordinator)', 'User', UserCreate, 201) }, async (req, reply) =>
    reply.code(201).send(await createUser(db, actor(req), req.body as UserInput)));
  app.patch('/api/users/:id', { schema: { ...write('users', 'Change a user; deactivate with active=false (admin, coordinator)', 'User', UserPatch), params: IdParams } }, async (req) =>
    changeUser(db, actor(req), (req.params as Id).id, req.body as any));

  // Categories
  app.get('/api/categories', { schema: read('categories', 'The category tree (flat, with parentId), per municipality', 'Category') }, async (req) =>
    listCategories(db, actor(req).municipalities));
  app.post('/api/categories', { schema: write('categories', 'Create a category (coordinator, admin)', 'Category', CategoryCreate, 201) }, async (req, reply) =>
    reply.code(201).send(await createCategory(db, actor(req), req.body as any)));
  app.patch('/api/categories/:id', { schema: { ...write('categories', 'Change a category; deactivate with active=false', 'Category', CategoryPatch), params: IdParams } }, async (req) =>
    changeCategory(db, actor(req), (req.params as Id).id, req.body as any));
  app.delete('/api/categories/:id', { schema: del('categories', 'Delete an unused category') }, async (req, reply) => {
    await removeCategory(db, actor(req), (req.params as Id).id);
    return reply.code(204).send();
  });

  // Areas
  app.get('/api/areas', {
    schema: { ...read('areas', 'Areas (districts, DeSO, area-group areas) with geometry in WGS84', 'Area'), querystring: Type.Object({ kind: Type.Optional(StringEnum(AREA_KINDS)) }, { additionalProperties: false }) },
  }, async (req) => listAreas(db, actor(req).municipalities, (req.query as { kind?: AreaKind }).kind));
  app.get('/api/areas/:id', { schema: one('areas', 'One area', 'Area') }, async (req) => {
    const a = await getArea(db, (req.params as Id).id, actor(req).municipalities);
    if (!a) throw notFound('area');
    return a;
  });
  app.post('/api/areas', {
    bodyLimit: 20 * 1024 * 1024,
    schema: { tags: ['areas'], summary: 'Upload areas as GeoJSON (all features or none)', body: AreaUpload, response: { 201: Type.Array(Type.Ref('Area')), ...errors(400, 401, 403, 413, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await uploadAreas(db, actor(req), req.body as AreaUploadInput)));
  app.patch('/api/areas/:id', { schema: { ...write('areas', 'Change an area', 'Area', AreaPatch), params: IdParams } }, async (req) =>
    changeArea(db, actor(req), (req.params as Id).id, req.body as any));
  app.delete('/api/areas/:id', { schema: del('areas', 'Delete an area') }, async (req, reply) => {
    await removeArea(db, actor(req), (req.params as Id).id);
    return reply.code(204).send();
  });

  // Places
  app.get('/api/places', {
    schema: { ...read('places', 'Named places; q searches names', 'Place'), querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }) },
  }, async (req) => listPlaces(db, actor(req).municipalities, (req.query as { q?: string }).q?.trim() || undefined));
  app.get('/api/places/:id', { schema: one('places', 'One place', 'Place') }, async (req) => {
    const p = await getPlace(db, (req.params as Id).id, actor(req).municipalities);
    if (!p) throw notFound('place');
    return p;
  });
  app.post('/api/places', { schema: write('places', 'Create a place (point or polygon, WGS84)', 'Place', PlaceCreate, 201) }, async (req, reply) =>
    reply.code(201).send(await createPlace(db, actor(req), req.body as any)));
  app.patch('/api/places/:id', { schema: { ...write('places', 'Change a place', 'Place', PlacePatch), params: IdParams } }, async (req) =>
    changePlace(db, actor(req), (req.params as Id).id, req.body as any));
  app.delete('/api/places/:id', { schema: del('places', 'Delete a place no report refers to') }, async (req, reply) => {
    await removePlace(db, actor(req), (req.params as Id).id);
    return reply.code(204).send();
  });
}
