/**
 * Registers the service worker (web/public/sw.js) and hands it the same-origin files this page has
 * already loaded, so the app shell and the report form open offline from the first visit on.
 * Called by the report page and Mina rapporter; safe to call more than once.
 */
let done = false;

export function registerServiceWorker(): void {
  if (done || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.hostname !== 'localhost' && location.hostname !== '127.0.0.1') return;
  done = true;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(async () => {
    const reg = await navigator.serviceWorker.ready;
    const urls = performance.getEntriesByType('resource').map((e) => e.name)
      .filter((u) => u.startsWith(location.origin) && !u.includes('/api/'));
    reg.active?.postMessage({ type: 'cache-urls', urls: [...new Set([`${location.origin}/`, ...urls])] });
  }).catch(() => { done = false; });
}
