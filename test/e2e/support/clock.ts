/**
 * The one clock of a browser-test run: every e2e file seeds its data relative to `E2E_NOW`, the
 * demo ends at it, and every browser page's `Date` is fixed to it (playwright's
 * `clock.setFixedTime`, which leaves the page's timers running). So what the data holds, which days
 * a period preset covers and what the page calls "today" no longer depend on the time of day the
 * tests happen to run.
 *
 * It is the start of the current UTC day (what `seed-demo` takes as the demo's end), fixed once
 * when the file's process loads this module, not a constant date: the server under test is a real
 * `lagesbild serve` on the real clock (it refuses reports from the future or older than 366 days,
 * judges measures overdue and follow-up windows by SQL `now()`), so the run's "now" must lie just
 * behind the server's. Set LB_E2E_NOW (an ISO time, not in the future and not months back) to rerun
 * at the instant a failed run used; it is printed when LB_E2E_TIMING is set.
 */
export const E2E_NOW: Date = process.env.LB_E2E_NOW
  ? new Date(process.env.LB_E2E_NOW)
  : new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');

if (Number.isNaN(E2E_NOW.getTime())) throw new Error(`LB_E2E_NOW is not a time: ${process.env.LB_E2E_NOW}`);
if (E2E_NOW.getTime() > Date.now()) throw new Error(`LB_E2E_NOW ${E2E_NOW.toISOString()} is in the future: the server would refuse reports made at it`);

/** A date of the run's calendar as the app shows it (YYYY-MM-DD in Stockholm). */
export const stockholmDate = (d: Date): string => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

let counter = 0;
/**
 * A text unique within the file's run (each file has its own database), for names and descriptions
 * the tests look for: a counter, not the clock; zero-padded so no one is a prefix of another.
 */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix} #${String(counter).padStart(3, '0')}`;
}
