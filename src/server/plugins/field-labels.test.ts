/**
 * Every field a request can carry (path, query and body of every route, read from the OpenAPI
 * document the app serves) has a name in words in both languages, so no error message falls back to
 * the wire name: a new field without a label fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../db/engine.ts';
import { buildApp } from '../app.ts';
import { FIELD_LABELS } from '../../core/i18n/fields.ts';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema | Schema[]; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; additionalProperties?: Schema | boolean };

test('every request field of every route has a label in Swedish and English', async () => {
  // Building the routes touches no database; the document lists them all.
  const app = await buildApp({ db: {} as Database, rollupApplier: false, webRoot: false });
  try {
    await app.ready();
    const spec = app.swagger() as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };
    const components = spec.components?.schemas ?? {};
    const names = new Map<string, string>();
    const walk = (s: Schema | boolean | undefined, where: string, seen: Set<Schema>) => {
      if (!s || typeof s !== 'object' || seen.has(s)) return;
      seen.add(s);
      if (s.$ref) walk(components[s.$ref.split('/').pop()!], where, seen);
      for (const [k, v] of Object.entries(s.properties ?? {})) { names.set(k, names.get(k) ?? where); walk(v, where, seen); }
      for (const sub of [s.items, s.anyOf, s.oneOf, s.allOf, s.additionalProperties].flat()) walk(sub as Schema | undefined, where, seen);
    };
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) if (p.in === 'path' || p.in === 'query') names.set(p.name, names.get(p.name) ?? `${method} ${path}`);
        for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema, `${method} ${path}`, new Set());
      }
    }
    assert.ok(names.size > 50, `the document lists the request fields (${names.size})`);
    for (const lang of ['sv', 'en'] as const) {
      const missing = [...names].filter(([n]) => !FIELD_LABELS[lang][n]).map(([n, where]) => `${n} (${where})`);
      assert.deepEqual(missing, [], `fields without a ${lang} label`);
    }
  } finally {
    await app.close();
  }
});
