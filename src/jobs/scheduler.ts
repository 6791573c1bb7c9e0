/**
 * The scheduled lägesbild draft. Each tick looks at every municipality whose schedule is on, and
 * when a run is due (core/schedule) makes the draft for the period that just ended, once: the run is
 * claimed in job_runs (primary key job + municipality + period), so any number of processes
 * may tick at the same moment and one of them makes it. Then an e-mail is queued to every active
 * coordinator and to the schedule's extra addresses; the mailer (./mailer.ts) sends them.
 *
 * A failed run (the computation threw) is kept with its error and claimed again by a later tick
 * after a back-off of 15, 30, 60, 120 minutes, at most five attempts, and only while the run is
 * still due (three days from the run day). A run left 'running' by a process that died is taken
 * over after an hour; making the draft is idempotent (the scheduled draft of a period is unique),
 * so the takeover finds the draft and only queues the e-mail.
 */
import { dueRun, type DueRun } from '../core/schedule/index.ts';
import { draftReadyMessage, draftUrl } from '../core/schedule/draft-ready.ts';
import { readScheduleSetting } from '../core/schedule/setting.ts';
import { periodLabel, parsePeriod } from '../core/situation-picture/period.ts';
import type { Database } from '../db/engine.ts';
import { activeCoordinatorIds, queueEmails } from '../db/repositories/email-outbox.ts';
import { claimJobRun, finishJobRun } from '../db/repositories/job-runs.ts';
import { listScheduledMunicipalities } from '../db/repositories/schedule-settings.ts';
import { createSituationPicture, systemActor } from '../services/situation-pictures.ts';

export const JOB = 'situation_picture_draft';
export const RETRY_AFTER_MIN = 15;
export const MAX_ATTEMPTS = 5;
export const STALE_AFTER_MIN = 60;

export interface TickOptions {
  /** The web app's base URL for the link in the e-mail. */
  publicUrl: string;
}

export type TickOutcome =
  | { municipalityId: string; run: DueRun; status: 'done'; attempt: number; situationPictureId: string; total: number; emails: number }
  | { municipalityId: string; run: DueRun; status: 'failed'; attempt: number; error: string };

/**
 * The run's key: both ends of the period, not only its start, because a weekly and a fortnightly
 * period can start on the same day (after a change of cadence) and are different drafts.
 */
export const runKey = (run: Pick<DueRun, 'from' | 'to'>) => `${run.from}..${run.to}`;

/** One pass over the municipalities; returns what this call did (runs others made are not listed). */
export async function tick(db: Database, now: Date, opts: TickOptions): Promise<TickOutcome[]> {
  const out: TickOutcome[] = [];
  for (const m of await listScheduledMunicipalities(db)) {
    const setting = readScheduleSetting(m.setting);
    const run = dueRun(setting, now);
    if (!run) continue;
    const key = { job: JOB, municipalityId: m.id, runKey: runKey(run) };
    const claimed = await claimJobRun(db, { ...key, now, retryAfterMin: RETRY_AFTER_MIN, maxAttempts: MAX_ATTEMPTS, staleMin: STALE_AFTER_MIN });
    if (!claimed) continue;
    try {
      const pic = await createSituationPicture(db, systemActor(m.id), { from: run.from, to: run.to, origin: 'scheduled' });
      const period = parsePeriod(run.from, run.to);
      const { subject, body } = draftReadyMessage({
        run, periodLabel: periodLabel(period.from, period.to), municipalityName: m.name, title: pic.title,
        totals: pic.content.totals, url: draftUrl(opts.publicUrl, pic.id),
      });
      const emails = await db.transaction(async (tx) => {
        const n = await queueEmails(tx, {
          municipalityId: m.id, kind: 'draft_ready', subject, body, subjectType: 'situation_picture', subjectId: pic.id,
          userIds: await activeCoordinatorIds(tx, m.id), addresses: setting.notify,
        });
        await finishJobRun(tx, { ...key, now, status: 'done', result: { situationPictureId: pic.id, total: pic.total, emails: n, to: run.to } });
        return n;
      });
      out.push({ municipalityId: m.id, run, status: 'done', attempt: claimed.attempt, situationPictureId: pic.id, total: pic.total, emails });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await finishJobRun(db, { ...key, now, status: 'failed', error });
      out.push({ municipalityId: m.id, run, status: 'failed', attempt: claimed.attempt, error });
    }
  }
  return out;
}
