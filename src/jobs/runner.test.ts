import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { insertIncidents } from '../../test/support/api.ts';
import { FX } from '../../test/support/fixtures.ts';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp.ts';
import { setScheduleSetting } from '../db/repositories/schedule-settings.ts';
import { startJobLoop } from './runner.ts';

const MONDAY = new Date('2026-11-23T07:00:00Z');

async function until(cond: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

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

    test('makes the draft and sends its e-mail on its own; an error is logged and the loop goes on; stop waits and ends it', async () => {
      const errors: string[] = [], infos: string[] = [];
      let calls = 0;
      const clock = () => {
        calls++;
        if (calls === 1) throw new Error('klockan gick sönder');
        return MONDAY;
      };
      const loop = startJobLoop(t.db, null, { smtpUrl: smtp.url, mailFrom: 'lagesbild@alingsas.test', publicUrl: 'http://127.0.0.1:3000' },
        { info: (m) => infos.push(m), error: (m, e) => errors.push(`${m}: ${(e as Error).message}`) }, { firstDelayMs: 0, intervalMs: 30, clock });
      await until(() => smtp.messages.length >= 1).catch((e) => { throw new Error(`${e.message}: calls ${calls}, ${errors.join(';')} ${infos.join(';')}`); });
      await until(() => calls >= 4).catch((e) => { throw new Error(`${e.message}: calls ${calls}, ${errors.join(';')} ${infos.join(';')}`); });
      await loop.stop();
      const callsAtStop = calls;
      assert.deepEqual(errors, ['schemalagda jobb misslyckades: klockan gick sönder']);
      assert.ok(infos.some((m) => /lägesbildsutkast 1489 2026-11-16\.\.2026-11-22 \(försök 1\): klart, 1 händelser/.test(m)), infos.join('\n'));
      assert.deepEqual(smtp.messages.map((m) => m.to), [['samordnare@alingsas.test']]);
      assert.match(smtp.messages[0].text, /http:\/\/127\.0\.0\.1:3000\/lagesbilder\/[0-9a-f-]{36}/);
      const n = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM situation_pictures WHERE origin = 'scheduled'`);
      assert.equal(n.rows[0].n, 1, 'many passes, one draft');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(calls, callsAtStop, 'no pass after stop');
    });
  });
}
