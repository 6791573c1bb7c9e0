import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import { changeArea, getArea, listAreas, removeArea, uploadAreas } from '../../services/areas.ts';
import { changeCategory, createCategory, listCategories, removeCategory } from '../../services/categories.ts';
import { listMunicipalities } from '../../services/municipalities.ts';
import { changeOrganisation, createOrganisation, getOrganisation, listOrganisations, removeOrganisation } from '../../services/organisations.ts';
import { changePlace, createPlace, getPlace, listPlaces, removePlace } from '../../services/places.ts';
import { changeUser, createUser, getUser, listUsers } from '../../services/users.ts';
import type { AccountLinks } from '../../services/accounts.ts';
import { actor } from '../plugins/auth.ts';
import {
  AreaPatch, AreaQuery, AreaRef, AreaUpload, CategoryCreate, CategoryPatch, CategoryRef, IdParams, Municipality, OrganisationCreate,
  OrganisationPatch, OrganisationRef, PlaceCreate, PlacePatch, PlaceQuery, PlaceRef, UserCreate, UserPatch, UserRef, errors,
} from '../../contract/index.ts';

const read = <T extends TSchema>(tag: string, summary: string, item: T) => ({ tags: [tag], summary, response: { 200: Type.Array(item), ...errors(401, 422) } });
const one = <T extends TSchema>(tag: string, summary: string, item: T) => ({ tags: [tag], summary, params: IdParams, response: { 200: item, ...errors(401, 404, 422) } });
const WRITE_ERRORS = errors(400, 401, 403, 404, 409, 413, 415, 422);
const create = <B extends TSchema, T extends TSchema>(tag: string, summary: string, body: B, item: T) => ({ tags: [tag], summary, body, response: { 201: item, ...WRITE_ERRORS } });
const change = <B extends TSchema, T extends TSchema>(tag: string, summary: string, body: B, item: T) => ({ tags: [tag], summary, params: IdParams, body, response: { 200: item, ...WRITE_ERRORS } });
const del = (tag: string, summary: string) => ({ tags: [tag], summary, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } });

/** Organisations, users, categories, areas, places and municipalities: read by all, changed by those allowed. */
export const configurationRoutes: FastifyPluginAsyncTypebox<{ db: Database; accountLinks: AccountLinks }> = async (app, opts) => {
  const { db } = opts;

  app.get('/api/municipalities', {
    schema: {
      tags: ['municipalities'], summary: 'Municipalities in reach, with their boundary (WGS84) for the offline base map',
      response: { 200: Type.Array(Municipality), ...errors(401) },
    },
  }, async (req) => listMunicipalities(db, actor(req)));

  // Organisations
  app.get('/api/organisations', { schema: read('organisations', 'Organisations', OrganisationRef) }, async (req) => listOrganisations(db, actor(req)));
  app.get('/api/organisations/:id', { schema: one('organisations', 'One organisation', OrganisationRef) }, async (req) => getOrganisation(db, actor(req), req.params.id));
  app.post('/api/organisations', { schema: create('organisations', 'Create an organisation (admin)', OrganisationCreate, OrganisationRef) }, async (req, reply) =>
    reply.code(201).send(await createOrganisation(db, actor(req), req.body)));
  app.patch('/api/organisations/:id', { schema: change('organisations', 'Change an organisation (admin)', OrganisationPatch, OrganisationRef) }, async (req) =>
    changeOrganisation(db, actor(req), req.params.id, req.body));
  app.delete('/api/organisations/:id', { schema: del('organisations', 'Delete an unused organisation (admin)') }, async (req, reply) => {
    await removeOrganisation(db, actor(req), req.params.id);
    return reply.code(204).send(null);
  });

  // Users
  app.get('/api/users', { schema: read('users', 'Users (admin, coordinator)', UserRef) }, async (req) => listUsers(db, actor(req)));
  app.get('/api/users/:id', { schema: one('users', 'One user (admin, coordinator)', UserRef) }, async (req) => getUser(db, actor(req), req.params.id));
  app.post('/api/users', { schema: create('users', 'Create a user and send them an invitation by e-mail (admin, coordinator)', UserCreate, UserRef) }, async (req, reply) =>
    reply.code(201).send(await createUser(db, actor(req), req.body, opts.accountLinks)));
  app.patch('/api/users/:id', { schema: change('users', 'Change a user; deactivate with active=false (admin, coordinator)', UserPatch, UserRef) }, async (req) =>
    changeUser(db, actor(req), req.params.id, req.body));

  // Categories
  app.get('/api/categories', { schema: read('categories', 'The category tree (flat, with parentId), per municipality', CategoryRef) }, async (req) =>
    listCategories(db, actor(req)));
  app.post('/api/categories', { schema: create('categories', 'Create a category (coordinator, admin)', CategoryCreate, CategoryRef) }, async (req, reply) =>
    reply.code(201).send(await createCategory(db, actor(req), req.body)));
  app.patch('/api/categories/:id', { schema: change('categories', 'Change a category; deactivate with active=false', CategoryPatch, CategoryRef) }, async (req) =>
    changeCategory(db, actor(req), req.params.id, req.body));
  app.delete('/api/categories/:id', { schema: del('categories', 'Delete an unused category') }, async (req, reply) => {
    await removeCategory(db, actor(req), req.params.id);
    return reply.code(204).send(null);
  });

  // Areas
  app.get('/api/areas', {
    schema: { ...read('areas', 'Areas (districts, DeSO, area-group areas) with geometry in WGS84', AreaRef), querystring: AreaQuery },
  }, async (req) => listAreas(db, actor(req), req.query.kind));
  app.get('/api/areas/:id', { schema: one('areas', 'One area', AreaRef) }, async (req) => getArea(db, actor(req), req.params.id));
  app.post('/api/areas', {
    bodyLimit: 20 * 1024 * 1024,
    schema: { tags: ['areas'], summary: 'Upload areas as GeoJSON (all features or none)', body: AreaUpload, response: { 201: Type.Array(AreaRef), ...errors(400, 401, 403, 413, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await uploadAreas(db, actor(req), req.body)));
  app.patch('/api/areas/:id', { schema: change('areas', 'Change an area', AreaPatch, AreaRef) }, async (req) =>
    changeArea(db, actor(req), req.params.id, req.body));
  app.delete('/api/areas/:id', { schema: del('areas', 'Delete an area') }, async (req, reply) => {
    await removeArea(db, actor(req), req.params.id);
    return reply.code(204).send(null);
  });

  // Places
  app.get('/api/places', {
    schema: { ...read('places', 'Named places; q searches names', PlaceRef), querystring: PlaceQuery },
  }, async (req) => listPlaces(db, actor(req), req.query.q));
  app.get('/api/places/:id', { schema: one('places', 'One place', PlaceRef) }, async (req) => getPlace(db, actor(req), req.params.id));
  app.post('/api/places', { schema: create('places', 'Create a place (point or polygon, WGS84)', PlaceCreate, PlaceRef) }, async (req, reply) =>
    reply.code(201).send(await createPlace(db, actor(req), req.body)));
  app.patch('/api/places/:id', { schema: change('places', 'Change a place', PlacePatch, PlaceRef) }, async (req) =>
    changePlace(db, actor(req), req.params.id, req.body));
  app.delete('/api/places/:id', { schema: del('places', 'Delete a place no report refers to') }, async (req, reply) => {
    await removePlace(db, actor(req), req.params.id);
    return reply.code(204).send(null);
  });
};
