import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { EngineName } from '../../src/db/engine.ts';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { FX, type FixtureUser } from './fixtures.ts';

export interface Client {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
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
  const send = (method: 'POST' | 'PATCH', url: string, body: unknown, extra?: Record<string, string>) =>
    app.inject({ method, url, headers: { 'content-type': 'application/json', ...headers(extra) }, payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return {
    csrfToken,
    get: (url, extra) => app.inject({ method: 'GET', url, headers: headers(extra) }),
    post: (url, body, extra) => send('POST', url, body ?? {}, extra),
    patch: (url, body, extra) => send('PATCH', url, body, extra),
    delete: (url, extra) => app.inject({ method: 'DELETE', url, headers: headers(extra) }),
  };
}

export async function startTestApp(engine: EngineName, options: Partial<AppOptions> = {}): Promise<TestApp> {
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
