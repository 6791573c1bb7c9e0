/**
 * Runs the scheduled work: one pass of the scheduler and one of the mailer, either once (the
 * `lagesbild jobs run` command, for cron) or every minute inside the server process. All state is
 * in the database (job_runs, notifications), so any number of processes may run the loop.
 */
import type { Database } from '../db/engine.ts';
import { sendPendingEmails, type MailPass } from './mailer.ts';
import { tick, runKey, type TickOutcome } from './scheduler.ts';
import { describeCounts, retentionTick, type RetentionOutcome } from './retention.ts';

export interface JobsSettings {
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
}

export interface JobsPass {
  drafts: TickOutcome[];
  /** The retention rules of municipalities that run them automatically (once a day each). */
  retention: RetentionOutcome[];
  /** null when no SMTP server is configured: the e-mail waits in the table. */
  mail: MailPass | null;
}

/** One scheduler tick, then one mailer pass (so a new draft's e-mail goes out in the same pass), then the retention rules. */
export async function runJobsOnce(db: Database, now: Date, s: JobsSettings): Promise<JobsPass> {
  const drafts = await tick(db, now, { publicUrl: s.publicUrl });
  const mail = s.smtpUrl ? await sendPendingEmails(db, now, { smtpUrl: s.smtpUrl, from: s.mailFrom }) : null;
  const retention = await retentionTick(db, now);
  return { drafts, mail, retention };
}

/** What a pass did, one line per event, in Swedish like the rest of the command line. */
export function describePass(p: JobsPass): string[] {
  const lines: string[] = [];
  for (const d of p.drafts) {
    const what = `lägesbildsutkast ${d.municipalityId} ${runKey(d.run)} (försök ${d.attempt})`;
    lines.push(d.status === 'done'
      ? `${what}: klart, ${d.total} händelser, id ${d.situationPictureId}, ${d.emails} e-postmeddelanden köade`
      : `${what}: misslyckades: ${d.error}`);
  }
  for (const r of p.retention) {
    const what = `gallring ${r.municipalityId} ${r.day} (försök ${r.attempt})`;
    if (r.status === 'done') lines.push(`${what}: klar`, ...describeCounts(r.counts, false).map((l) => `  ${l}`));
    else lines.push(`${what}: misslyckades: ${r.error}`);
  }
  if (p.mail === null) lines.push('e-post: SMTP_URL är inte satt; meddelandena väntar i kön');
  else {
    if (p.mail.sent || p.mail.failed) lines.push(`e-post: ${p.mail.sent} skickade, ${p.mail.failed} misslyckades${p.mail.gaveUp ? ` (${p.mail.gaveUp} ges upp)` : ''}`);
    for (const e of p.mail.errors) lines.push(`  ${e.email} (försök ${e.attempt}): ${e.error}`);
  }
  return lines;
}

export interface JobLoop {
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

/** The timer the loop waits on between passes; the real one by default, a manual one in tests. */
export interface LoopTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers; the loop's timer does not keep the process alive. */
export const REAL_TIMERS: LoopTimers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface JobLoopOptions {
  intervalMs?: number;
  firstDelayMs?: number;
  clock?: () => Date;
  timers?: LoopTimers;
}

/**
 * Runs a pass every `intervalMs` (first after `firstDelayMs`) until stopped. A pass never overlaps
 * the next; errors are logged, never thrown; the timer does not keep the process alive.
 */
export function startJobLoop(db: Database, s: JobsSettings, log: { info(m: string): void; warn?(m: string): void; error(m: string, e?: unknown): void }, opts: JobLoopOptions = {}): JobLoop {
  const interval = opts.intervalMs ?? 60_000;
  const clock = opts.clock ?? (() => new Date());
  const timers = opts.timers ?? REAL_TIMERS;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: unknown = null;
  if (!s.smtpUrl) (log.warn ?? log.info)('SMTP_URL är inte satt: e-post från Lägesbild köas men skickas inte');
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      timer = null;
      current = Promise.resolve().then(() => runJobsOnce(db, clock(), s))
        .then((p) => { for (const line of describePass({ ...p, mail: p.mail ?? { sent: 0, failed: 0, gaveUp: 0, errors: [] } })) log.info(line); })
        .catch((e) => log.error('schemalagda jobb misslyckades', e))
        .finally(() => schedule(interval));
    }, ms);
  };
  schedule(opts.firstDelayMs ?? 5_000);
  return {
    async stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await current;
    },
  };
}
