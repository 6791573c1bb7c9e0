/**
 * The outbox: reports made on the device that the server has not confirmed yet, with their photos.
 *
 * Pure logic behind small interfaces so it runs in node tests: a `OutboxStore` (IndexedDB in the
 * browser, see idb-store.ts), a `OutboxTransport` (the API, see transport.ts) that classifies every
 * answer as ok / network (try again later) / rejected (the user must act) / retry (5xx, 429, 401),
 * and a `lock` that every context sending from the same store shares (Web Locks in the browser: the
 * pages and the service worker).
 *
 * Every report carries the id the client chose, and the server treats a repeated id as the same
 * report (200 instead of 201), so sending again after a lost answer never makes a duplicate.
 *
 * The rules that keep a report from being lost or sent twice:
 * - A report is written to the store before the first attempt to send it: a page closed, a phone
 *   locked or an app killed while that attempt is on its way loses nothing; the next start sends it.
 * - Only one context sends at a time (the lock), and it reads each item afresh under the lock, so a
 *   report another context has just sent, or the user has removed, is not sent again. No item is
 *   ever marked "being sent" in the store: a context that dies mid-send leaves nothing behind that
 *   could keep the item from being sent later (the browser releases a dead context's lock).
 * - A request to send (the connection is back, the app starts, the user presses "Skicka nu") that
 *   arrives while a run is under way is never dropped: the run goes round once more with the
 *   strongest request received.
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
  /**
   * Who made it: only that user's session sends it (a shared phone never sends one person's report
   * as another's) and only they see it waiting. Items from before this field are anyone's.
   */
  userId?: string;
  /** The UI language when it was made: the server's messages about it come in that language. */
  lang?: string;
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  get(id: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Reads, changes and writes one item in one step (one IndexedDB transaction): `fn` returns the
   * new item, or null to delete it. Nothing happens to an item that is not there (`fn` is not
   * called): a report the user removed meanwhile is not brought back. Returns the item as written.
   */
  update(id: string, fn: (item: OutboxItem) => OutboxItem | null): Promise<OutboxItem | undefined>;
}

export type SendResult<T = unknown> =
  | { kind: 'ok'; value: T }
  | { kind: 'network'; message: string }
  | { kind: 'retry'; status: number; message: string }
  | { kind: 'rejected'; status: number; message: string; fields: FieldProblem[] };

export interface OutboxTransport {
  postReport(body: ReportBody, lang?: string): Promise<SendResult>;
  uploadPhoto(reportId: string, photo: OutboxPhoto, lang?: string): Promise<SendResult>;
}

/** Runs `fn` while no other context that shares the store runs its own (see queue.ts). */
export type OutboxLock = <T>(fn: () => Promise<T>) => Promise<T>;

export interface OutboxOptions {
  now?: () => number;
  /** First retry delay in ms; doubles with every failed attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Exclusion across contexts sharing the store; within this instance runs never overlap anyway. */
  lock?: OutboxLock;
}

export interface FlushOptions {
  /** Also the items whose next attempt is not due yet (the connection is back, the user asked). */
  force?: boolean;
  /** Send only this user's items (and those made before items named their user). */
  userId?: string;
}

/** What became of one submission from the form. */
export type SubmitOutcome =
  | { kind: 'stored'; incident: unknown; photosQueued: number }
  | { kind: 'queued'; item: OutboxItem }
  | { kind: 'rejected'; status: number; message: string; fields: FieldProblem[] };

export function retryDelay(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/** Whether `userId`'s session may send (and see) the item. */
export function belongsTo(item: OutboxItem, userId: string | undefined): boolean {
  return !item.userId || !userId || item.userId === userId;
}

/** How one attempt at an item ended, and whether the server has the report itself now. */
interface Attempt {
  /** done: nothing of it is left in the outbox; gone: the user removed it meanwhile. */
  kind: 'done' | 'network' | 'later' | 'refused' | 'photoRefused' | 'gone';
  /** The item as left in the store (network, later, refused, photoRefused). */
  item?: OutboxItem;
  reportStored: boolean;
  /** The server's answer to the report (when it was sent in this attempt). */
  value?: unknown;
  refusal?: { status: number; message: string; fields: FieldProblem[] };
}

export class Outbox {
  private readonly now: () => number;
  private readonly base: number;
  private readonly max: number;
  private readonly lock: OutboxLock;
  /** The tail of this instance's runs: each waits for the one before (one sender per context). */
  private queue: Promise<unknown> = Promise.resolve();
  private running: Promise<void> | null = null;
  /** A flush asked for and not yet begun: the strongest of the requests made while a run was under way. */
  private pending: FlushOptions | null = null;
  /** Reports the form of this context is sending right now: a run here leaves them to it. */
  private readonly submitting = new Set<string>();
  private listeners = new Set<(items: OutboxItem[]) => void>();
  private storedListeners = new Set<(id: string) => void>();

  constructor(private readonly store: OutboxStore, private readonly transport: OutboxTransport, opts: OutboxOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.base = opts.baseDelayMs ?? 5_000;
    this.max = opts.maxDelayMs ?? 10 * 60_000;
    this.lock = opts.lock ?? ((fn) => fn());
  }

  /** Called with the current items after every change. */
  subscribe(fn: (items: OutboxItem[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Called with a report's id when the server has stored it (its photos may still wait). */
  onStored(fn: (id: string) => void): () => void {
    this.storedListeners.add(fn);
    return () => this.storedListeners.delete(fn);
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

  private stored(id: string): void {
    for (const fn of this.storedListeners) fn(id);
  }

  /** Runs `fn` after this instance's earlier runs and under the shared lock. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.lock(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends a report from the form. It is in the store before anything goes on the network; a network
   * failure (or a temporary server failure) leaves it there to be sent later, a refusal takes it out
   * again and comes back to the form with the server's field messages.
   */
  async submit(body: ReportBody, photos: OutboxPhoto[], summary: OutboxItem['summary'], meta: { userId?: string; lang?: string } = {}): Promise<SubmitOutcome> {
    const queued: OutboxItem = {
      id: body.id, body, photos: [...photos], reportStored: false, queuedAt: new Date(this.now()).toISOString(),
      attempts: 0, nextAttemptAt: 0, state: 'waiting', summary, userId: meta.userId, lang: meta.lang,
    };
    await this.store.put(queued);
    this.submitting.add(body.id);
    const outcome = await this.exclusive(async (): Promise<SubmitOutcome> => {
      const item = await this.store.get(body.id);
      // Another context (the service worker, another tab) sent it while this one waited for the lock.
      if (!item) return { kind: 'stored', incident: null, photosQueued: 0 };
      if (item.reportStored) return { kind: 'stored', incident: null, photosQueued: item.photos.length };
      const r = await this.sendOne(item);
      if (r.kind === 'refused') {
        // The form shows the refusal and keeps what the user wrote; the outbox keeps nothing.
        await this.store.delete(body.id);
        return { kind: 'rejected', ...r.refusal! };
      }
      if (r.reportStored) return { kind: 'stored', incident: r.value ?? null, photosQueued: r.item?.photos.length ?? 0 };
      return { kind: 'queued', item: r.item ?? queued };
    }).finally(() => this.submitting.delete(body.id));
    await this.changed();
    return outcome;
  }

  /**
   * Sends every waiting item whose time has come (all of them with `force`, e.g. when the connection
   * returns). A call while a run is under way makes the run go round once more (never dropped), and
   * resolves when that round is done.
   */
  flush(opts: FlushOptions | boolean = {}): Promise<void> {
    const o: FlushOptions = typeof opts === 'boolean' ? { force: opts } : opts;
    this.pending = { force: !!(this.pending?.force || o.force), userId: o.userId ?? this.pending?.userId };
    if (!this.running) {
      this.running = (async () => {
        try {
          while (this.pending) {
            const round = this.pending;
            this.pending = null;
            await this.exclusive(() => this.pass(round));
          }
        } finally {
          this.running = null;
          this.pending = null;
          await this.changed();
        }
      })();
    }
    return this.running;
  }

  private async pass({ force, userId }: FlushOptions): Promise<void> {
    for (const { id } of await this.items()) {
      // Afresh under the lock: another context may have sent, changed or removed it since.
      const item = await this.store.get(id);
      if (!item || item.state !== 'waiting' || !belongsTo(item, userId) || this.submitting.has(id)) continue;
      if (!force && item.nextAttemptAt > this.now()) continue;
      const went = await this.sendOne(item);
      if (went.kind === 'network') break; // no connection: the others would fail too
    }
  }

  /** Epoch ms of the next automatic attempt, or null when nothing waits. */
  async nextAttemptAt(userId?: string): Promise<number | null> {
    const waiting = (await this.store.all()).filter((i) => i.state === 'waiting' && belongsTo(i, userId));
    return waiting.length ? Math.min(...waiting.map((i) => i.nextAttemptAt)) : null;
  }

  /** The user has corrected (or accepted) an item needing attention: try it again. */
  async retry(id: string, body?: ReportBody, userId?: string): Promise<void> {
    await this.store.update(id, (item) => ({ ...item, body: body ?? item.body, state: 'waiting', nextAttemptAt: 0, message: undefined, fields: undefined }));
    await this.flush({ force: true, userId });
  }

  /** The user gives up on an item (e.g. refused by the server). */
  async discard(id: string): Promise<void> {
    await this.store.delete(id);
    await this.changed();
  }

  private postpone(id: string, message: string): Promise<OutboxItem | undefined> {
    return this.store.update(id, (cur) => {
      const attempts = cur.attempts + 1;
      return { ...cur, attempts, nextAttemptAt: this.now() + retryDelay(attempts, this.base, this.max), message };
    });
  }

  /** One attempt at one item: the report (unless stored), then its photos one by one. */
  private async sendOne(start: OutboxItem): Promise<Attempt> {
    let item: OutboxItem | undefined = start;
    let value: unknown;
    if (!item.reportStored) {
      const r = await this.transport.postReport(item.body, item.lang);
      if (r.kind === 'network' || r.kind === 'retry') {
        const later = await this.postpone(item.id, r.message);
        return { kind: later ? (r.kind === 'network' ? 'network' : 'later') : 'gone', item: later, reportStored: false };
      }
      if (r.kind === 'rejected') {
        const refused = await this.store.update(item.id, (cur) => ({ ...cur, state: 'attention', message: r.message, fields: r.fields, attempts: cur.attempts + 1 }));
        return { kind: refused ? 'refused' : 'gone', item: refused, reportStored: false, refusal: { status: r.status, message: r.message, fields: r.fields } };
      }
      value = r.value;
      this.stored(item.id);
      item = await this.store.update(item.id, (cur) => (cur.photos.length === 0 ? null : { ...cur, reportStored: true, attempts: 0, nextAttemptAt: 0, message: undefined }));
      if (!item) return { kind: 'done', reportStored: true, value };
    }
    // Photos go first to last; only the sender holding the lock takes them off the list.
    while (item.photos.length > 0) {
      const photo = item.photos[0];
      const r = await this.transport.uploadPhoto(item.id, photo, item.lang);
      if (r.kind === 'network' || r.kind === 'retry') {
        const later = await this.postpone(item.id, r.message);
        return { kind: later ? (r.kind === 'network' ? 'network' : 'later') : 'gone', item: later, reportStored: true, value };
      }
      if (r.kind === 'rejected') {
        // The report is stored; this photo was refused (too large, wrong type). Tell the user, keep the rest.
        const refused = await this.store.update(item.id, (cur) => ({ ...cur, photos: cur.photos.slice(1), state: 'attention', message: `${photo.name}: ${r.message}`, fields: r.fields }));
        return { kind: refused ? 'photoRefused' : 'gone', item: refused, reportStored: true, value };
      }
      item = await this.store.update(item.id, (cur) => (cur.photos.length <= 1 ? null : { ...cur, photos: cur.photos.slice(1) }));
      if (!item) return { kind: 'done', reportStored: true, value };
    }
    await this.store.delete(item.id);
    return { kind: 'done', reportStored: true, value };
  }
}

/** An in-memory OutboxStore (tests; and the fallback when IndexedDB is unavailable). */
export class MemoryOutboxStore implements OutboxStore {
  private readonly map = new Map<string, OutboxItem>();
  async all() { return [...this.map.values()].map((i) => structuredClone(i)); }
  async get(id: string) { const i = this.map.get(id); return i ? structuredClone(i) : undefined; }
  async put(item: OutboxItem) { this.map.set(item.id, structuredClone(item)); }
  async delete(id: string) { this.map.delete(id); }
  async update(id: string, fn: (item: OutboxItem) => OutboxItem | null) {
    const cur = this.map.get(id);
    if (!cur) return undefined;
    const next = fn(structuredClone(cur));
    if (next === null) { this.map.delete(id); return undefined; }
    this.map.set(id, structuredClone(next));
    return structuredClone(next);
  }
}
