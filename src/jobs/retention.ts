/**
 * The retention rules applied by the scheduler: once a day (Swedish local date) for every
 * municipality whose rules are set to run automatically. Claimed in job_runs like the lägesbild
 * draft (./scheduler.ts), so any number of processes may tick at once and one of them runs it; a
 * failed run is retried with the same back-off. A run is idempotent (what was removed is not found
 * again), so a run taken over from a process that died only finishes the work.
 */
import { readRetentionRules } from '../core/retention/rules.ts';
import { utcToLocal } from '../core/time/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { claimJobRun, finishJobRun } from '../db/repositories/job-runs.ts';
import { listAutomaticRetention } from '../db/repositories/retention.ts';
import { RETENTION_JOB, countOrApply, type RetentionCounts } from '../services/retention.ts';
import { MAX_ATTEMPTS, RETRY_AFTER_MIN, STALE_AFTER_MIN } from './scheduler.ts';

export type RetentionOutcome =
  | { municipalityId: string; day: string; status: 'done'; attempt: number; counts: RetentionCounts }
  | { municipalityId: string; day: string; status: 'failed'; attempt: number; error: string };

/** The local date a run belongs to: its key in job_runs. */
export const retentionDay = (now: Date): string => new Date(utcToLocal(now.getTime())).toISOString().slice(0, 10);

export async function retentionTick(db: Database, now: Date): Promise<RetentionOutcome[]> {
  const out: RetentionOutcome[] = [];
  const day = retentionDay(now);
  for (const m of await listAutomaticRetention(db)) {
    const rules = readRetentionRules(m.setting);
    if (!rules.automatic) continue;
    const key = { job: RETENTION_JOB, municipalityId: m.id, runKey: day };
    const claimed = await claimJobRun(db, { ...key, now, retryAfterMin: RETRY_AFTER_MIN, maxAttempts: MAX_ATTEMPTS, staleMin: STALE_AFTER_MIN });
    if (!claimed) continue;
    try {
      const counts = await countOrApply(db, m.id, rules, now, false);
      await db.transaction(async (tx) => {
        await finishJobRun(tx, { ...key, now, status: 'done', result: { dryRun: false, trigger: 'schedule', counts, rules } });
        await recordAudit(tx, { municipalityId: m.id, userId: null, action: 'retention.run', details: { trigger: 'schedule', counts } });
      });
      out.push({ municipalityId: m.id, day, status: 'done', attempt: claimed.attempt, counts });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await finishJobRun(db, { ...key, now, status: 'failed', error });
      out.push({ municipalityId: m.id, day, status: 'failed', attempt: claimed.attempt, error });
    }
  }
  return out;
}

/** What the counts say, in Swedish like the rest of the command line: one line per rule. */
export function describeCounts(c: RetentionCounts, dryRun: boolean): string[] {
  const v = dryRun ? 'skulle tas bort' : 'borttagna';
  return [
    `fritext och foton: ${c.freeText.descriptions} beskrivningar, ${c.freeText.photos} foton, ${c.freeText.historyEntries} historikposter ${v}`,
    `grova positioner: ${c.coarsenPositions.incidents} händelser, ${c.coarsenPositions.historyEntries} historikposter ${dryRun ? 'skulle flyttas' : 'flyttade'} till 100 m-rutans mitt`,
    `stängda konton: ${c.closedAccounts.users} konton ${dryRun ? 'skulle pseudonymiseras' : 'pseudonymiserade'} (${c.closedAccounts.sessions} sessioner, ${c.closedAccounts.notifications} meddelanden, ${c.closedAccounts.auditEntries} loggposter, ${c.closedAccounts.historyEntries} historikposter, ${c.closedAccounts.descriptions} beskrivningar, ${c.closedAccounts.measures} åtgärder)`,
    `granskningslogg: ${c.auditLog.entries} poster ${v}`,
  ];
}
