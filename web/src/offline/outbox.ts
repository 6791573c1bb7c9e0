/**
 * The outbox: reports made on the device that the server has not confirmed yet, with their photos.
 *
 * Pure logic behind two small interfaces so it runs in node tests: a `OutboxStore` (IndexedDB in the
 * browser, see idb-store.ts) and a `OutboxTransport` (the API, see queue.ts) that classifies every
 * answer as ok / network (try again later) / rejected (the user must act) / retry (5xx, 429, 401).
 *
 * Every report carries the id the client chose, and the server treats a repeated id as the same
 * report (200 instead of 201), so sending again after a lost answer never makes a duplicate.
 */

import type { IncidentCreate } from '../../../src/contract/index.ts';

/**
 * The body of POST /api/incidents as the form builds it: always with the client-chosen id (the key
 * of the outbox and of the server's idempotency) and a WGS84 position.
 */
export type ReportBody = IncidentCreate & { id: string; location: { lon: number; lat: number } };

export interface OutboxPhoto { name: string; type: string; blob: Blob }

export interface FieldProblem { field: string; message: string }

export type OutboxState = 'waiting' | 'attention';

export interface OutboxItem {
  id: string;
  body: ReportBody;
  /** Photos not yet uploaded. */
  photos: OutboxPhoto[];
  /** The report itself is stored on the server; only photos remain. */
  reportStored: boolean;
  /** When it was put in the outbox (ISO). */
  queuedAt: string;
  attempts: number;
  /** Epoch ms before which no automatic attempt is made. */
  nextAttemptAt: number;
  state: OutboxState;
  /** The server's message when it refused (state 'attention'), or the last temporary problem. */
  message?: string;
  fields?: FieldProblem[];
  /** Category name etc. for showing the item without the network. */
  summary: { categoryName: string; placeName?: string; occurredAt: string };
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  get(id: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
}

export type SendResult<T = unknown> =
  | { kind: 'ok'; value: T }
  | { kind: 'network'; message: string }
  | { kind: 'retry'; status: number; message: string }
  | { kind: 'rejected'; status: number; message: string; fields: FieldProblem[] };

export interface OutboxTransport {
  postReport(body: ReportBody): Promise<SendResult>;
  uploadPhoto(reportId: string, photo: OutboxPhoto): Promise<SendResult>;
}

export interface OutboxOptions {
  now?: () => number;
  /** First retry delay in ms; doubles with every failed attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** What became of one submission from the form. */
export type SubmitOutcome =
  | { kind: 'stored'; incident: unknown; photosQueued: number }
  | { kind: 'queued'; item: OutboxItem }
  | { kind: 'rejected'; status: number; message: string; fields: FieldProblem[] };

export function retryDelay(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export class Outbox {
  private readonly now: () => number;
  private readonly base: number;
  private readonly max: number;
  private flushing: Promise<void> | null = null;
  private listeners = new Set<(items: OutboxItem[]) => void>();

  constructor(private readonly store: OutboxStore, private readonly transport: OutboxTransport, opts: OutboxOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.base = opts.baseDelayMs ?? 5_000;
    this.max = opts.maxDelayMs ?? 10 * 60_000;
  }

  /** Called with the current items after every change. */
  subscribe(fn: (items: OutboxItem[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async items(): Promise<OutboxItem[]> {
    const all = await this.store.all();
    return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  private async changed(): Promise<void> {
    if (this.listeners.size === 0) return;
    const items = await this.items();
    for (const fn of this.listeners) fn(items);
  }

  /**
   * Sends a report from the form now. A network failure (or a temporary server failure) puts it in
   * the outbox; a refusal comes back to the form with the server's field messages and is not kept.
   */
  async submit(body: ReportBody, photos: OutboxPhoto[], summary: OutboxItem['summary']): Promise<SubmitOutcome> {
    const r = await this.transport.postReport(body);
    if (r.kind === 'rejected') return { kind: 'rejected', status: r.status, message: r.message, fields: r.fields };
    const item: OutboxItem = {
      id: body.id, body, photos: [...photos], reportStored: r.kind === 'ok', queuedAt: new Date(this.now()).toISOString(),
      attempts: r.kind === 'ok' ? 0 : 1, nextAttemptAt: r.kind === 'ok' ? 0 : this.now() + retryDelay(1, this.base, this.max),
      state: 'waiting', message: r.kind === 'ok' ? undefined : r.message, summary,
    };
    if (r.kind !== 'ok') {
      await this.store.put(item);
      await this.changed();
      return { kind: 'queued', item };
    }
    // Stored: upload the photos now; whatever cannot be uploaded waits in the outbox.
    if (photos.length > 0) {
      await this.store.put(item);
      await this.sendOne(item);
      const left = await this.store.get(item.id);
      await this.changed();
      return { kind: 'stored', incident: r.value, photosQueued: left?.photos.length ?? 0 };
    }
    return { kind: 'stored', incident: r.value, photosQueued: 0 };
  }

  /**
   * Sends every waiting item whose time has come (all of them with `force`, e.g. when the connection
   * returns). Concurrent calls share one run.
   */
  flush(force = false): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      try {
        for (const item of await this.items()) {
          if (item.state !== 'waiting') continue;
          if (!force && item.nextAttemptAt > this.now()) continue;
          const went = await this.sendOne(item);
          if (went === 'network') break; // no connection: the others will fail too
        }
      } finally {
        this.flushing = null;
        await this.changed();
      }
    })();
    return this.flushing;
  }

  /** Epoch ms of the next automatic attempt, or null when nothing waits. */
  async nextAttemptAt(): Promise<number | null> {
    const waiting = (await this.store.all()).filter((i) => i.state === 'waiting');
    return waiting.length ? Math.min(...waiting.map((i) => i.nextAttemptAt)) : null;
  }

  /** The user has corrected (or accepted) an item needing attention: try it again. */
  async retry(id: string, body?: ReportBody): Promise<void> {
    const item = await this.store.get(id);
    if (!item) return;
    await this.store.put({ ...item, body: body ?? item.body, state: 'waiting', nextAttemptAt: 0, message: undefined, fields: undefined });
    await this.flush(true);
  }

  /** The user gives up on an item (e.g. refused by the server). */
  async discard(id: string): Promise<void> {
    await this.store.delete(id);
    await this.changed();
  }

  private async postpone(item: OutboxItem, message: string): Promise<void> {
    const attempts = item.attempts + 1;
    await this.store.put({ ...item, attempts, nextAttemptAt: this.now() + retryDelay(attempts, this.base, this.max), message });
  }

  /** One attempt at one item: the report (unless stored), then its photos one by one. */
  private async sendOne(start: OutboxItem): Promise<'done' | 'network' | 'later' | 'attention'> {
    let item = start;
    if (!item.reportStored) {
      const r = await this.transport.postReport(item.body);
      if (r.kind === 'network' || r.kind === 'retry') {
        await this.postpone(item, r.message);
        return r.kind === 'network' ? 'network' : 'later';
      }
      if (r.kind === 'rejected') {
        await this.store.put({ ...item, state: 'attention', message: r.message, fields: r.fields, attempts: item.attempts + 1 });
        return 'attention';
      }
      item = { ...item, reportStored: true, attempts: 0, message: undefined };
      await this.store.put(item);
    }
    while (item.photos.length > 0) {
      const [photo, ...rest] = item.photos;
      const r = await this.transport.uploadPhoto(item.id, photo);
      if (r.kind === 'network' || r.kind === 'retry') {
        await this.postpone(item, r.message);
        return r.kind === 'network' ? 'network' : 'later';
      }
      if (r.kind === 'rejected') {
        // The report is stored; this photo was refused (too large, wrong type). Tell the user, keep the rest.
        item = { ...item, photos: rest, state: 'attention', message: `${photo.name}: ${r.message}`, fields: r.fields };
        await this.store.put(item);
        return 'attention';
      }
      item = { ...item, photos: rest };
      await this.store.put(item);
    }
    await this.store.delete(item.id);
    return 'done';
  }
}

/** An in-memory OutboxStore (tests; and the fallback when IndexedDB is unavailable). */
export class MemoryOutboxStore implements OutboxStore {
  private readonly map = new Map<string, OutboxItem>();
  async all() { return [...this.map.values()].map((i) => structuredClone(i)); }
  async get(id: string) { const i = this.map.get(id); return i ? structuredClone(i) : undefined; }
  async put(item: OutboxItem) { this.map.set(item.id, structuredClone(item)); }
  async delete(id: string) { this.map.delete(id); }
}
