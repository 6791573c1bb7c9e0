import type { Command } from 'commander';

const log = (m: string) => process.stderr.write(`${m}\n`);

export function parseNow(s: string | undefined): Date {
  if (s === undefined) return new Date();
  const d = new Date(s);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s) || Number.isNaN(d.getTime())) throw new Error(`--now must be an ISO 8601 time (2026-11-23T08:00:00+01:00), got "${s}"`);
  return d;
}

export function register(program: Command): void {
  const jobs = program.command('jobs').description('Scheduled work: the automatic lägesbild draft and its e-mail, the retention rules');
  jobs
    .command('run')
    .description('Run one scheduler tick, one mailer pass and the retention rules due today, print what was done (for cron; the server does this every minute)')
    .option('--now <time>', 'act as if it were this time (ISO 8601); default now')
    .addHelpText('after', `
Environment:
  SMTP_URL     smtp://host:port or smtps://user:password@host:465; without it e-mail stays queued
  MAIL_FROM    sender, e.g. "Lägesbild <lagesbild@kommun.se>"
  PUBLIC_URL   the app's address for links in e-mail (default http://127.0.0.1:3000)
Exit status 1 when a draft or an e-mail failed (it is retried later).`)
    .action(async (o: { now?: string }) => {
      const now = parseNow(o.now);
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { runJobsOnce, describePass } = await import('../../jobs/runner.ts');
      const { databaseConfig, jobsConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const config = jobsConfig();
      const db = await openMigrated(databaseConfig(), log);
      try {
        const pass = await runJobsOnce(db, now, config);
        const lines = describePass(pass);
        process.stdout.write(lines.length ? `${lines.join('\n')}\n` : `inget att göra (${now.toISOString()})\n`);
        if (pass.drafts.some((d) => d.status === 'failed') || pass.retention.some((r) => r.status === 'failed') || (pass.mail?.failed ?? 0) > 0) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
