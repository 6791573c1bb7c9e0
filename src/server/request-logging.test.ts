import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createTestDatabase } from '../../test/support/db.ts';
import { buildApp } from './app.ts';

async function logLines(level: string): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l)); done(); } });
  const t = await createTestDatabase('pglite');
  const app = await buildApp({ db: t.db, logger: { level, stream }, rollupApplier: false, webRoot: false });
  await app.inject({ method: 'GET', url: '/health' });
  await app.inject({ method: 'GET', url: '/api/me' });
  await app.close();
  await t.drop();
  return lines;
}

test('requests are logged at debug, one line each, and not at the default level', async () => {
  const info = await logLines('info');
  assert.deepEqual(info.filter((l) => l.msg === 'request' || l.msg === 'incoming request' || l.msg === 'request completed'), []);
  const debug = (await logLines('debug')).filter((l) => l.msg === 'request');
  assert.deepEqual(debug.map((l) => [l.method, l.url, l.statusCode]), [['GET', '/health', 200], ['GET', '/api/me', 401]]);
});
