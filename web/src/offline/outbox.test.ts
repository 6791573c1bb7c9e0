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

/** A promise and its resolve, for holding an answer back until the test lets it go. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** One lock shared by several Outbox instances, as Web Locks is shared by the pages and the service worker. */
function sharedLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

test('the report is on the device before the first attempt leaves: a page closed while it is on its way loses nothing', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const answer = deferred<SendResult>();
  // The network hangs: the user closes the app while the form says "Skickar …".
  const hanging: OutboxTransport = { postReport: () => answer.promise, uploadPhoto: server.transport.uploadPhoto };
  const pending = new Outbox(store, hanging).submit(createBody('a'), [createPhoto('1.jpg')], summary);
  await new Promise((r) => setTimeout(r, 0));
  const kept = await store.all();
  assert.deepEqual(kept.map((i) => [i.id, i.state, i.photos.length]), [['a', 'waiting', 1]], 'kept before any answer');
  // The next start of the app (a new instance on the same store) sends it.
  await new Outbox(store, server.transport).flush(true);
  assert.deepEqual([...server.reports.keys()], ['a']);
  assert.deepEqual(server.photos, [{ reportId: 'a', name: '1.jpg' }]);
  answer.resolve({ kind: 'network', message: 'closed' });
  await pending;
});

test('"the connection is back" during a run is not lost: the run goes round again and sends what was not due', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const clock = createClock();
  let hold: ReturnType<typeof deferred<void>> | null = null;
  const slow: OutboxTransport = {
    postReport: async (b) => { if (hold) await hold.promise; return server.transport.postReport(b); },
    uploadPhoto: server.transport.uploadPhoto,
  };
  const outbox = new Outbox(store, slow, { now: clock.now, baseDelayMs: 1000 });
  server.setReachable(false);
  await outbox.submit(createBody('due'), [], summary);
  clock.advance(1000);
  await outbox.submit(createBody('backing-off'), [], summary); // its next attempt is a second away
  server.setReachable(true);
  hold = deferred<void>();
  const timerRun = outbox.flush(); // the back-off timer: only 'due' is due
  await new Promise((r) => setTimeout(r, 0));
  const onlineRun = outbox.flush(true); // meanwhile the `online` event: everything, now
  hold.resolve();
  hold = null;
  await Promise.all([timerRun, onlineRun]);
  assert.deepEqual([...server.reports.keys()].sort(), ['backing-off', 'due']);
  assert.deepEqual(await outbox.items(), []);
});

test('a report the user removes while a run is under way is not sent, and not brought back', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const clock = createClock();
  const first = deferred<void>();
  let posts = 0;
  const slow: OutboxTransport = {
    postReport: async (b) => { if (posts++ === 0) await first.promise; return server.transport.postReport(b); },
    uploadPhoto: server.transport.uploadPhoto,
  };
  server.setReachable(false);
  const outbox = new Outbox(store, server.transport, { now: clock.now });
  await outbox.submit(createBody('a'), [], summary);
  clock.advance(10);
  await outbox.submit(createBody('b'), [], summary);
  server.setReachable(true);
  const sender = new Outbox(store, slow, { now: clock.now });
  const run = sender.flush(true);
  await new Promise((r) => setTimeout(r, 0));
  await outbox.discard('b');
  first.resolve();
  await run;
  assert.deepEqual([...server.reports.keys()], ['a']);
  assert.deepEqual(await store.all(), []);
});

test('the pages and the service worker send from one store under one lock: each report and photo once', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const lock = sharedLock();
  let posts = 0;
  const counting: OutboxTransport = {
    postReport: async (b) => { posts++; await new Promise((r) => setTimeout(r, 1)); return server.transport.postReport(b); },
    uploadPhoto: async (id, p) => { await new Promise((r) => setTimeout(r, 1)); return server.transport.uploadPhoto(id, p); },
  };
  server.setReachable(false);
  await new Outbox(store, server.transport).submit(createBody('a'), [createPhoto('1.jpg'), createPhoto('2.jpg')], summary);
  await new Outbox(store, server.transport).submit(createBody('b'), [], summary);
  server.setReachable(true);
  posts = 0;
  const page = new Outbox(store, counting, { lock });
  const otherTab = new Outbox(store, counting, { lock });
  const serviceWorker = new Outbox(store, counting, { lock });
  await Promise.all([page.flush(true), serviceWorker.flush(true), otherTab.flush(true)]);
  assert.equal(posts, 2);
  assert.deepEqual(server.photos, [{ reportId: 'a', name: '1.jpg' }, { reportId: 'a', name: '2.jpg' }]);
  assert.deepEqual(await store.all(), []);
});

test('a report sent by another context while the form waited for the lock counts as stored', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const lock = sharedLock();
  const serviceWorker = new Outbox(store, server.transport, { lock });
  const page = new Outbox(store, server.transport, { lock });
  let posts = 0;
  const counting: OutboxTransport = { postReport: async (b) => { posts++; return server.transport.postReport(b); }, uploadPhoto: server.transport.uploadPhoto };
  const form = new Outbox(store, counting, { lock });
  // The service worker holds the lock (a slow run) when the form submits; it finds the new report.
  const gate = deferred<void>();
  const busy = lock(() => gate.promise);
  const swRun = serviceWorker.flush(true);
  const submitted = form.submit(createBody('a'), [], summary);
  gate.resolve();
  await busy;
  const r = await submitted;
  await swRun;
  await page.flush(true);
  assert.equal(r.kind, 'stored');
  assert.deepEqual([...server.reports.keys()], ['a']);
  assert.equal(posts, 0, 'the form did not send it again');
});

test('only the user who made a report sends it (a shared phone); items from before the field are anyone\'s', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  server.setReachable(false);
  await outbox.submit(createBody('annas'), [], summary, { userId: 'anna' });
  await outbox.submit(createBody('bos'), [], summary, { userId: 'bo' });
  await outbox.submit(createBody('old'), [], summary);
  server.setReachable(true);
  await outbox.flush({ force: true, userId: 'bo' });
  assert.deepEqual([...server.reports.keys()].sort(), ['bos', 'old']);
  assert.deepEqual((await outbox.items()).map((i) => i.id), ['annas']);
  assert.equal(await outbox.nextAttemptAt('bo'), null);
});

test('onStored names each report as the server stores it, before its photos are done', async () => {
  const server = createServer();
  const store = new MemoryOutboxStore();
  const outbox = new Outbox(store, server.transport);
  const stored: string[] = [];
  outbox.onStored((id) => stored.push(id));
  server.setReachable(false);
  await outbox.submit(createBody('a'), [createPhoto('1.jpg')], summary);
  assert.deepEqual(stored, []);
  server.setReachable(true);
  server.photoAnswers.push({ kind: 'network', message: 'offline' });
  await outbox.flush(true);
  assert.deepEqual(stored, ['a']);
  const [item] = await outbox.items();
  assert.equal(item.reportStored, true);
});

test('a run that starts as the form sends leaves the report to the form: one request, and the refusal goes to the form', async () => {
  const store = new MemoryOutboxStore();
  let posts = 0;
  const refusing: OutboxTransport = {
    postReport: async () => { posts++; return { kind: 'rejected', status: 422, message: 'Ogiltig', fields: [{ field: 'occurredAt', message: 'I framtiden' }] }; },
    uploadPhoto: async () => ({ kind: 'ok', value: {} }),
  };
  const outbox = new Outbox(store, refusing);
  const run = outbox.flush(true); // e.g. the `online` event, a moment before "Skicka rapporten"
  const submitted = outbox.submit(createBody('a'), [], summary);
  await run;
  const r = await submitted;
  assert.equal(r.kind, 'rejected');
  assert.deepEqual(r.kind === 'rejected' && r.fields, [{ field: 'occurredAt', message: 'I framtiden' }]);
  assert.equal(posts, 1);
  assert.deepEqual(await store.all(), []);
});
