/**
 * Registers the service worker (built from ./sw.ts into /sw.js with the whole build's file list),
 * which stores every page of the app for offline use at its install and sends the outbox in the
 * background. Called once at start (main.tsx); safe to call more than once. Service workers need
 * a secure context: https, or http on this machine (localhost, 127.0.0.1).
 */
let done = false;

export function registerServiceWorker(): void {
  if (done || typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  done = true;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => { done = false; });
}
