/**
 * Every write and query endpoint of /openapi.json, fed generated bad values (issue 16 item 1): NUL
 * characters, lone surrogates, white space, "Infinity", huge numbers, extra coordinates, dates out
 * of range, wrong types, long strings, deep objects, each mixed into an otherwise plausible body,
 * query string or path. Fails on any 5xx, and on a 4xx that still wrote to the main tables.
 *
 * Bounded: a fixed seed and FUZZ_RUNS runs per endpoint and request part (default 60; both engines
 * stay within about three minutes on two CPUs). Multipart uploads get a few malformed bodies instead.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testEngines } from '../support/db.ts';
import { categoryId, startTestApp, type Client, type TestApp } from '../support/api.ts';
import { FX, POINTS } from '../support/fixtures.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[];
  format?: string; minimum?: number; maximum?: number; minItems?: number; minLength?: number; anyOf?: Schema[]; oneOf?: Schema[];
  $ref?: string; default?: unknown; additionalProperties?: boolean | Schema; pattern?: string; const?: unknown;
};
interface Req { body: unknown; query: Record<string, unknown>; params: Record<string, string> }
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query: Array<{ name: string; schema: Schema }>;
  params: Array<{ name: string; schema: Schema }>;
  body: Schema | null;
  multipart: boolean;
}

/** The tables a refused request must leave as they were. */
const MAIN_TABLES = ['incidents', 'incident_history', 'organisations', 'users', 'categories', 'places', 'areas', 'meetings', 'measures', 'situation_pictures', 'incident_photos', 'incident_imports', 'action_plans', 'meeting_decisions', 'import_mappings', 'police_events'];

const deep = (n: number): unknown => (n === 0 ? 'bottom' : { a: deep(n - 1) });
const square = (extra: number[] = []) => ({ type: 'Polygon', coordinates: [[[12.53, 57.93, ...extra], [12.54, 57.93, ...extra], [12.54, 57.94, ...extra], [12.53, 57.93, ...extra]]] });

const badString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00y', ' ', '\t\n ', '', 'Infinity', 'NaN', '1e400', '9999-12-31T23:59:59Z', '0000-01-01',
    '10000-01-01', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-02-30', 'x'.repeat(100_000), '%00', "'; DROP TABLE incidents; --",
    '00000000-0000-0000-0000-000000000000', '../../etc/passwd') },
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', ' ', 'a', 'ö', '🙂'), maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const badNumber = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>('Infinity', '-Infinity', 'NaN', '1e400', '-1e400', 1e308, -1e308, 2 ** 53, 2 ** 31, -(2 ** 31) - 1, 1.5, -1, 0, '12abc', '') },
  fc.double(), fc.integer(),
);
const badStructure = fc.constantFrom<unknown>(
  [12.5, 57.9, 1, 2], { lon: 12.5, lat: 57.9, z: 3 }, { lon: 'Infinity', lat: 57.9 }, { e: 1e400, n: 6423563, crs: 3006 }, square([1, 2]), square([1]),
  { type: 'Point', coordinates: [12.5, 57.9, 1, 2, 3] }, { type: 'Polygon', coordinates: [[[1e308, 0], [0, 1e308], [1, 1], [1e308, 0]]] },
  { type: 'Feature', properties: { 'a\u0000': 1 }, geometry: square() }, deep(60), [[[[[[[[[[]]]]]]]]]], [], {}, Array.from({ length: 2000 }, () => 'x'),
);
/** Any bad value, of any type: a wrong type is bad input too. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(badString, badNumber, badStructure, fc.constantFrom<unknown>(true, null), fc.jsonValue({ maxDepth: 3 }));
/** A bad value of the slot's own type (which passes the schema's type check and reaches the code behind), or now and then of any type. */
function badFor(s: Schema): fc.Arbitrary<unknown> {
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  const own = type === 'string' ? badString : type === 'integer' || type === 'number' ? badNumber : type === 'array' || type === 'object' || !type ? badStructure : badValue;
  return fc.oneof({ arbitrary: own, weight: 4 }, { arbitrary: badValue, weight: 1 });
}

/** A query-string or path value: what the client wrote, percent-encoded (a lone surrogate as the invalid UTF-8 it becomes). */
function encode(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  let out = '';
  for (const ch of s) {
    try { out += encodeURIComponent(ch); } catch { out += '%ED%A0%80'; }
  }
  return out;
}

function resolve(doc: { components?: { schemas?: Record<string, Schema> } }, s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; cur.$ref && i < 10; i++) cur = doc.components?.schemas?.[cur.$ref.split('/').pop()!] ?? {};
  return cur;
}

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const parameters: any[] = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase() as Operation['method'], path,
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        params: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: content['application/json'] ? resolve(doc, content['application/json'].schema) : null,
        multipart: !!content['multipart/form-data'],
      });
    }
  }
  return ops;
}

for (const engine of testEngines()) {
  describe(`fuzzing every endpoint of /openapi.json on ${engine}`, () => {
    let t: TestApp;
    let doc: any;
    let coordinator: Client, admin: Client;
    /** Plausible values by property name, so a body fails on the value under test rather than on all the others. */
    let known: Record<string, unknown>;
    /** Path parameters by name and path: records that exist (and may be changed without breaking the run). */
    let pathValues: (path: string, name: string) => string;

    before(async () => {
      t = await startTestApp(engine);
      coordinator = await t.as('coordinator');
      admin = await t.as('admin');
      doc = (await t.anonymous().get('/openapi.json')).json();
      const klotter = await categoryId(t, 'skadegorelse.klotter');
      const recent = new Date(Date.now() - 3 * 3600_000).toISOString();
      const incident = await coordinator.post('/api/incidents', { categoryId: klotter, occurredAt: recent, location: POINTS.alingsasCentrum, description: 'Fuzz' });
      assert.equal(incident.statusCode, 201, incident.body);
      const place = await coordinator.post('/api/places', { name: 'Fuzzplats', geometry: square() });
      assert.equal(place.statusCode, 201, place.body);
      const area = await coordinator.post('/api/areas', { kind: 'district', geojson: { type: 'Feature', properties: { name: 'Fuzzområde' }, geometry: square() } });
      assert.equal(area.statusCode, 201, area.body);
      const meeting = await coordinator.post('/api/meetings', { heldAt: recent });
      assert.equal(meeting.statusCode, 201, meeting.body);
      const ids: Record<string, string> = {
        incidents: incident.json().id, places: place.json().id, areas: area.json()[0].id, meetings: meeting.json().id,
        // A spare user and organisation: the run may change or disable them without locking itself out.
        users: FX.users.reporter2.id, organisations: FX.orgs.bevakning, categories: klotter,
      };
      known = {
        categoryId: klotter, organisationId: FX.orgs.kommun, placeId: ids.places, areaId: ids.areas, municipalityId: FX.alingsas,
        location: POINTS.alingsasCentrum, occurredAt: recent, heldAt: recent, geometry: square(), email: 'fuzz@alingsas.test',
        password: 'a-long-fuzz-password', colour: '#aabbcc', code: 'fuzz', name: 'Fuzz', kind: 'district',
        geojson: { type: 'Feature', properties: { name: 'Fuzz' }, geometry: square() }, year: 2026, from: '2026-11-01', to: '2026-12-01',
      };
      const sitPicSchema = operations(doc).find((o) => o.method === 'POST' && o.path === '/api/situation-pictures')?.body;
      const sitPic = await coordinator.post('/api/situation-pictures', sitPicSchema ? plausible(sitPicSchema, '') : {});
      assert.equal(sitPic.statusCode, 201, sitPic.body);
      ids['situation-pictures'] = sitPic.json().id;
      pathValues = (path, name) => {
        if (name === 'year') return '2026';
        const resource = /^\/api\/([a-z-]+)/.exec(path)?.[1] ?? '';
        return ids[resource] ?? crypto.randomUUID();
      };
    });
    after(() => t.close());

    /** A value the schema accepts, as far as a name or the schema tells. */
    function plausible(s: Schema, name: string, depth = 0): unknown {
      s = resolve(doc, s);
      if (name in known && !s.enum) return known[name];
      if (s.const !== undefined) return s.const;
      if (s.enum?.length) return s.enum[0];
      if (s.default !== undefined) return s.default;
      const branches = s.anyOf ?? s.oneOf;
      if (branches) return plausible(branches.find((b) => resolve(doc, b).type !== 'null') ?? branches[0], name, depth);
      const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
      switch (type) {
        case 'string': return s.format === 'uuid' ? crypto.randomUUID() : s.format === 'date-time' ? new Date().toISOString() : s.format === 'date' ? '2026-11-01' : s.format === 'email' ? 'fuzz@alingsas.test' : 'Fuzz';
        case 'integer': case 'number': return s.minimum ?? 1;
        case 'boolean': return true;
        case 'array': return depth > 4 ? [] : Array.from({ length: s.minItems ?? 0 }, () => plausible(s.items ?? {}, name, depth + 1));
        // The required properties, and the optional ones a plausible value is known for (a report's time).
        case 'object': return depth > 4 ? {} : Object.fromEntries(Object.keys(s.properties ?? {}).filter((k) => s.required?.includes(k) || (k in known && k !== 'kind'))
          .map((k) => [k, plausible(s.properties![k], k, depth + 1)]));
        default: return null;
      }
    }

    /** The paths of a body's properties (nested objects included) a bad value can be put at. */
    function slots(s: Schema, prefix: string[] = [], depth = 0): Array<{ at: string[]; schema: Schema }> {
      s = resolve(doc, s);
      const branches = s.anyOf ?? s.oneOf;
      if (branches) s = resolve(doc, branches.find((b) => resolve(doc, b).type !== 'null') ?? branches[0]);
      const out = [{ at: prefix, schema: s }];
      if (depth > 3 || !s.properties) return out;
      for (const [k, p] of Object.entries(s.properties)) out.push(...slots(p, [...prefix, k], depth + 1));
      return out;
    }

    function put(body: unknown, at: string[], value: unknown): unknown {
      if (at.length === 0) return value;
      const base = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object) } as Record<string, unknown> : {};
      base[at[0]] = put(base[at[0]], at.slice(1), value);
      return base;
    }

    async function counts(): Promise<Record<string, number>> {
      const r = await t.db.query<Record<string, number>>(`SELECT ${MAIN_TABLES.map((x) => `(SELECT count(*)::int FROM ${x}) AS ${x}`).join(', ')}`);
      return r.rows[0];
    }

    const statuses: Record<number, number> = {};
    async function send(client: Client, op: Operation, url: string, body: unknown) {
      const before = op.method === 'GET' ? null : await counts();
      const res = op.method === 'GET' ? await client.get(url)
        : op.method === 'DELETE' ? await client.delete(url)
          : op.method === 'POST' ? await client.post(url, body)
            : op.method === 'PUT' ? await client.put(url, body) : await client.patch(url, body);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      assert.ok(res.statusCode < 500, `${op.method} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (before && res.statusCode >= 400) {
        assert.deepEqual(await counts(), before, `${op.method} ${url} answered ${res.statusCode} but wrote: ${JSON.stringify(body)?.slice(0, 300)}`);
      }
      return res;
    }

    const urlOf = (op: Operation, params: Record<string, string>, query: string) =>
      op.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? encode(pathValues(op.path, name))) + (query ? `?${query}` : '');

    test('every write and query endpoint answers bad input with a 4xx and writes nothing', async (ctx) => {
      const ops = operations(doc).filter((op) => op.path.startsWith('/api/') && op.path !== '/api/auth/logout');
      assert.ok(ops.length > 60, `only ${ops.length} operations in /openapi.json`);
      const started = Date.now();
      for (const op of ops) {
        // Deleting the run's own records would leave the rest with nothing but 404s: DELETE gets bad ids only.
        const client = /^\/api\/(users|organisations|categories|settings|setup)/.test(op.path) ? admin : coordinator;
        if (op.multipart) {
          for (const [payload, type] of [
            ['--x\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.jpg"\r\n\r\n\u0000\u0001\r\n--x--\r\n', 'multipart/form-data; boundary=x'],
            ['--x\r\nno headers at all', 'multipart/form-data; boundary=x'],
            ['', 'multipart/form-data'],
            ['{"file":"\\ud800"}', 'multipart/form-data; boundary=\u0000'],
          ] as const) {
            const url = urlOf(op, {}, '');
            const res = await client.upload(url, Buffer.from(payload), type);
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      assert.ok(res.statusCode < 500, `${op.method} ${url} multipart → ${res.statusCode} ${res.body.slice(0, 300)}`);
          }
          continue;
        }
        const bodyBase = op.body ? plausible(op.body, '') : undefined;
        const bodySlots = op.body ? slots(op.body) : [];
        const parts = [
          ...(op.body && op.method !== 'DELETE' ? ['body'] : []),
          ...(op.query.length ? ['query'] : []),
          ...(op.params.length ? ['path'] : []),
        ];
        // One or two bad values at a time, each at a slot of the part; the rest of the request stays plausible.
        const slotsOf = (part: string): Array<{ set: (r: Req, v: unknown) => void; schema: Schema }> =>
          part === 'body' ? bodySlots.filter((x) => x.at.length > 0 || bodySlots.length === 1).map((x) => ({ schema: x.schema, set: (r: Req, v: unknown) => { r.body = put(r.body, x.at, v); } }))
            : part === 'query' ? op.query.map((q) => ({ schema: resolve(doc, q.schema), set: (r: Req, v: unknown) => { r.query[q.name] = v; } }))
              : op.params.map((p) => ({ schema: resolve(doc, p.schema), set: (r: Req, v: unknown) => { r.params[p.name] = encode(v); } }));
        for (const part of parts) {
          const candidates = slotsOf(part);
          if (!candidates.length) continue;
          const mutation = fc.nat({ max: candidates.length - 1 }).chain((i) => badFor(candidates[i].schema).map((v) => ({ i, v })));
          await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
            const r: Req = { body: bodyBase, query: {}, params: {} };
            for (const m of mutations) candidates[m.i].set(r, m.v);
            const qs = Object.entries(r.query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encode(v)}`).join('&');
            await send(client, op, urlOf(op, r.params, qs), r.body);
          }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
        }
      }
      // The time it took, for the issue's bound (printed by the spec reporter).
      ctx.diagnostic(`fuzzed ${ops.length} operations in ${Math.round((Date.now() - started) / 1000)} s; answers: ${JSON.stringify(statuses)}`);
    });
  });
}
