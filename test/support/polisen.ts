/**
 * A stand-in for polisen.se on 127.0.0.1, so no test ever reaches the real API: GET /api/events
 * answers with a payload recorded from it (../shared/data/polisen, byte for byte), or with the
 * status a test asks for. Like an operator enforcing its terms, it refuses (403) a call whose
 * User-Agent names no contact, and it records every request with its headers.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const DATA = new URL('../../../shared/data/polisen/', import.meta.url);

/** A recorded payload by its file name in ../shared/data/polisen. */
export const recordedPolisen = (file: string): Buffer => readFileSync(new URL(file, DATA));

/** The API's answer of 2026-08-22 as recorded: the latest 500 events of all Sweden. */
export const SNAPSHOT = 'polisen_api_events_snapshot_2026-08-22.json';

export type ReplayAnswer = { file: string } | { status: number; body?: string };

export interface PolisenReplay {
  /** The base address (LAGESBILD_POLICE_URL): http://127.0.0.1:<port>. */
  url: string;
  requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders }>;
  /** What GET /api/events answers from now on (default: the recorded snapshot). */
  answer: ReplayAnswer;
  close(): Promise<void>;
}

export async function startPolisenReplay(): Promise<PolisenReplay> {
  const replay: PolisenReplay = {
    url: '', requests: [], answer: { file: SNAPSHOT },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const server: Server = createServer((req, res) => {
    replay.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (req.method !== 'GET' || req.url !== '/api/events') { res.writeHead(404).end(); return; }
    if (!/contact \S+/.test(req.headers['user-agent'] ?? '')) { res.writeHead(403, { 'content-type': 'text/plain' }).end('Ange vem som anropar (User-Agent)'); return; }
    const a = replay.answer;
    if ('file' in a) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(recordedPolisen(a.file));
      return;
    }
    res.writeHead(a.status, { 'content-type': 'text/plain; charset=utf-8' }).end(a.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  replay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return replay;
}

/**
 * The poller's clock and timers, driven by hand: time stands still until a test moves it, and
 * `next()` jumps to the earliest timer set, runs it and waits until the poller has set its next one.
 */
export class ManualTime {
  now: number;
  private nextId = 1;
  readonly pending = new Map<number, { fn: () => void; at: number }>();
  /** The delay of every timer set, in order. */
  readonly delays: number[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  constructor(start: Date) { this.now = start.getTime(); }
  clock = (): Date => new Date(this.now);
  setTimeout = (fn: () => void, ms: number): number => {
    const id = this.nextId++;
    this.pending.set(id, { fn, at: this.now + ms });
    this.delays.push(ms);
    this.waiters = this.waiters.filter((w) => (this.pending.size >= w.count ? (w.resolve(), false) : true));
    return id;
  };
  clearTimeout = (handle: unknown): void => { this.pending.delete(handle as number); };
  /** Resolves when `count` timers are pending. */
  waitFor(count: number): Promise<void> {
    if (this.pending.size >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
  /** When the earliest timer is due (Infinity for none). */
  nextAt(): number {
    return Math.min(...[...this.pending.values()].map((t) => t.at));
  }
  /** Moves to the earliest timer, runs every timer due then, and waits until as many are set again. */
  async next(): Promise<void> {
    const first = this.nextAt();
    if (!Number.isFinite(first)) throw new Error('no timer set');
    this.now = Math.max(this.now, first);
    const due = [...this.pending].filter(([, t]) => t.at <= this.now);
    const waiting = this.pending.size;
    for (const [id] of due) this.pending.delete(id);
    const set = this.waitFor(waiting);
    for (const [, t] of due) t.fn();
    await set;
  }
}
