/**
 * Retention rules per municipality (issue 16 item 11): the setting, a run and its dry run. A run
 * applies the four rules in one transaction; a dry run is the same transaction rolled back, so what
 * it reports is exactly what a run would have done at that moment, not a second estimate that could
 * drift from it. Runs and dry runs are logged in job_runs (job 'retention', with their counts) and
 * in the audit log; the scheduler's daily runs are in src/jobs/retention.ts.
 */
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { forbidden } from '../core/errors/index.ts';
import {
  COARSE_PRECISION_M, coarsenHistoryChanges, readRetentionRules, retentionCutoffs, validateRetentionRules, type RetentionRule, type RetentionRules,
} from '../core/retention/rules.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import {
  allowRetentionWrites, closedAccountsToErase, coarsenOldPositions, getRetentionSetting, historyWithPositions, insertRetentionRun,
  listRetentionRuns, purgeAuditLog, removeOldFreeText, rewriteHistory, setRetentionSetting,
} from '../db/repositories/retention.ts';
import { erasePersonalData } from './user-erasure.ts';

export const RETENTION_JOB = 'retention';

export interface RetentionCounts {
  freeText: { descriptions: number; photos: number; historyEntries: number };
  coarsenPositions: { incidents: number; historyEntries: number };
  closedAccounts: { users: number; descriptions: number; sessions: number; notifications: number; historyEntries: number; auditEntries: number; measures: number };
  auditLog: { entries: number };
}

export interface RetentionRunResult {
  municipalityId: string;
  dryRun: boolean;
  at: string;
  rules: RetentionRules;
  /** Per rule: what is older than this is affected. */
  cutoffs: Record<RetentionRule, string>;
  counts: RetentionCounts;
}

export type RunTrigger = 'command' | 'web' | 'schedule';

/** Applies the rules inside the caller's transaction; returns what changed. */
export async function applyRetention(tx: Queryable, municipalityId: string, rules: RetentionRules, now: Date): Promise<RetentionCounts> {
  const cut = retentionCutoffs(rules, now);
  await allowRetentionWrites(tx);
  const freeText = await removeOldFreeText(tx, municipalityId, cut.freeText, now);

  const moved = (await historyWithPositions(tx, municipalityId, cut.coarsenPositions))
    .map((h) => ({ id: h.id, changes: coarsenHistoryChanges(h.changes) }))
    .filter((h): h is { id: string; changes: NonNullable<typeof h.changes> } => h.changes !== null);
  const historyEntries = await rewriteHistory(tx, municipalityId, moved);
  const incidents = await coarsenOldPositions(tx, municipalityId, cut.coarsenPositions, now, COARSE_PRECISION_M);

  const closedAccounts = { users: 0, descriptions: 0, sessions: 0, notifications: 0, historyEntries: 0, auditEntries: 0, measures: 0 };
  for (const id of await closedAccountsToErase(tx, municipalityId, cut.closedAccounts)) {
    const r = await erasePersonalData(tx, id, now);
    if (!r) continue;
    closedAccounts.users++;
    for (const k of ['descriptions', 'sessions', 'notifications', 'historyEntries', 'auditEntries', 'measures'] as const) closedAccounts[k] += r[k];
  }

  const entries = await purgeAuditLog(tx, municipalityId, cut.auditLog);
  return { freeText, coarsenPositions: { incidents, historyEntries }, closedAccounts, auditLog: { entries } };
}

/** Carries a dry run's counts out of the transaction it rolls back. */
class DryRunDone extends Error {
  constructor(readonly counts: RetentionCounts) { super('dry run'); }
}

/** The rules' counts: applied, or (dry run) applied and rolled back. */
export async function countOrApply(db: Database, municipalityId: string, rules: RetentionRules, now: Date, dryRun: boolean): Promise<RetentionCounts> {
  try {
    return await db.transaction(async (tx) => {
      const counts = await applyRetention(tx, municipalityId, rules, now);
      if (dryRun) throw new DryRunDone(counts);
      return counts;
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.counts;
    throw e;
  }
}

const toResult = (municipalityId: string, dryRun: boolean, rules: RetentionRules, now: Date, counts: RetentionCounts): RetentionRunResult => ({
  municipalityId, dryRun, at: now.toISOString(), rules, counts,
  cutoffs: Object.fromEntries(Object.entries(retentionCutoffs(rules, now)).map(([k, v]) => [k, v.toISOString()])) as Record<RetentionRule, string>,
});

/**
 * A run (or dry run) of a municipality's rules started by a person or the command line; logged in
 * job_runs and the audit log, a failure too (then rethrown).
 */
export async function runRetention(db: Database, o: { municipalityId: string; dryRun: boolean; now: Date; trigger: Exclude<RunTrigger, 'schedule'>; userId: string | null }): Promise<RetentionRunResult> {
  const rules = readRetentionRules(await getRetentionSetting(db, o.municipalityId));
  const runKey = `${o.dryRun ? 'dry-run' : 'run'} ${o.now.toISOString()} ${crypto.randomUUID().slice(0, 8)}`;
  const started = new Date();
  try {
    const counts = await countOrApply(db, o.municipalityId, rules, o.now, o.dryRun);
    const result = toResult(o.municipalityId, o.dryRun, rules, o.now, counts);
    await db.transaction(async (tx) => {
      await insertRetentionRun(tx, { job: RETENTION_JOB, municipalityId: o.municipalityId, runKey, startedAt: started, finishedAt: new Date(), status: 'done', result: { ...result, trigger: o.trigger, userId: o.userId } });
      await recordAudit(tx, { municipalityId: o.municipalityId, userId: o.userId, action: o.dryRun ? 'retention.dry_run' : 'retention.run', details: { trigger: o.trigger, counts, cutoffs: result.cutoffs } });
    });
    return result;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await insertRetentionRun(db, { job: RETENTION_JOB, municipalityId: o.municipalityId, runKey, startedAt: started, finishedAt: new Date(), status: 'failed', result: { dryRun: o.dryRun, trigger: o.trigger, userId: o.userId }, error });
    throw e;
  }
}

// ---- for the coordinator (the web) ---------------------------------------------------------------

function requireRetentionManager(a: Actor) {
  if (!can(a, 'retention.manage')) throw forbidden();
}

export async function getRetention(db: Database, a: Actor): Promise<RetentionRules> {
  requireRetentionManager(a);
  return readRetentionRules(await getRetentionSetting(db, a.municipalityId));
}

export async function putRetention(db: Database, a: Actor, input: Partial<RetentionRules>): Promise<RetentionRules> {
  requireRetentionManager(a);
  const current = readRetentionRules(await getRetentionSetting(db, a.municipalityId));
  const rules = validateRetentionRules(input, current);
  await db.transaction(async (tx) => {
    await setRetentionSetting(tx, a.municipalityId, rules);
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: a.userId, action: 'settings.retention', details: { from: { ...current }, to: { ...rules } } });
  });
  return rules;
}

export async function runRetentionAs(db: Database, a: Actor, dryRun: boolean): Promise<RetentionRunResult> {
  requireRetentionManager(a);
  return runRetention(db, { municipalityId: a.municipalityId, dryRun, now: new Date(), trigger: 'web', userId: a.userId });
}

export interface RetentionRunSummary {
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  dryRun: boolean;
  trigger: RunTrigger;
  counts: RetentionCounts | null;
  error: string | null;
}

/** The municipality's latest runs and dry runs, newest first. */
export async function listRetentionRunsAs(db: Database, a: Actor, limit = 20): Promise<RetentionRunSummary[]> {
  requireRetentionManager(a);
  return (await listRetentionRuns(db, RETENTION_JOB, a.municipalityId, limit)).map((r) => ({
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    status: r.status,
    dryRun: r.result.dryRun === true,
    trigger: (['command', 'web', 'schedule'] as const).find((t) => t === r.result.trigger) ?? 'schedule',
    counts: (r.result.counts as RetentionCounts | undefined) ?? null,
    error: r.error,
  }));
}
