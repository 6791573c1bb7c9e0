import { computed, effect, signal } from '@preact/signals';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { lang } from '../i18n/index.ts';
import { noteReached, noteUnreachable, online, requestStarted } from '../ui/online.ts';
import { session } from '../session.ts';
import { IdbOutboxStore } from './idb-store.ts';
import {
  belongsTo, MemoryOutboxStore, Outbox, type OutboxItem, type OutboxLock, type OutboxPhoto, type OutboxStore, type ReportBody, type SubmitOutcome,
} from './outbox.ts';
import { OUTBOX_CHANNEL, OUTBOX_LOCK, OUTBOX_SYNC_TAG, type OutboxMessage } from './protocol.ts';
import { createHttpTransport } from './transport.ts';

/**
 * The browser's outbox: IndexedDB + the API, one instance per page load, started by the app shell
 * as soon as someone is logged in, whatever page is open. It sends waiting reports when the app
 * starts, when the connection returns, when the app comes back to the foreground and after each
 * back-off delay; the service worker sends them too (Background Sync, see sw.ts), even with no page
 * open. A Web Lock makes sure only one of them sends at a time, and a BroadcastChannel tells every
 * open page what the others did.
 */

const transport = createHttpTransport({
  csrfToken: () => session.value?.csrfToken ?? null,
  async refreshCsrfToken() {
    try {
      const me = await api.get<Me>('/api/me');
      // Only a new token changes the session (and so wakes the sender again): no loop on a refusal.
      if (me.csrfToken !== session.value?.csrfToken) session.value = me;
      return me.csrfToken;
    } catch {
      return null;
    }
  },
  lang: () => lang.value,
  started: requestStarted,
  onReached: noteReached,
  onUnreachable: noteUnreachable,
  onUnauthorized: () => { session.value = null; },
});

/** Held across the pages and the service worker; without Web Locks (old browsers) only within the page. */
const lock: OutboxLock = (fn) => (typeof navigator !== 'undefined' && navigator.locks
  // request() resolves with what fn's promise resolves to (its typing says a promise of that promise).
  ? navigator.locks.request(OUTBOX_LOCK, fn) as unknown as ReturnType<typeof fn>
  : fn());

/**
 * IndexedDB, or memory for the page's life once IndexedDB fails (private mode in some browsers, a
 * full disk): a report is then kept only while the page is open, but the form still sends it.
 */
class DeviceStore implements OutboxStore {
  private readonly memory = new MemoryOutboxStore();
  private idb: OutboxStore | null;
  constructor() {
    try {
      this.idb = typeof indexedDB === 'undefined' ? null : new IdbOutboxStore();
    } catch {
      this.idb = null;
    }
  }
  private async use<T>(fn: (s: OutboxStore) => Promise<T>): Promise<T> {
    if (this.idb) {
      try { return await fn(this.idb); } catch (e) {
        console.warn('The outbox cannot use IndexedDB; reports are kept in memory while the page is open.', e);
        this.idb = null;
      }
    }
    return fn(this.memory);
  }
  all() { return this.use((s) => s.all()); }
  get(id: string) { return this.use((s) => s.get(id)); }
  put(item: OutboxItem) { return this.use((s) => s.put(item)); }
  delete(id: string) { return this.use((s) => s.delete(id)); }
  update(id: string, fn: (item: OutboxItem) => OutboxItem | null) { return this.use((s) => s.update(id, fn)); }
}

export const outbox = new Outbox(new DeviceStore(), transport, { lock });

const allItems = signal<OutboxItem[]>([]);
/** The logged-in user's items waiting on this device (oldest first); kept current by every context. */
export const outboxItems = computed(() => allItems.value.filter((i) => belongsTo(i, session.value?.user.id)));
/** Client ids of reports the server has stored since this page loaded (sent from here or elsewhere). */
export const storedReports = signal<ReadonlySet<string>>(new Set());

const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(OUTBOX_CHANNEL) : null;

function markStored(id: string): void {
  if (storedReports.value.has(id)) return;
  storedReports.value = new Set([...storedReports.value, id]);
}

function show(items: OutboxItem[]): void {
  allItems.value = items;
  if (items.some((i) => i.state === 'waiting')) void requestBackgroundSync();
}

outbox.subscribe((items) => {
  show(items);
  channel?.postMessage({ type: 'changed' } satisfies OutboxMessage);
});
outbox.onStored((id) => {
  markStored(id);
  channel?.postMessage({ type: 'stored', id } satisfies OutboxMessage);
});

async function refresh(): Promise<void> {
  try { show(await outbox.items()); } catch { /* the store is unavailable: nothing to show */ }
}

interface SyncCapableRegistration { sync?: { register(tag: string): Promise<void> } }

/**
 * Asks the service worker to send the outbox when the browser has a connection, even if every page
 * is closed by then (Background Sync, where the browser has it: Chromium). Elsewhere the pages send.
 */
async function requestBackgroundSync(): Promise<void> {
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    await (reg as SyncCapableRegistration | undefined)?.sync?.register(OUTBOX_SYNC_TAG);
  } catch { /* no service worker or no permission: the pages send */ }
}

let started = false;
let timer: ReturnType<typeof setTimeout> | undefined;

async function schedule(): Promise<void> {
  clearTimeout(timer);
  const next = await outbox.nextAttemptAt(session.value?.user.id);
  if (next === null) return;
  timer = setTimeout(() => { void run(false); }, Math.max(1000, next - Date.now()));
}

async function run(force: boolean): Promise<void> {
  const me = session.value;
  if (!me || !online.value) return; // sent after login, or when the connection is back
  try {
    await outbox.flush({ force, userId: me.user.id });
  } catch (e) {
    console.warn('Sending the outbox failed; it is tried again later.', e);
  } finally {
    await schedule().catch(() => undefined);
  }
}

/** Sends what waits now, whatever its back-off says ("Skicka nu"). */
export function sendNow(): Promise<void> {
  return run(true);
}

/** A report from the form: in the outbox first, then sent (see Outbox.submit). */
export function submitReport(body: ReportBody, photos: OutboxPhoto[], summary: OutboxItem['summary']): Promise<SubmitOutcome> {
  return outbox.submit(body, photos, summary, { userId: session.value?.user.id, lang: lang.value });
}

export function retryItem(id: string): Promise<void> {
  return outbox.retry(id, undefined, session.value?.user.id);
}

export function discardItem(id: string): Promise<void> {
  return outbox.discard(id);
}

/**
 * Loads the waiting items and starts sending; idempotent. Called by the app shell once a user is
 * logged in, so the outbox drains from any page, not only from the report form.
 */
export function startOutbox(): void {
  if (started) return;
  started = true;
  void refresh();
  if (channel) {
    channel.onmessage = (e: MessageEvent<OutboxMessage>) => {
      if (e.data?.type === 'stored') markStored(e.data.id);
      void refresh();
    };
  }
  // On start, on login and whenever the connection returns.
  effect(() => {
    if (online.value && session.value) void run(true);
  });
  // A phone brings the app back from the background: its timers may not have run meanwhile.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void run(true);
  });
}
