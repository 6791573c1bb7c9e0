import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryOutboxStore, Outbox, retryDelay, type OutboxPhoto, type OutboxTransport, type ReportBody, type SendResult } from './outbox.ts';

/** A fake server: stores reports by id like the real one (a repeated id returns the stored one). */
function createServer() {
  const reports = new Map<string, ReportBody>();
  const photos: Array<{ reportId: string; name: string }> = [];
  let reachable = true;
  const postAnswers: SendResult[] = [];
  const photoAnswers: SendResult[] = [];
  const transport: OutboxTransport = {
    async postReport(body) {
      const scripted = postAnswers.shift();
      if (scripted) return scripted;
      if (!reachable) return { kind: 'network', message: 'Failed to fetch' };
      if (!reports.has(body.id)) reports.set(body.id, body);
      return { kind: 'ok', value: { id: body.id } };
    },
    async uploadPhoto(reportId, photo) {
      const scripted = photoAnswers.shift();
      if (scripted) return scripted;
      if (!reachable) return { kind: 'network', message: 'Failed to fetch' };
      photos.push({ reportId, name: photo.name });
      return { kind: 'ok', value: {} };
    },
  };
  return {
    transport, reports, photos, postAnswers, photoAnswers,
    setReachable(v: boolean) { reachable = v; },
  };
}

function createBody(id: string, extra: Partial<ReportBody> = {}): ReportBody {
  return { id, categoryId: '00000000-0000-4000-8000-000000000001', occurredAt: '2026-11-24T21:30:00.000Z', location: { lon: 12.53, lat: 57.93 }, ...extra };
}
const summary = { categoryName: 'Klotter', occurredAt: '2026-11-24T21:30:00.000Z' };
function createPhoto(name: string): OutboxPhoto {
  return { name, type: 'image/jpeg', blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }) };
}
function createClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance(ms: number) { t += ms; } };
}

test('online: submit stores the report on the server and keeps nothing on the device', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  const r = await outbox.submit(createBody('a'), [], summary);
  assert.equal(r.kind, 'stored');
  assert.equal(server.reports.size, 1);
  assert.deepEqual(await store.all(), []);
});

test('offline: submit keeps the report with its photos; flushing when back online sends it once', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const clock = createClock();
  const outbox = new Outbox(store, server.transport, { now: clock.now });
  server.setReachable(false);
  const r = await outbox.submit(createBody('a'), [createPhoto('1.jpg'), createPhoto('2.jpg')], summary);
  assert.equal(r.kind, 'queued');
  const [item] = await outbox.items();
  assert.equal(item.id, 'a');
  assert.equal(item.state, 'waiting');
  assert.equal(item.photos.length, 2);
  assert.ok(item.photos[0].blob instanceof Blob);
  assert.equal(server.reports.size, 0);

  server.setReachable(true);
  await outbox.flush(true);
  await outbox.flush(true); // a second flush has nothing left to send
  assert.deepEqual([...server.reports.keys()], ['a']);
  assert.deepEqual(server.photos, [{ reportId: 'a', name: '1.jpg' }, { reportId: 'a', name: '2.jpg' }]);
  assert.deepEqual(await outbox.items(), []);
});

test('an answer lost after the server stored the report: the retry uses the same id and makes no duplicate', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  // The server stores it, but the phone never hears back.
  const lossy: OutboxTransport = {
    postReport: async (body) => { await server.transport.postReport(body); return { kind: 'network', message: 'connection reset' }; },
    uploadPhoto: server.transport.uploadPhoto,
  };
  const r = await new Outbox(store, lossy).submit(createBody('same-id'), [], summary);
  assert.equal(r.kind, 'queued');
  await outbox.flush(true);
  assert.equal(server.reports.size, 1);
  assert.deepEqual(await store.all(), []);
});

test('a refusal from the form comes back with field messages and is not kept', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  server.postAnswers.push({ kind: 'rejected', status: 422, message: 'Ogiltig', fields: [{ field: 'occurredAt', message: 'Tiden ligger i framtiden.' }] });
  const r = await new Outbox(store, server.transport).submit(createBody('a'), [], summary);
  assert.deepEqual(r, { kind: 'rejected', status: 422, message: 'Ogiltig', fields: [{ field: 'occurredAt', message: 'Tiden ligger i framtiden.' }] });
  assert.deepEqual(await store.all(), []);
});

test('a queued report the server refuses later waits for the user with the server message', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  server.setReachable(false);
  await outbox.submit(createBody('a'), [], summary);
  server.setReachable(true);
  server.postAnswers.push({ kind: 'rejected', status: 422, message: 'Kategorin finns inte längre.', fields: [{ field: 'categoryId', message: 'Okänd kategori' }] });
  await outbox.flush(true);
  const [item] = await outbox.items();
  assert.equal(item.state, 'attention');
  assert.equal(item.message, 'Kategorin finns inte längre.');
  assert.deepEqual(item.fields, [{ field: 'categoryId', message: 'Okänd kategori' }]);
  // Not sent again automatically …
  await outbox.flush(true);
  assert.equal(server.reports.size, 0);
  // … until the user corrects it and tries again.
  await outbox.retry('a', createBody('a', { categoryId: '00000000-0000-4000-8000-000000000002' }));
  assert.equal(server.reports.get('a')?.categoryId, '00000000-0000-4000-8000-000000000002');
  assert.deepEqual(await outbox.items(), []);
});

test('discard removes an item', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  server.setReachable(false);
  await outbox.submit(createBody('a'), [], summary);
  await outbox.discard('a');
  assert.deepEqual(await outbox.items(), []);
});

test('retries back off: a failed attempt is not repeated before its time unless forced', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const clock = createClock();
  const outbox = new Outbox(store, server.transport, { now: clock.now, baseDelayMs: 1000, maxDelayMs: 8000 });
  server.setReachable(false);
  await outbox.submit(createBody('a'), [], summary);
  assert.equal(await outbox.nextAttemptAt(), clock.now() + 1000);
  server.postAnswers.push({ kind: 'retry', status: 503, message: 'Service Unavailable' });
  clock.advance(1000);
  await outbox.flush();
  let [item] = await outbox.items();
  assert.equal(item.attempts, 2);
  assert.equal(item.nextAttemptAt, clock.now() + 2000);
  assert.equal(item.message, 'Service Unavailable');
  server.setReachable(true);
  clock.advance(1999);
  await outbox.flush();
  [item] = await outbox.items();
  assert.equal(item.attempts, 2, 'not yet due');
  clock.advance(1);
  await outbox.flush();
  assert.deepEqual(await outbox.items(), []);
  assert.equal(server.reports.size, 1);
});

test('retryDelay doubles up to the maximum', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, 5, 60)), [5, 10, 20, 40, 60, 60]);
});

test('photos: a lost connection mid-upload keeps only the photos not yet uploaded', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  server.photoAnswers.push({ kind: 'ok', value: {} }); // the fake does not record scripted answers
  server.photoAnswers.push({ kind: 'network', message: 'offline' });
  const r = await outbox.submit(createBody('a'), [createPhoto('1.jpg'), createPhoto('2.jpg')], summary);
  assert.equal(r.kind, 'stored');
  assert.equal(r.kind === 'stored' && r.photosQueued, 1);
  const [item] = await outbox.items();
  assert.equal(item.reportStored, true);
  assert.deepEqual(item.photos.map((p) => p.name), ['2.jpg']);
  await outbox.flush(true);
  assert.deepEqual(server.photos, [{ reportId: 'a', name: '2.jpg' }]);
  assert.equal(server.reports.size, 1);
  assert.deepEqual(await outbox.items(), []);
});

test('photos: a refused photo is reported to the user, the report stays stored', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  server.photoAnswers.push({ kind: 'rejected', status: 413, message: 'Bilden är för stor.', fields: [] });
  await outbox.submit(createBody('a'), [createPhoto('stor.jpg'), createPhoto('liten.jpg')], summary);
  const [item] = await outbox.items();
  assert.equal(item.state, 'attention');
  assert.equal(item.message, 'stor.jpg: Bilden är för stor.');
  assert.deepEqual(item.photos.map((p) => p.name), ['liten.jpg']);
  await outbox.retry('a');
  assert.deepEqual(server.photos, [{ reportId: 'a', name: 'liten.jpg' }]);
  assert.deepEqual(await outbox.items(), []);
});

test('several waiting reports are sent oldest first; subscribers see every change', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const clock = createClock();
  const outbox = new Outbox(store, server.transport, { now: clock.now });
  const seen: number[] = [];
  outbox.subscribe((items) => seen.push(items.length));
  server.setReachable(false);
  await outbox.submit(createBody('first'), [], summary);
  clock.advance(10);
  await outbox.submit(createBody('second'), [], summary);
  server.setReachable(true);
  await outbox.flush(true);
  assert.deepEqual([...server.reports.keys()], ['first', 'second']);
  assert.deepEqual(seen, [1, 2, 0]);
});

test('concurrent flushes share one run and send each report once', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  let posts = 0;
  const counting: OutboxTransport = { postReport: async (b) => { posts++; return server.transport.postReport(b); }, uploadPhoto: server.transport.uploadPhoto };
  const outbox = new Outbox(store, counting);
  server.setReachable(false);
  await outbox.submit(createBody('a'), [], summary);
  server.setReachable(true);
  posts = 0;
  await Promise.all([outbox.flush(true), outbox.flush(true), outbox.flush(true)]);
  assert.equal(posts, 1);
});
