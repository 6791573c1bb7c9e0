/**
 * Lägesbild's service worker, built by web/vite.config.ts into web/dist/sw.js with the list of
 * every file of that build (`__PRECACHE__`) and a version made from them (`__SW_VERSION__`).
 *
 * - Offline use of every page: on install it stores the app shell (index.html), every lazy chunk
 *   and its CSS, the MapLibre worker, the icons and the manifest, all at once (the install fails,
 *   and is tried again at the next start, rather than leave a page that cannot open offline). A new
 *   build makes a new version; the old one is removed when the new one takes over.
 * - Navigations: network first (a new version shows at once), the stored shell when the network
 *   fails or hangs. Built files: from the store, the network for anything not in it.
 * - API: never from the store, except the reference data the report form needs offline
 *   (categories, places, areas, organisations, municipalities, map settings): network first, the
 *   last answer when offline, marked as such so the app does not take it for a connection.
 *   Reports, users, history, photos and everything else always go to the network.
 * - The outbox: on Background Sync (`sync`, Chromium) it sends the reports waiting in IndexedDB
 *   with the same logic as the pages (outbox.ts) under the same Web Lock, so a report made offline
 *   goes as soon as the phone has a connection, even with the app closed.
 */
import { IdbOutboxStore } from './idb-store.ts';
import { belongsTo, Outbox, type OutboxLock } from './outbox.ts';
import { OFFLINE_COPY_HEADER, OUTBOX_CHANNEL, OUTBOX_LOCK, OUTBOX_SYNC_TAG, type OutboxMessage } from './protocol.ts';
import { createHttpTransport } from './transport.ts';

declare const __PRECACHE__: string[];
declare const __SW_VERSION__: string;

// The worker's own globals (the web project is typed with the DOM library, not the WebWorker one).
interface ExtendableEvent extends Event { waitUntil(p: Promise<unknown>): void }
interface FetchEvent extends ExtendableEvent { readonly request: Request; respondWith(r: Response | Promise<Response>): void }
interface SyncEvent extends ExtendableEvent { readonly tag: string; readonly lastChance: boolean }
interface ServiceWorkerScope {
  readonly location: { readonly origin: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'sync', listener: (e: SyncEvent) => void): void;
}
const worker = self as unknown as ServiceWorkerScope;

const PRECACHE = `lagesbild-precache-${__SW_VERSION__}`;
const DATA = 'lagesbild-data-v3';
const OFFLINE_API = ['/api/categories', '/api/places', '/api/areas', '/api/organisations', '/api/municipalities', '/api/settings/map'];
/** A navigation that has not answered by then is served from the store (a connection that hangs). */
const NAVIGATION_TIMEOUT_MS = 6_000;

worker.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(PRECACHE);
    await Promise.all(__PRECACHE__.map(async (path) => {
      // Hashed files never change, so the HTTP cache may give them; the rest is revalidated.
      const response = await fetch(new Request(path, { cache: path.startsWith('/assets/') ? 'default' : 'no-cache', credentials: 'same-origin' }));
      if (!response.ok) throw new Error(`precache ${path}: ${response.status}`);
      await cache.put(path, response);
    }));
    await worker.skipWaiting();
  })());
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('lagesbild-') && key !== PRECACHE && key !== DATA) await caches.delete(key);
    }
    await worker.clients.claim();
  })());
});

/** The cached answer marked as a copy, so the page knows the server was not reached. */
function offlineCopy(cached: Response): Response {
  const headers = new Headers(cached.headers);
  headers.set(OFFLINE_COPY_HEADER, '1');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

async function referenceData(request: Request): Promise<Response> {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return offlineCopy(cached);
    throw e;
  }
}

async function navigation(request: Request): Promise<Response> {
  const shell = async () => (await caches.match('/', { cacheName: PRECACHE })) ?? Response.error();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      fetch(request),
      new Promise<Response>((_, reject) => { timer = setTimeout(() => reject(new Error('navigation timed out')), NAVIGATION_TIMEOUT_MS); }),
    ]);
  } catch {
    return shell();
  } finally {
    clearTimeout(timer);
  }
}

async function builtFile(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(PRECACHE);
  const cached = (await cache.match(request)) ?? (await cache.match(path));
  if (cached) return cached;
  const response = await fetch(request);
  // A file of this version the install could not know (none today); kept for the next time offline.
  if (response.ok && path.startsWith('/assets/')) await cache.put(request, response.clone());
  return response;
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  const path = url.pathname;
  if (path.startsWith('/api/')) {
    if (OFFLINE_API.includes(path)) event.respondWith(referenceData(request));
    return; // everything else: straight to the network, never stored
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  if (path === '/sw.js' || path === '/health' || path.startsWith('/docs') || path === '/openapi.json') return;
  event.respondWith(builtFile(request, path));
});

// The outbox (see outbox.ts and queue.ts): sent here under the same lock the pages take.
const lock: OutboxLock = (fn) => (navigator.locks
  // request() resolves with what fn's promise resolves to (its typing says a promise of that promise).
  ? navigator.locks.request(OUTBOX_LOCK, fn) as unknown as ReturnType<typeof fn>
  : fn());
const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(OUTBOX_CHANNEL) : null;
let csrfToken: string | null = null;

/** The session behind the worker's requests (the same cookie as the pages'), or null when logged out. */
async function currentUser(): Promise<{ id: string } | null> {
  const res = await fetch('/api/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`GET /api/me: ${res.status}`);
  const me = (await res.json()) as { user: { id: string }; csrfToken: string };
  csrfToken = me.csrfToken;
  return me.user;
}

const outbox = new Outbox(new IdbOutboxStore(), createHttpTransport({
  csrfToken: () => csrfToken,
  refreshCsrfToken: async () => { await currentUser().catch(() => null); return csrfToken; },
}), { lock });
outbox.subscribe(() => channel?.postMessage({ type: 'changed' } satisfies OutboxMessage));
outbox.onStored((id) => channel?.postMessage({ type: 'stored', id } satisfies OutboxMessage));

async function sendOutbox(lastChance: boolean): Promise<void> {
  // A network failure here throws: the browser tries the sync again later.
  const user = await currentUser();
  if (!user) return; // logged out: the app sends after the next login
  await outbox.flush({ force: true, userId: user.id });
  const left = (await outbox.items()).filter((i) => i.state === 'waiting' && belongsTo(i, user.id));
  if (left.length > 0 && !lastChance) throw new Error(`${left.length} report(s) still waiting`);
}

worker.addEventListener('sync', (event) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(sendOutbox(event.lastChance));
});
