import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/engine.ts';
import { sendPendingEmails, type MailerOptions } from '../jobs/mailer.ts';
import type { AccountLinks } from '../services/accounts.ts';

/**
 * Where account e-mail links point and how they leave: with a mailer, a pass over the outbox starts
 * as soon as such a message is queued (one at a time; a request made during a pass gets one more
 * pass after it), so a person waiting for a link has it in seconds. Failures stay in the outbox
 * for the minute's pass to retry, as for every other message.
 */
export function accountLinksOf(db: Database, o: { publicUrl: string; mail?: MailerOptions | null } | undefined, log: FastifyBaseLogger): AccountLinks & { settled(): Promise<void> } {
  const publicUrl = o?.publicUrl ?? 'http://127.0.0.1:3000';
  const mail = o?.mail;
  if (!mail) return { publicUrl, settled: async () => {} };
  let running: Promise<void> | null = null;
  let again = false;
  const pass = (): Promise<void> => sendPendingEmails(db, new Date(), mail)
    .then((p) => { for (const e of p.errors) log.warn(`e-post till ${e.email} (försök ${e.attempt}): ${e.error}`); })
    .catch((e: unknown) => log.error({ err: e }, 'e-post: utskicket misslyckades'))
    .then(() => {
      if (again) { again = false; return pass(); }
      running = null;
    });
  return {
    publicUrl,
    /** Waits for a pass under way (the server closes its database after). */
    settled: async () => { while (running) await running; },
    deliver() {
      if (running) { again = true; return; }
      running = pass();
    },
  };
}
