/**
 * The names the pages and the service worker (sw.ts) agree on. Kept free of imports so the
 * service worker's bundle takes nothing else from the app.
 */

/** The Web Lock every sender of the outbox holds while it sends (pages and the service worker). */
export const OUTBOX_LOCK = 'lagesbild-outbox';

/** The Background Sync tag under which the service worker sends the outbox. */
export const OUTBOX_SYNC_TAG = 'lagesbild-outbox';

/** The BroadcastChannel on which every context says that the outbox changed. */
export const OUTBOX_CHANNEL = 'lagesbild-outbox';

export type OutboxMessage =
  | { type: 'changed' }
  /** The server has stored the report with this client id (its photos may still wait). */
  | { type: 'stored'; id: string };

/** Set by the service worker on an API answer it took from its cache because the network failed. */
export const OFFLINE_COPY_HEADER = 'x-lagesbild-offline-copy';
