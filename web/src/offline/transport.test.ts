import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAnswer, createHttpTransport } from './transport.ts';
import type { ReportBody } from './outbox.ts';

const body: ReportBody = { id: '3f1c2a8e-0000-4000-8000-000000000001', categoryId: '00000000-0000-4000-8000-000000000001', occurredAt: '2026-11-24T21:30:00.000Z', location: { lon: 12.53, lat: 57.93 } };
const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string, message: string, fields: Array<{ field: string; message: string }> = []) => json(status, { error: { code, message, fields } });

test('classifyAnswer: the server or the session at fault waits and tries again; a refused report goes to the user', () => {
  assert.equal(classifyAnswer(503, null).kind, 'retry');
  assert.equal(classifyAnswer(500, null).kind, 'retry');
  assert.equal(classifyAnswer(429, null).kind, 'retry');
  assert.equal(classifyAnswer(408, null).kind, 'retry');
  assert.equal(classifyAnswer(401, { error: { code: 'unauthenticated', message: 'Logga in' } }).kind, 'retry');
  // A stale CSRF token (a new login in another tab) is not the report's fault: it must not end up "Behöver åtgärd".
  assert.equal(classifyAnswer(403, { error: { code: 'csrf_failed', message: 'CSRF' } }).kind, 'retry');
  assert.deepEqual(classifyAnswer(403, { error: { code: 'forbidden', message: 'Inte tillåtet' } }), { kind: 'rejected', status: 403, message: 'Inte tillåtet', fields: [] });
  assert.deepEqual(classifyAnswer(422, { error: { code: 'validation', message: 'Ogiltig', fields: [{ field: 'categoryId', message: 'Okänd kategori' }] } }),
    { kind: 'rejected', status: 422, message: 'Ogiltig', fields: [{ field: 'categoryId', message: 'Okänd kategori' }] });
});

test('the transport: the token, the language, the answer; reached and unreachable are reported', async () => {
  const seen: Array<{ url: string; headers: Record<string, string>; body: unknown }> = [];
  const events: string[] = [];
  let answer: () => Response | Promise<Response> = () => json(201, { id: body.id });
  const transport = createHttpTransport({
    fetch: async (url, init) => {
      seen.push({ url: String(url), headers: init?.headers as Record<string, string>, body: init?.body });
      return answer();
    },
    csrfToken: () => 'token-1',
    refreshCsrfToken: async () => 'token-2',
    lang: () => 'en',
    onReached: () => events.push('reached'),
    onUnreachable: () => events.push('unreachable'),
  });
  assert.deepEqual(await transport.postReport(body, 'sv'), { kind: 'ok', value: { id: body.id } });
  assert.equal(seen[0].url, '/api/incidents');
  assert.equal(seen[0].headers['x-csrf-token'], 'token-1');
  assert.equal(seen[0].headers['accept-language'], 'sv', 'the language the report was made in');
  assert.equal(seen[0].headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(String(seen[0].body)), body);

  answer = () => { throw new TypeError('Failed to fetch'); };
  assert.deepEqual(await transport.postReport(body), { kind: 'network', message: '' });
  assert.deepEqual(events, ['reached', 'unreachable']);

  answer = () => error(422, 'validation', 'Ogiltig', [{ field: 'occurredAt', message: 'I framtiden' }]);
  assert.equal((await transport.postReport(body)).kind, 'rejected');
  assert.equal(seen[2].headers['accept-language'], 'en', 'the UI language when the item does not say');
});

test('a stale CSRF token: the session is fetched afresh and the request goes once more at once', async () => {
  const tokens: Array<string | undefined> = [];
  let refreshed = 0;
  const transport = createHttpTransport({
    fetch: async (_url, init) => {
      const token = (init?.headers as Record<string, string>)['x-csrf-token'];
      tokens.push(token);
      return token === 'fresh' ? json(200, { id: body.id }) : error(403, 'csrf_failed', 'CSRF-token saknas eller är fel.');
    },
    csrfToken: () => 'stale',
    refreshCsrfToken: async () => { refreshed++; return 'fresh'; },
  });
  assert.equal((await transport.postReport(body)).kind, 'ok');
  assert.deepEqual(tokens, ['stale', 'fresh']);
  assert.equal(refreshed, 1);

  // Still refused after the refresh: try later, do not loop.
  const stubborn = createHttpTransport({ fetch: async () => error(403, 'csrf_failed', 'CSRF'), csrfToken: () => 'x', refreshCsrfToken: async () => 'y' });
  assert.equal((await stubborn.postReport(body)).kind, 'retry');
});

test('a photo goes as multipart with its name; a 401 says the session is gone', async () => {
  let form: FormData | undefined;
  let unauthorized = 0;
  const transport = createHttpTransport({
    fetch: async (url, init) => {
      assert.equal(String(url), `/api/incidents/${body.id}/photos`);
      assert.equal((init?.headers as Record<string, string>)['content-type'], undefined, 'the browser sets the multipart boundary');
      form = init?.body as FormData;
      return error(401, 'unauthenticated', 'Logga in');
    },
    csrfToken: () => 't',
    refreshCsrfToken: async () => 't',
    onUnauthorized: () => unauthorized++,
  });
  const r = await transport.uploadPhoto(body.id, { name: 'bild.jpg', type: 'image/jpeg', blob: new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' }) });
  assert.equal(r.kind, 'retry');
  assert.equal(unauthorized, 1);
  const photo = form?.get('photo');
  assert.ok(photo instanceof Blob);
  assert.equal((photo as File).name, 'bild.jpg');
});
