import { randomUUID } from 'node:crypto';
import { decideCall, DAY_MS, HOUR_MS, policeUserAgent, POLISEN_RULES, type PollRules } from '../core/police-events/poll-rules.ts';
import type { Database } from '../db/engine.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import {
  finishPollerCall, lockPollerState, pollerCallsSince, recordPollerCall, recordPollerError, recordPollerSuccess, releasePollerLease,
  setPollerLease, stopPolling,
} from '../db/repositories/police-poller.ts';
import { parsePoliceEventsText } from '../io/polisen/events.ts';
import { storePoliceEvents } from './police-events.ts';

/**
 * Fetches Polisen's events by itself (issue 15, item 7): off unless the server is started with
 * LAGESBILD_POLICE_POLL=on and a contact (src/cli/config.ts). Polisen's rules for its open API
 * (src/core/police-events/poll-rules.ts) hold for the whole deployment, however many processes it
 * runs: every call is counted in the database before it is made, and one process polls at a time —
 * the holder of the lease in `police_poller`, which it renews at each pass; another takes over when
 * the lease lapses (the holder stopped or died). A 404 means the API is gone: polling stops for good
 * (`lagesbild police-poller resume` lifts it) and the admin page says so. The answer (the latest 500
 * events of all Sweden) is split by municipality like an upload and stored for the deployment's.
 */

/** The poller's timer: Node's by default, driven by hand in tests. */
export interface PollerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: PollerTimers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PolicePollerOptions {
  /** Where the API is: https://polisen.se (a local server in tests). */
  baseUrl: string;
  /** How Polisen reaches whoever runs this deployment (e-mail or web address); required. */
  contact: string;
  /** The deployment's public address (host), for the User-Agent; null: its municipality codes alone name it. */
  deployment: string | null;
  version: string;
  /** Time between passes (the configuration keeps it at one minute or more). */
  intervalMs: number;
  /** Before the first pass (default 5 s, so a starting server answers first). */
  firstDelayMs?: number;
  /** Longest wait for an answer (default 30 s). */
  timeoutMs?: number;
  log: { info(m: string): void; warn(m: string): void; error(m: string, e?: unknown): void };
  clock?: () => Date;
  timers?: PollerTimers;
  fetch?: typeof fetch;
  rules?: PollRules;
}

export type PassOutcome =
  | { kind: 'fetched'; status: number; received: number; new: number; outside: number }
  | { kind: 'failed'; error: string }
  /** Another process holds the lease. */
  | { kind: 'not-holder'; holder: string }
  /** Polisen's rules hold the call back until then. */
  | { kind: 'waiting'; until: Date; reason: 'spacing' | 'hour' | 'day' }
  | { kind: 'stopped'; reason: string }
  /** The deployment has no municipality yet. */
  | { kind: 'idle' };

export interface PolicePoller {
  /** This process's id in the lease. */
  readonly holder: string;
  /** One pass now (what the timer runs): at most one call to the API. */
  pass(): Promise<PassOutcome>;
  /** Stops the timer, waits for a pass under way and gives the lease up. */
  stop(): Promise<void>;
}

export function startPolicePoller(db: Database, opts: PolicePollerOptions): PolicePoller {
  if (!opts.contact?.trim()) {
    throw new Error('polishändelser hämtas inte: LAGESBILD_POLICE_CONTACT saknas. Polisen vill kunna nå den som anropar deras API; ange en e-postadress eller webbadress.');
  }
  const holder = randomUUID();
  const clock = opts.clock ?? (() => new Date());
  const timers = opts.timers ?? REAL_TIMERS;
  const doFetch = opts.fetch ?? fetch;
  const rules = opts.rules ?? POLISEN_RULES;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  // Long enough that a holder renews it at every pass even when a call takes its whole timeout.
  const leaseMs = 2 * opts.intervalMs + timeoutMs + 10_000;
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/api/events`;
  let stopped = false;
  let timer: unknown = null;
  /** Passes under way: stop() waits for them. */
  let current: Promise<unknown> = Promise.resolve();
  const track = (p: Promise<unknown>) => { current = Promise.all([current, p.catch(() => undefined)]); };
  let lastLogged = '';

  /** Takes the lease and a call out of the budget, or says why not, in one transaction. */
  const reserve = (now: Date) => db.transaction(async (tx) => {
    const state = await lockPollerState(tx);
    if (state.stoppedAt) return { kind: 'stopped', reason: state.stopReason ?? '' } as const;
    if (state.holder && state.holder !== holder && state.leaseUntil && new Date(state.leaseUntil).getTime() > now.getTime()) {
      return { kind: 'not-holder', holder: state.holder } as const;
    }
    await setPollerLease(tx, holder, new Date(now.getTime() + leaseMs));
    const t = now.getTime();
    const calls = await pollerCallsSince(tx, new Date(t - DAY_MS));
    const decision = decideCall(t, { lastCallAt: calls.at(-1) ?? null, lastHour: calls.filter((c) => c > t - HOUR_MS), lastDay: calls }, rules);
    if (!decision.allowed) return { kind: 'waiting', until: new Date(decision.until), reason: decision.reason } as const;
    return { kind: 'call', id: await recordPollerCall(tx, now, holder) } as const;
  });

  const failed = async (callId: number, status: number | null, error: string): Promise<PassOutcome> => {
    await finishPollerCall(db, callId, status, error);
    await recordPollerError(db, clock(), error);
    return { kind: 'failed', error };
  };

  async function pass(): Promise<PassOutcome> {
    const deployment = await listMunicipalities(db);
    // A new installation before its set-up: nothing to fetch for.
    if (!deployment.length) return { kind: 'idle' };
    const r = await reserve(clock());
    if (r.kind !== 'call') return r;
    const userAgent = policeUserAgent(opts.version, opts.deployment, deployment.map((m) => m.id).sort(), opts.contact);
    let res: Response;
    try {
      res = await doFetch(url, { headers: { 'user-agent': userAgent, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      return failed(r.id, null, `${url}: ${(e as Error).message}`);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      const reason = `${url} svarade 404 (finns inte): polisens API har flyttat eller tagits bort, så hämtningen har stoppats`;
      await finishPollerCall(db, r.id, 404, reason);
      await stopPolling(db, clock(), reason);
      return { kind: 'stopped', reason };
    }
    if (!res.ok) {
      await res.body?.cancel();
      // Technical words, as the admin page shows them in either language.
      return failed(r.id, res.status, `${url}: HTTP ${res.status}`);
    }
    let stored;
    try {
      const events = parsePoliceEventsText(await res.text());
      stored = await db.transaction((tx) => storePoliceEvents(tx, events, deployment));
    } catch (e) {
      return failed(r.id, res.status, `${url}: ${(e as Error).message}`);
    }
    const fresh = stored.municipalities.reduce((s, m) => s + m.new, 0);
    await finishPollerCall(db, r.id, res.status, null);
    await recordPollerSuccess(db, clock(), stored.read, fresh);
    return { kind: 'fetched', status: res.status, received: stored.read, new: fresh, outside: stored.outside };
  }

  /** One line per change of state, not one per pass; a success ends the state, so the same error later is told again. */
  const report = (o: PassOutcome) => {
    if (o.kind === 'fetched' && !o.new) { lastLogged = ''; return; }
    const line = o.kind === 'fetched' ? `polishändelser: ${o.new} nya av ${o.received}`
      : o.kind === 'failed' ? `polishändelser kunde inte hämtas: ${o.error}`
      : o.kind === 'stopped' ? `polishändelser hämtas inte längre: ${o.reason}`
      : o.kind === 'not-holder' ? 'polishändelser: en annan process hämtar dem'
      : '';
    if (!line || line === lastLogged) return;
    lastLogged = line;
    if (o.kind === 'failed' || o.kind === 'stopped') opts.log.warn(line); else opts.log.info(line);
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      timer = null;
      const p = pass().then((o) => {
        report(o);
        // Waiting for the budget: the pass that may call, not one that would wait again.
        return o.kind === 'waiting' ? Math.max(1, o.until.getTime() - clock().getTime()) : opts.intervalMs;
      }, (e) => { opts.log.error('polishändelser: hämtningen misslyckades', e); return opts.intervalMs; });
      track(p.then((next) => schedule(next)));
    }, ms);
  };
  schedule(opts.firstDelayMs ?? 5_000);

  return {
    holder,
    pass: () => { const p = pass(); track(p); return p; },
    async stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await current;
      await releasePollerLease(db, holder, clock()).catch(() => undefined);
    },
  };
}
