import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { insertIncidents } from '../../test/support/api.ts';
import { FX } from '../../test/support/fixtures.ts';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp.ts';
import { setScheduleSetting } from '../db/repositories/schedule-settings.ts';
import { startJobLoop, type LoopTimers } from './runner.ts';

const MONDAY = new Date('2026-11-23T07:00:00Z');
const NEXT_MONDAY = new Date('2026-11-30T07:00:00Z');

/**
 * The loop's timer, driven by hand: nothing fires until the test says so, and the test can wait for
 * the loop to set its next timer (which it does when a pass is over). No wall clock, no sleeps.
 */
class ManualTimers implements LoopTimers {
  private nextId = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  /** The delay of every timer the loop has set, in order. */
  readonly delays: number[] = [];
  private waiters: Array<() => void> = [];
  setTimeout = (fn: () => void, ms: number): number => {
    const id = this.nextId++;
    this.pending.set(id, { fn, ms });
    this.delays.push(ms);
    for (const w of this.waiters.splice(0)) w();
    return id;
  };
  clearTimeout = (handle: unknown): void => { this.pending.delete(handle as number); };
  /** Runs the one pending timer's callback, as if its time had come. */
  fire(): void {
    assert.equal(this.pending.size, 1, 'one timer set');
    const [[id, t]] = this.pending;
    this.pending.delete(id);
    t.fn();
  }
  /** Fires the pending timer and resolves when the loop has set its next one: one whole pass. */
  async pass(): Promise<void> {
    const next = new Promise<void>((r) => this.waiters.push(r));
    this.fire();
    await next;
  }
}

const SETTINGS = { mailFrom: 'lagesbild@alingsas.test', publicUrl: 'http://127.0.0.1:3000' };

for (const engine of testEngines()) {
  describe(`the job loop on ${engine}`, () => {
    let t: TestDatabase;
    let smtp: TestSmtp;
    before(async () => {
      t = await createTestDatabase(engine);
      smtp = await startTestSmtp();
      await insertIncidents(t, [{ categoryCode: 'nedskrapning', e: 353_700, n: 6_423_700, at: new Date('2026-11-18T12:00:00Z'), org: 'bevakning' }]);
      await setScheduleSetting(t.db, FX.alingsas, { cadence: 'weekly', weekday: 1, notify: [] });
    });
    after(async () => {
      await smtp.close();
      await t.drop();
    });

    const drafts = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM situation_pictures WHERE origin = 'scheduled'`)).rows[0].n;

    test('makes the draft and sends its e-mail on its own; an error is logged and the loop goes on; stop waits and ends it', { timeout: 120_000 }, async () => {
      const errors: string[] = [], infos: string[] = [];
      const times = [() => { throw new Error('klockan gick sönder'); }, () => MONDAY, () => MONDAY, () => MONDAY, () => NEXT_MONDAY];
      let calls = 0;
      const clock = () => times[Math.min(calls++, times.length - 1)]();
      const timers = new ManualTimers();
      const loop = startJobLoop(t.db, { smtpUrl: smtp.url, ...SETTINGS },
        { info: (m) => infos.push(m), error: (m, e) => errors.push(`${m}: ${(e as Error).message}`) }, { firstDelayMs: 0, intervalMs: 60_000, clock, timers });
      assert.deepEqual(timers.delays, [0], 'the first pass is set after firstDelayMs');
      assert.equal(calls, 0, 'nothing runs before its timer');

      // Pass 1: the clock throws; the error is logged and the next pass is set after the interval.
      await timers.pass();
      assert.equal(calls, 1);
      assert.deepEqual(errors, ['schemalagda jobb misslyckades: klockan gick sönder']);
      assert.deepEqual(timers.delays, [0, 60_000], 'the loop goes on');

      // Pass 2: Monday 08:00 in Alingsås: the draft of last week is made and its e-mail sent in the same pass.
      await timers.pass();
      assert.ok(infos.some((m) => /lägesbildsutkast 1489 2026-11-16\.\.2026-11-22 \(försök 1\): klart, 1 händelser/.test(m)), infos.join('\n'));
      assert.deepEqual(smtp.messages.map((m) => m.to), [['samordnare@alingsas.test']]);
      assert.match(smtp.messages[0].text, /http:\/\/127\.0\.0\.1:3000\/lagesbilder\/[0-9a-f-]{36}/);

      // Passes 3 and 4, still on Monday: nothing new.
      await timers.pass();
      await timers.pass();
      assert.equal(calls, 4);
      assert.equal(await drafts(), 1, 'many passes, one draft');
      assert.equal(smtp.messages.length, 1, 'and one e-mail');
      assert.deepEqual(errors, ['schemalagda jobb misslyckades: klockan gick sönder'], 'only the first pass failed');

      // Pass 5 (a week later, so it has a draft to make and an e-mail to send) is under way when
      // stop() is called: stop waits for it to finish, and no timer is set after it.
      timers.fire();
      await loop.stop();
      assert.equal(calls, 5);
      assert.equal(await drafts(), 2, 'the pass under way finished before stop() returned');
      assert.equal(smtp.messages.length, 2, 'its e-mail went out before stop() returned');
      assert.ok(infos.some((m) => /lägesbildsutkast 1489 2026-11-23\.\.2026-11-29 \(försök 1\): klart/.test(m)), infos.join('\n'));
      assert.equal(timers.pending.size, 0, 'no pass after stop');
      assert.equal(timers.delays.length, 5, 'no timer set after stop');
    });

    test('stopped while waiting: the timer is cleared and no pass ever runs', async () => {
      const timers = new ManualTimers();
      let calls = 0;
      const loop = startJobLoop(t.db, { smtpUrl: null, ...SETTINGS }, { info: () => undefined, error: () => undefined },
        { firstDelayMs: 5_000, clock: () => { calls++; return MONDAY; }, timers });
      assert.deepEqual(timers.delays, [5_000]);
      await loop.stop();
      assert.equal(timers.pending.size, 0, 'the timer is cleared');
      assert.equal(calls, 0);
    });
  });
}
