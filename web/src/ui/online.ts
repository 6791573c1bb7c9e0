import { signal } from '@preact/signals';

/**
 * Whether the app can reach its server, as it actually turns out: the browser's online/offline
 * events, and every request (api/client.ts, the outbox) — an answer of any status means the server
 * was reached, a request that never got an answer means it was not. Pages react to it (the offline
 * banner, the outbox sends on true).
 *
 * The browser's own flag is only a hint: it says "online" on a Wi-Fi without internet, and a phone
 * that wakes up may never hear the `online` event. So after a failed request, while the browser
 * still believes it is online, the server's /health is asked now and then until it answers.
 */
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);

const PROBE_FIRST_MS = 5_000;
const PROBE_MAX_MS = 60_000;
let probeTimer: ReturnType<typeof setTimeout> | undefined;
let probing = false;
let probeDelay = PROBE_FIRST_MS;
/** When the browser last said online or offline: a request started before tells nothing newer. */
let eventAt = -Infinity;
const clock = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** Call when a request starts; pass the value to noteReached/noteUnreachable when it ends. */
export function requestStarted(): number {
  return clock();
}

/**
 * An answer came back from the server. `startedAt` (from requestStarted): an answer to a request
 * made before the browser's last online/offline event is older news than the event and is ignored.
 */
export function noteReached(startedAt = clock()): void {
  if (startedAt <= eventAt) return;
  setOnline(true);
}

function setOnline(value: boolean): void {
  clearTimeout(probeTimer);
  probing = false;
  probeDelay = PROBE_FIRST_MS;
  if (online.value !== value) online.value = value;
}

/** A request to the server failed without an answer (see noteReached for `startedAt`). */
export function noteUnreachable(startedAt = clock()): void {
  if (startedAt <= eventAt) return;
  if (online.value) online.value = false;
  if (typeof window === 'undefined' || probing) return;
  probing = true;
  const probe = () => {
    // Offline by the browser's own account: the `online` event will tell.
    if (!navigator.onLine || online.value) { probing = false; return; }
    const startedAt = clock();
    fetch('/health', { cache: 'no-store' }).then(() => { probing = false; noteReached(startedAt); }, () => {
      probeDelay = Math.min(PROBE_MAX_MS, probeDelay * 2);
      probeTimer = setTimeout(probe, probeDelay);
    });
  };
  probeTimer = setTimeout(probe, probeDelay);
}

/** The browser's online/offline event: believed at once, and newer than any request under way. */
export function browserSays(isOnline: boolean): void {
  eventAt = clock();
  setOnline(isOnline);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => browserSays(true));
  window.addEventListener('offline', () => browserSays(false));
}
