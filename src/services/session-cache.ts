import { announceSessionChange, SESSIONS_CHANNEL } from '../db/repositories/sessions.ts';
import type { Database } from './database.ts';

/**
 * Resumed sessions kept for a moment in this process, so that a client sending request after request
 * (a phone reporting, the map panning) is not looked up in the database for each: the lookup was one
 * of a report's three statements, and about 15 % of a report's CPU went with it (bench/README.md).
 *
 * It is safe only while every process hears of a change at once: an entry is used only while this
 * process listens on SESSIONS_CHANNEL, every notice there empties the cache, and every change made
 * through the services (logout, changed rights, deactivation, a confirmed second factor, an
 * organisation's municipalities, erasure) sends one (`sessionsChanged`). A change written past the
 * services (SQL by hand) is seen when the entry expires: `ttlMs` at most, or the session's own expiry.
 */
export class SessionCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  #listening = false;
  #generation = 0;

  constructor(readonly ttlMs: number, readonly maxEntries = 10_000) {}

  /** Bumped by every change: a lookup that began before one must not be kept after it. */
  get generation(): number {
    return this.#generation;
  }

  get(key: string, now = Date.now()): V | undefined {
    if (!this.#listening) return undefined;
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.until > now) return e.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Keeps `value` until `until` (ms) or ttlMs from now, whichever is sooner, unless a change came since `generation`. */
  set(key: string, value: V, until: number, generation: number, now = Date.now()): void {
    if (!this.#listening || generation !== this.#generation) return;
    // Insertion order is age order: the oldest goes first when full.
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { value, until: Math.min(until, now + this.ttlMs) });
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** While nobody listens, notices may be missed: nothing is kept, and what was kept is dropped. */
  listening(up: boolean): void {
    this.clear();
    this.#listening = up;
  }

  get size(): number {
    return this.#entries.size;
  }
}

const caches = new WeakMap<Database, SessionCache<unknown>>();

/** The cache opened for this database in this process, if any. */
export function sessionCacheOf<V>(db: Database): SessionCache<V> | undefined {
  return caches.get(db) as SessionCache<V> | undefined;
}

/**
 * Opens the session cache of a server process: nothing when `ttlMs` is 0 or the database cannot
 * listen. Resolves to the function that closes it (before the database is closed).
 */
export async function openSessionCache(db: Database, ttlMs: number, maxEntries?: number): Promise<() => Promise<void>> {
  if (!(ttlMs > 0) || !db.listen) return async () => {};
  const cache = new SessionCache<unknown>(ttlMs, maxEntries);
  caches.set(db, cache);
  const stop = await db.listen(SESSIONS_CHANNEL, { message: () => cache.clear(), listening: (up) => cache.listening(up) });
  return async () => {
    cache.listening(false);
    caches.delete(db);
    await stop();
  };
}

/**
 * After a committed change to sessions, users, their grants or organisations: this process forgets
 * its cached sessions at once, and every other process when the notice reaches it. Called outside
 * the transaction that made the change, or inside it (the notice then goes out at its commit).
 */
export async function sessionsChanged(db: Database): Promise<void> {
  sessionCacheOf(db)?.clear();
  await announceSessionChange(db);
}
