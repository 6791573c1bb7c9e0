/**
 * Sends the queued e-mail notifications (notifications with channel 'email') over SMTP. Each pass
 * claims the due rows (a lease, so several processes never send one message twice), sends them
 * one by one on one connection, and marks each sent or failed. A failed message keeps its error and
 * is tried again after a back-off of 5, 15, 45, 135 … minutes; after MAX_ATTEMPTS attempts it stays
 * in the table unsent with its last error, for a person to look at.
 */
import nodemailer from 'nodemailer';
import type { Database } from '../db/engine.ts';
import { claimDueEmails, markEmailFailed, markEmailSent } from '../db/repositories/email-outbox.ts';

export const MAX_ATTEMPTS = 6;
/** Minutes before the second attempt; each later one waits three times as long. */
export const FIRST_BACKOFF_MIN = 5;
/** How long a claimed message is left alone by other mailers while this one sends it. */
export const LEASE_MIN = 10;
export const BATCH = 100;

export interface MailerOptions {
  /** smtp://host:port or smtps://user:password@host:465 (nodemailer's URL form). */
  smtpUrl: string;
  /** The From header, e.g. "Lägesbild <lagesbild@alingsas.se>". */
  from: string;
  /** Connection, greeting and socket timeout (ms). */
  timeoutMs?: number;
}

export interface MailPass {
  sent: number;
  failed: number;
  /** Messages that failed for the last time and will not be tried again. */
  gaveUp: number;
  errors: Array<{ id: string; email: string; attempt: number; error: string }>;
}

export const backoffMinutes = (attempt: number) => FIRST_BACKOFF_MIN * 3 ** (attempt - 1);

/** One pass over the outbox at `now`. Never throws for a mail server's failure; the rows carry it. */
export async function sendPendingEmails(db: Database, now: Date, opts: MailerOptions): Promise<MailPass> {
  const pass: MailPass = { sent: 0, failed: 0, gaveUp: 0, errors: [] };
  const batch = await db.transaction((tx) => claimDueEmails(tx, { now, limit: BATCH, maxAttempts: MAX_ATTEMPTS, leaseMin: LEASE_MIN }));
  if (!batch.length) return pass;
  const timeout = opts.timeoutMs ?? 30_000;
  // Options in the URL (smtps://…?tls.rejectUnauthorized=false) win over these.
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  try {
    for (const m of batch) {
      try {
        await transport.sendMail({
          from: opts.from, to: m.email, subject: m.subject, text: m.body,
          // RFC 3834: an automatic message; vacation responders should not answer it.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Lagesbild-Notification': m.id },
        });
        await markEmailSent(db, m, new Date());
        pass.sent++;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        const last = m.attempts >= MAX_ATTEMPTS;
        await markEmailFailed(db, m, error, last ? null : new Date(now.getTime() + backoffMinutes(m.attempts) * 60_000));
        pass.failed++;
        if (last) pass.gaveUp++;
        pass.errors.push({ id: m.id, email: m.email, attempt: m.attempts, error });
      }
    }
  } finally {
    transport.close();
  }
  return pass;
}
