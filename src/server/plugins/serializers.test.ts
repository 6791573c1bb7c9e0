import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { lazySerializers } from './serializers.ts';

const app = () => Fastify({ schemaController: { compilersFactory: { buildSerializer: lazySerializers() } } });

test('a response is serialised by its schema, shared schemas included, as Fastify\'s own serializer does', async () => {
  const f = app();
  f.addSchema({ $id: 'point', type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } } });
  f.get('/p', { schema: { response: { 200: { type: 'object', properties: { id: { type: 'string' }, at: { $ref: 'point#' } } } } } },
    async () => ({ id: 'a', at: { x: 1, y: 2, secret: 's' }, extra: true }));
  const r = await f.inject('/p');
  // Properties outside the schema are left out: the schema's serializer wrote it, not JSON.stringify.
  assert.deepEqual(r.json(), { id: 'a', at: { x: 1, y: 2 } });
  assert.deepEqual((await f.inject('/p')).json(), { id: 'a', at: { x: 1, y: 2 } }, 'the second answer from the same serializer');
  await f.close();
});

test('a serializer is compiled at its route\'s first answer, not when the server starts', async () => {
  const f = app();
  // A reference to no schema: Fastify's own compiler refuses it at ready().
  f.get('/broken', { schema: { response: { 200: { $ref: 'nowhere#' } } } }, async () => ({}));
  f.get('/fine', { schema: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, async () => ({ ok: true }));
  await f.ready();
  assert.equal((await f.inject('/fine')).statusCode, 200);
  assert.equal((await f.inject('/broken')).statusCode, 500);
  await f.close();
  const eager = Fastify();
  eager.get('/broken', { schema: { response: { 200: { $ref: 'nowhere#' } } } }, async () => ({}));
  await assert.rejects(async () => { await eager.ready(); });
});
