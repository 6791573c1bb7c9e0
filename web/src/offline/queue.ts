import { signal, effect } from '@preact/signals';
import { api, ApiError, NetworkError } from '../api/client.ts';
import { online } from '../ui/online.ts';
import { session } from '../session.ts';
import { IdbOutboxStore } from './idb-store.ts';
import { MemoryOutboxStore, Outbox, type OutboxItem, type OutboxTransport, type SendResult } from './outbox.ts';

/**
 * The browser's outbox: IndexedDB + the API. One instance per page load, started by the report page
 * and Mina rapporter. Sends waiting reports on load, when the connection returns, and after each
 * back-off delay.
 */

function classify(e: unknown): SendResult {
  if (e instanceof NetworkError) return { kind: 'network', message: '' }; // shown as "offline", not as the browser's wording
  if (e instanceof ApiError) {
    // Temporary or not the report's fault: try again later (401: after the user has logged in again).
    if (e.status >= 500 || e.status === 429 || e.status === 408 || e.status === 401) return { kind: 'retry', status: e.status, message: e.message };
    return { kind: 'rejected', status: e.status, message: e.message, fields: e.fields.map((f) => ({ field: f.field, message: f.message })) };
  }
  return { kind: 'network', message: '' };
}

const transport: OutboxTransport = {
  async postReport(body) {
    try { return { kind: 'ok', value: await api.post('/api/incidents', body) }; } catch (e) { return classify(e); }
  },
  async uploadPhoto(reportId, photo) {
    const form = new FormData();
    form.append('photo', photo.blob, photo.name);
    try { return { kind: 'ok', value: await api.post(`/api/incidents/${reportId}/photos`, form) }; } catch (e) { return classify(e); }
  },
};

function createStore() {
  try {
    if (typeof indexedDB !== 'undefined') return new IdbOutboxStore();
  } catch { /* private mode in some browsers */ }
  return new MemoryOutboxStore();
}

export const outbox = new Outbox(createStore(), transport);
/** Items waiting on this device (oldest first); kept current by the outbox. */
export const outboxItems = signal<OutboxItem[]>([]);
outbox.subscribe((items) => (outboxItems.value = items));

let started = false;
let timer: ReturnType<typeof setTimeout> | undefined;

async function schedule(): Promise<void> {
  clearTimeout(timer);
  const next = await outbox.nextAttemptAt();
  if (next === null) return;
  timer = setTimeout(() => { void run(false); }, Math.max(1000, next - Date.now()));
}

async function run(force: boolean): Promise<void> {
  if (!session.value) return; // sent after login
  await outbox.flush(force);
  await schedule();
}

/** Loads the waiting items and starts sending; idempotent. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  void outbox.items().then((items) => (outboxItems.value = items)).catch(() => undefined);
  effect(() => {
    if (online.value && session.value) void run(true);
  });
}
