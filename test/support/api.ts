import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { createTestDatabase, type TestDatabase, type TestEngine } from './db.ts';
import { FX, type FixtureUser } from './fixtures.ts';

export interface Client {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A raw body with its own content type (multipart uploads). */
  upload(url: string, payload: Buffer, contentType: string): Promise<LightMyRequestResponse>;
  csrfToken: string | null;
}

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  /** A client logged in as the fixture user (cookie and CSRF token handled). */
  as(user: FixtureUser): Promise<Client>;
  /** A client without a session. */
  anonymous(): Client;
  close(): Promise<void>;
}

function client(app: FastifyInstance, cookie: string | null, csrfToken: string | null): Client {
  const headers = (extra?: Record<string, string>) => ({
    ...(cookie ? { cookie } : {}),
    ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    ...extra,
  });
  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, body: unknown, extra?: Record<string, string>) =>
    app.inject({ method, url, headers: { 'content-type': 'application/json', ...headers(extra) }, payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return {
    csrfToken,
    get: (url, extra) => app.inject({ method: 'GET', url, headers: headers(extra) }),
    post: (url, body, extra) => send('POST', url, body ?? {}, extra),
    patch: (url, body, extra) => send('PATCH', url, body, extra),
    delete: (url, extra) => app.inject({ method: 'DELETE', url, headers: headers(extra) }),
    put: (url, body, extra) => send('PUT', url, body ?? {}, extra),
    upload: (url, payload, contentType) => app.inject({ method: 'POST', url, headers: { ...headers(), 'content-type': contentType }, payload }),
  };
}

export async function startTestApp(engine: TestEngine, options: Partial<AppOptions> = {}): Promise<TestApp> {
  const t = await createTestDatabase(engine);
  const app = await buildApp({ db: t.db, logger: false, loginRateLimit: { max: 1000, timeWindow: 60_000 }, ...options });
  await app.ready();
  return {
    ...t,
    app,
    anonymous: () => client(app, null, null),
    async as(user) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: FX.users[user].email, password: FX.password }) });
      if (res.statusCode !== 200) throw new Error(`login as ${user} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(app, cookie, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

/** Category id by code in a municipality, straight from the database. */
export async function categoryId(t: TestDatabase, code: string, municipalityId: string = FX.alingsas): Promise<string> {
  const r = await t.db.query<{ id: string }>('SELECT id FROM categories WHERE code = $1 AND municipality_id = $2', [code, municipalityId]);
  if (!r.rows[0]) throw new Error(`no category ${code} in ${municipalityId}`);
  return r.rows[0].id;
}

export async function countRows(t: TestDatabase, table: string): Promise<number> {
  const r = await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return r.rows[0].n;
}

/**
 * Inserts incidents straight into the database (fast set-up for aggregate tests), each with its
 * creation in the history. Positions in EPSG:3006; times as Dates.
 */
export async function insertIncidents(t: TestDatabase, rows: Array<{ id?: string; categoryCode: string; e: number; n: number; at: Date; org: keyof typeof FX.orgs; visibility?: 'normal' | 'restricted'; placeName?: string; reporterId?: string }>): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    const id = r.id ?? crypto.randomUUID();
    ids.push(id);
    await t.db.query(
      `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, reporter_id, place_name, visibility, source)
       SELECT $1, c.municipality_id, c.id, $3, $3, $3, ST_SetSRID(ST_MakePoint($4, $5), 3006), $6, $7, $8, $9, 'test'
         FROM categories c WHERE c.code = $2 AND c.municipality_id = '1489'`,
      [id, r.categoryCode, r.at, r.e, r.n, FX.orgs[r.org], r.reporterId ?? null, r.placeName ?? null, r.visibility ?? 'normal']);
  }
  return ids;
}
