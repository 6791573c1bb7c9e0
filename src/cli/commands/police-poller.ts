import type { Command } from 'commander';

const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * `lagesbild police-poller status|resume`: the deployment's poller of Polisen's events
 * (src/services/police-poller.ts) as the database records it, and lifting the stop a 404 caused.
 */
export function register(program: Command): void {
  const group = program.command('police-poller').description("The poller of Polisen's events (LAGESBILD_POLICE_POLL=on in the server)");
  group
    .command('status')
    .description('Print whether a process polls, its last call and error, and the calls of the last hour and day')
    .action(async () => {
      const { readPollerState, pollerCallCounts } = await import('../../db/repositories/police-poller.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), log);
      try {
        const now = new Date();
        const [s, calls] = await Promise.all([readPollerState(db), pollerCallCounts(db, now)]);
        const at = (d: Date | null) => (d ? new Date(d).toISOString() : '–');
        const lines = [
          `läge: ${s.stoppedAt ? `stoppad sedan ${at(s.stoppedAt)}: ${s.stopReason}` : s.leaseUntil && new Date(s.leaseUntil) > now ? `hämtar (process ${s.holder})` : 'ingen process hämtar'}`,
          `senaste anrop: ${at(calls.lastCallAt)}; senaste lyckade: ${at(s.lastSuccessAt)}${s.lastReceived === null ? '' : ` (${s.lastReceived} händelser, ${s.lastNew} nya)`}`,
          `anrop senaste timmen: ${calls.lastHour} av 60; senaste dygnet: ${calls.lastDay} av 1440`,
          ...(s.lastError ? [`senaste fel (${at(s.lastErrorAt)}): ${s.lastError}`] : []),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await db.close();
      }
    });
  group
    .command('resume')
    .description('Let polling start again after Polisen answered 404 (check first that the API is back at its address)')
    .action(async () => {
      const { resumePolling } = await import('../../db/repositories/police-poller.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), log);
      try {
        log(await resumePolling(db) ? 'hämtningen av polishändelser får börja igen; servrarna tar upp den vid nästa varv' : 'hämtningen var inte stoppad');
      } finally {
        await db.close();
      }
    });
}
