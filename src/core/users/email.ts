/**
 * Whether a text looks like an e-mail address: something, an @, a domain with a dot, no spaces.
 * Deliverability is the mail server's business; this catches typing mistakes, the same way for
 * users, the set-up guide's first administrator and the scheduled lägesbild's recipients.
 */
export function isEmailAddress(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}
