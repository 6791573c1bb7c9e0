/* Lägesbild service worker: lets the report form open without a connection.
 *
 * - The app shell (index.html, the built assets, icons, manifest) is cached: on install from
 *   index.html, afterwards whenever the browser fetches it, and from the list of already loaded
 *   files the page sends after registering (the first visit loads them before the worker exists).
 * - Navigations: network first, the cached index.html when offline.
 * - /assets/* (content-hashed by Vite): cache first.
 * - API: never from the cache, except the reference data the form needs offline (categories, places,
 *   areas, organisations, municipalities, map settings): network first, the last answer when offline.
 *   Reports, users, history, photos and everything else always go to the network.
 */
const VERSION = 'v3';
const SHELL = `lagesbild-shell-${VERSION}`;
const DATA = `lagesbild-data-${VERSION}`;
const OFFLINE_API = ['/api/categories', '/api/places', '/api/areas', '/api/organisations', '/api/municipalities', '/api/settings/map'];
const SHELL_FILES = ['/', '/manifest.webmanifest', '/icon.svg', '/icons/icon.svg', '/icons/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await Promise.all(SHELL_FILES.map((u) => cache.add(u).catch(() => undefined)));
    // The entry bundle and its CSS, named in index.html.
    try {
      const html = await (await cache.match('/'))?.text();
      const assets = [...(html ?? '').matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await Promise.all(assets.map((u) => cache.add(u).catch(() => undefined)));
    } catch { /* the shell is cached on fetch instead */ }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('lagesbild-') && key !== SHELL && key !== DATA) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

/** The page sends the same-origin files it has loaded (lazy chunks included) so they work offline. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    for (const raw of data.urls) {
      let url;
      try { url = new URL(raw, self.location.origin); } catch { continue; }
      if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/sw.js') continue;
      if (await cache.match(url.pathname + url.search)) continue;
      await cache.add(url.pathname + url.search).catch(() => undefined);
    }
    // The reference data the form needs, even when the page fetched it before this worker controlled it.
    const dataCache = await caches.open(DATA);
    await Promise.all(OFFLINE_API.map(async (path) => {
      try {
        const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (response.ok) await dataCache.put(path, response);
      } catch { /* offline: keep what is cached */ }
    }));
  })());
});

async function networkFirst(request, cacheName, cacheKey) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey ?? request, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(cacheKey ?? request, { ignoreVary: true });
    if (cached) return cached;
    throw e;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith('/api/')) {
    if (OFFLINE_API.some((p) => url.pathname === p)) event.respondWith(networkFirst(request, DATA));
    return; // everything else: straight to the network, never cached
  }
  if (request.mode === 'navigate') {
    // Hash routes: every page is index.html.
    event.respondWith(networkFirst(request, SHELL, url.pathname === '/' || url.pathname === '/index.html' ? '/' : undefined)
      .catch(async () => (await caches.match('/')) ?? Response.error()));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (url.pathname === '/sw.js' || url.pathname.startsWith('/docs') || url.pathname === '/openapi.json' || url.pathname === '/health') return;
  event.respondWith(networkFirst(request, SHELL));
});
