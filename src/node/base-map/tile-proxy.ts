import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TileAddress } from '../../core/geo/tiles.ts';
import { packageVersion } from '../../setup/resources.ts';

/**
 * The server's raster tile proxy: the maps ask this server for OpenStreetMap's tiles, and it fetches
 * each from the upstream once, keeps it on disk and answers later requests from there.
 *
 * It follows OpenStreetMap's tile usage policy (operations.osmfoundation.org/policies/tiles): every
 * upstream request carries a User-Agent naming the application and its operator; a tile is fetched
 * only when a map asks for it (no prefetching, no seeding), at most `concurrency` at once; tiles are
 * kept as long as the upstream's caching headers say (at least a day) and then revalidated with
 * If-None-Match / If-Modified-Since. When the upstream cannot be reached, answers with an error,
 * blocks us (403, 429) or is too slow, the proxy stops asking it for `failureMemoryMs` and meanwhile
 * answers at once: a tile it has (even an old one), or "unavailable" with the seconds until it tries
 * again. The maps then draw their offline base instead (web/src/ui/base-map.ts).
 */
export interface TileProxyOptions {
  /** XYZ template of the upstream with {z}, {x} and {y}. */
  upstream: string;
  /** Where tiles are kept: `<z>/<x>/<y>.tile` and `<y>.json` (its type, validators and expiry) beside it. */
  cacheDir: string;
  /** Sent with every upstream request: the application, its version and how to reach its operator. */
  userAgent: string;
  /** Upstream requests in flight at once; further ones wait in line. */
  concurrency: number;
  /** Requests that may wait for a free slot; beyond that the answer is "unavailable" at once. */
  queueLimit: number;
  /** The longest a request may take, waiting in line included (ms). */
  timeoutMs: number;
  /** After a failure the upstream is left alone this long (ms). */
  failureMemoryMs: number;
  /** How long an upstream answer counts as proof that tiles can be had, for status() (ms). */
  okMemoryMs: number;
  /** Freshness of a tile whose answer had no caching headers (s). */
  defaultMaxAgeS: number;
  /** Bounds on the freshness the upstream asks for (s): not refetched sooner, not kept unchecked longer. */
  minMaxAgeS: number;
  maxMaxAgeS: number;
  /** Largest tile accepted from the upstream (bytes). */
  maxBytes: number;
  /** The clock (ms since the epoch); tests move it. */
  now: () => number;
  /** Where the proxy says that the upstream failed (once per failure period). */
  warn: (message: string) => void;
}

export const DEFAULT_TILE_PROXY_OPTIONS: Omit<TileProxyOptions, 'upstream' | 'cacheDir' | 'userAgent'> = {
  concurrency: 2,
  queueLimit: 64,
  timeoutMs: 4_000,
  failureMemoryMs: 60_000,
  okMemoryMs: 5 * 60_000,
  defaultMaxAgeS: 7 * 86_400,
  minMaxAgeS: 86_400,
  maxMaxAgeS: 30 * 86_400,
  maxBytes: 1024 * 1024,
  now: Date.now,
  warn: () => {},
};

/** A tile and how long a browser may keep it. */
export interface TileAnswer {
  bytes: Buffer;
  contentType: string;
  /** Seconds the browser may keep it (the rest of its freshness, at most a day; a few minutes when stale). */
  maxAgeS: number;
  /** From the disk cache, just fetched, or an expired copy served while the upstream is down. */
  from: 'cache' | 'upstream' | 'stale';
}

/** No tile now: the upstream is down or busy. `retryAfterS`: when the proxy asks it again, if known. */
export class TileUnavailable extends Error {
  constructor(readonly retryAfterS: number | null, reason: string) {
    super(reason);
    this.name = 'TileUnavailable';
  }
}

/** The upstream has no such tile (404). */
export class TileNotFound extends Error {
  constructor() {
    super('the tile server has no such tile');
    this.name = 'TileNotFound';
  }
}

interface Meta { contentType: string; expires: number; etag: string | null; lastModified: string | null }
interface Cached { bytes: Buffer; meta: Meta }

const STALE_MAX_AGE_S = 300;
const BROWSER_MAX_AGE_S = 86_400;

export class TileProxy {
  readonly options: TileProxyOptions;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly inFlight = new Map<string, Promise<TileAnswer>>();
  /** Until when the upstream is left alone (ms); 0 while it is thought to work. */
  private downUntil = 0;
  /** When the upstream last answered (ms). */
  private lastOk = 0;
  private probing: Promise<void> | null = null;

  constructor(options: Pick<TileProxyOptions, 'upstream' | 'cacheDir' | 'userAgent'> & Partial<TileProxyOptions>) {
    this.options = { ...DEFAULT_TILE_PROXY_OPTIONS, ...options };
    if (!/^https?:\/\//.test(this.options.upstream) || !['{z}', '{x}', '{y}'].every((p) => this.options.upstream.includes(p))) {
      throw new Error(`the tile upstream must be an http(s) template with {z}, {x} and {y}, got "${this.options.upstream}"`);
    }
  }

  /** The tile at `t` (a valid address: see parseTileAddress). Throws TileUnavailable or TileNotFound. */
  async tile(t: TileAddress): Promise<TileAnswer> {
    const cached = await this.readCache(t);
    const now = this.options.now();
    if (cached && cached.meta.expires > now) return answer(cached, 'cache', Math.min(BROWSER_MAX_AGE_S, Math.floor((cached.meta.expires - now) / 1000)));
    if (now < this.downUntil) {
      if (cached) return answer(cached, 'stale', STALE_MAX_AGE_S);
      throw new TileUnavailable(this.retryAfterS(), 'the tile server failed a moment ago');
    }
    const key = `${t.z}/${t.x}/${t.y}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchUpstream(t, cached).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    try {
      return await pending;
    } catch (e) {
      if (e instanceof TileUnavailable && cached) return answer(cached, 'stale', STALE_MAX_AGE_S);
      throw e;
    }
  }

  /**
   * Whether tiles can be had now. Answers from memory while a failure or an answer of the upstream is
   * recent; otherwise revalidates the world tile 0/0/0 (one small request, a 304 once it is cached).
   */
  async status(): Promise<{ available: boolean; retryAfter: number | null }> {
    const now = this.options.now();
    if (now < this.downUntil) return { available: false, retryAfter: this.retryAfterS() };
    if (this.lastOk > 0 && now - this.lastOk < this.options.okMemoryMs) return { available: true, retryAfter: null };
    this.probing ??= (async () => {
      const world = { z: 0, x: 0, y: 0 };
      try {
        await this.fetchUpstream(world, await this.readCache(world));
      } catch (e) {
        if (!(e instanceof TileNotFound)) throw e;
      }
    })().finally(() => { this.probing = null; });
    try {
      await this.probing;
      return { available: true, retryAfter: null };
    } catch {
      return { available: false, retryAfter: this.options.now() < this.downUntil ? this.retryAfterS() : null };
    }
  }

  private retryAfterS(): number {
    return Math.max(1, Math.ceil((this.downUntil - this.options.now()) / 1000));
  }

  private trip(reason: string, retryAfterS: number | null = null): TileUnavailable {
    const wait = Math.max(this.options.failureMemoryMs, (retryAfterS ?? 0) * 1000);
    const wasUp = this.options.now() >= this.downUntil;
    this.downUntil = this.options.now() + wait;
    if (wasUp) this.options.warn(`tile server ${new URL(this.options.upstream.replace(/\{[zxy]\}/g, '0')).host}: ${reason}; the maps draw their offline base, next try in ${Math.round(wait / 1000)} s`);
    return new TileUnavailable(this.retryAfterS(), reason);
  }

  private async fetchUpstream(t: TileAddress, cached: Cached | null): Promise<TileAnswer> {
    const deadline = Date.now() + this.options.timeoutMs;
    const release = await this.slot(deadline);
    try {
      // The upstream may have failed while this request waited in line.
      if (this.options.now() < this.downUntil) throw new TileUnavailable(this.retryAfterS(), 'the tile server failed a moment ago');
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: 'image/png,image/*;q=0.8' };
      if (cached?.meta.etag) headers['if-none-match'] = cached.meta.etag;
      if (cached?.meta.lastModified) headers['if-modified-since'] = cached.meta.lastModified;
      const url = this.options.upstream.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y));
      const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
      let res: Response;
      let bytes: Buffer | null = null;
      try {
        res = await fetch(url, { headers, signal, redirect: 'follow' });
        if (res.status === 200) {
          const length = Number(res.headers.get('content-length') ?? 0);
          if (length > this.options.maxBytes) { await res.body?.cancel(); throw new Error(`a tile of ${length} bytes`); }
          bytes = Buffer.from(await res.arrayBuffer());
        } else {
          await res.body?.cancel();
        }
      } catch (e) {
        const err = e as Error;
        throw this.trip(err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${this.options.timeoutMs} ms` : `could not be reached (${describe(err)})`);
      }
      if (res.status === 304 && cached) {
        const meta = { ...cached.meta, expires: this.expiry(res) };
        await this.writeCache(t, null, meta);
        this.lastOk = this.options.now();
        return answer({ bytes: cached.bytes, meta }, 'upstream', Math.min(BROWSER_MAX_AGE_S, Math.floor((meta.expires - this.options.now()) / 1000)));
      }
      if (res.status === 200 && bytes) {
        const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
        // A captive portal or an error page answers 200 with HTML: that is no tile.
        if (!contentType.startsWith('image/') || bytes.length === 0 || bytes.length > this.options.maxBytes) throw this.trip(`answered 200 with ${contentType || 'no type'} (${bytes.length} bytes) instead of an image`);
        const meta: Meta = { contentType, expires: this.expiry(res), etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
        await this.writeCache(t, bytes, meta);
        this.lastOk = this.options.now();
        return answer({ bytes, meta }, 'upstream', Math.min(BROWSER_MAX_AGE_S, Math.floor((meta.expires - this.options.now()) / 1000)));
      }
      if (res.status === 404) {
        this.lastOk = this.options.now();
        throw new TileNotFound();
      }
      // 403 (blocked), 429 (too many requests), 5xx or anything unexpected: leave the upstream alone.
      throw this.trip(`answered ${res.status}`, retryAfterHeader(res.headers.get('retry-after'), this.options.now()));
    } finally {
      release();
    }
  }

  /** Waits for one of the `concurrency` upstream slots until `deadline`; the returned function frees it. */
  private slot(deadline: number): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); else this.active--;
    };
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve(release);
    }
    if (this.waiting.length >= this.options.queueLimit) return Promise.reject(new TileUnavailable(1, 'too many tiles asked for at once'));
    return new Promise((resolve, reject) => {
      const go = () => { clearTimeout(timer); resolve(release); };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new TileUnavailable(1, 'no free connection to the tile server in time'));
      }, Math.max(1, deadline - Date.now()));
      this.waiting.push(go);
    });
  }

  /** When a tile just received goes stale: the upstream's max-age (or Expires), within the bounds. */
  private expiry(res: Response): number {
    const o = this.options;
    let seconds = o.defaultMaxAgeS;
    const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(res.headers.get('cache-control') ?? '');
    if (maxAge) seconds = Number(maxAge[1]);
    else {
      const expires = Date.parse(res.headers.get('expires') ?? '');
      const date = Date.parse(res.headers.get('date') ?? '');
      if (Number.isFinite(expires)) seconds = Math.round((expires - (Number.isFinite(date) ? date : Date.now())) / 1000);
    }
    return o.now() + Math.min(o.maxMaxAgeS, Math.max(o.minMaxAgeS, seconds)) * 1000;
  }

  private paths(t: TileAddress): { tile: string; meta: string } {
    const dir = join(this.options.cacheDir, String(t.z), String(t.x));
    return { tile: join(dir, `${t.y}.tile`), meta: join(dir, `${t.y}.json`) };
  }

  private async readCache(t: TileAddress): Promise<Cached | null> {
    const p = this.paths(t);
    try {
      const [bytes, raw] = await Promise.all([readFile(p.tile), readFile(p.meta, 'utf8')]);
      const meta = JSON.parse(raw) as Meta;
      if (typeof meta.expires !== 'number' || typeof meta.contentType !== 'string' || bytes.length === 0) return null;
      return { bytes, meta };
    } catch {
      return null;
    }
  }

  /** Writes the tile (unless null: only its metadata changed) and then its metadata, each atomically. */
  private async writeCache(t: TileAddress, bytes: Buffer | null, meta: Meta): Promise<void> {
    const p = this.paths(t);
    const tmp = (f: string) => `${f}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(p.tile), { recursive: true });
      if (bytes) {
        const f = tmp(p.tile);
        await writeFile(f, bytes);
        await rename(f, p.tile);
      }
      const f = tmp(p.meta);
      await writeFile(f, JSON.stringify(meta));
      await rename(f, p.meta);
    } catch (e) {
      // A full or read-only disk costs the cache, not the answer.
      this.options.warn(`tile cache ${this.options.cacheDir}: ${describe(e as Error)}`);
      await rm(p.meta, { force: true }).catch(() => {});
    }
  }
}

function answer(c: Cached, from: TileAnswer['from'], maxAgeS: number): TileAnswer {
  return { bytes: c.bytes, contentType: c.meta.contentType, maxAgeS: Math.max(0, maxAgeS), from };
}

function describe(e: Error): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? e.message;
}

/** Retry-After as seconds (a number of seconds or an HTTP date), or null. */
function retryAfterHeader(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

const VERSION = packageVersion();

/**
 * The User-Agent of the proxy's upstream requests: the application, its version and how to reach
 * whoever runs this server. "Lagesbild" without the ä: header values are ASCII in practice.
 */
export function tileUserAgent(contact: string | null): string {
  return `Lagesbild/${VERSION} (map tile proxy; ${contact ? `+${contact}` : 'operator contact not configured'})`;
}
