import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { insertIncidents } from '../support/api.ts';
import { FX } from '../support/fixtures.ts';
import { run } from '../support/process.ts';
import { closedPort, startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { setScheduleSetting } from '../../src/db/repositories/schedule-settings.ts';

test('jobs run --help names the environment; bad --now and SMTP_URL fail with a message', async () => {
  const help = await run(['jobs', 'run', '--help'], {});
  assert.equal(help.code, 0);
  for (const v of ['SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', '--now']) assert.match(help.stdout, new RegExp(v));
  const badNow = await run(['jobs', 'run', '--now', 'i morgon'], { DATA_DIR: '/nonexistent/x', DATABASE_URL: '' });
  assert.equal(badNow.code, 1);
  assert.match(badNow.stderr, /--now must be an ISO 8601 time/);
  const badSmtp = await run(['jobs', 'run'], { SMTP_URL: 'http://mail.example', DATA_DIR: '/nonexistent/x', DATABASE_URL: '' });
  assert.equal(badSmtp.code, 1);
  assert.match(badSmtp.stderr, /SMTP_URL must be smtp:\/\/host:port/);
  const badScheduler = await run(['serve'], { LAGESBILD_SCHEDULER: 'kanske', DATA_DIR: '/nonexistent/x', DATABASE_URL: '' });
  assert.equal(badScheduler.code, 1);
  assert.match(badScheduler.stderr, /LAGESBILD_SCHEDULER must be on or off/);
});

for (const engine of testEngines()) {
  describe(`lagesbild jobs run on ${engine}`, () => {
    let t: TestDatabase;
    let smtp: TestSmtp;
    let env: Record<string, string | undefined>;
    before(async () => {
      t = await createTestDatabase(engine);
      smtp = await startTestSmtp();
      await insertIncidents(t, [{ categoryCode: 'nedskrapning', e: 353_700, n: 6_423_700, at: new Date('2026-11-18T12:00:00Z'), org: 'bevakning' }]);
      await setScheduleSetting(t.db, FX.alingsas, { cadence: 'weekly', weekday: 1, notify: ['trygghet@alingsas.test'] });
      await t.db.close();
      env = { DATA_DIR: t.location.dataDir, DATABASE_URL: t.location.databaseUrl ?? '', PUBLIC_URL: 'https://lagesbild.alingsas.test', MAIL_FROM: 'Lägesbild <lagesbild@alingsas.test>' };
    });
    after(async () => {
      await smtp.close();
      await t.drop();
    });

    test('one pass makes the due draft and sends its e-mail; a mail server that is down gives exit status 1 and the message waits', async () => {
      const down = await run(['jobs', 'run', '--now', '2026-11-23T08:00:00+01:00'], { ...env, SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
      assert.equal(down.code, 1, down.stderr);
      assert.match(down.stdout, /lägesbildsutkast 1489 2026-11-16\.\.2026-11-22 \(försök 1\): klart, 1 händelser, id [0-9a-f-]{36}, 2 e-postmeddelanden köade/);
      assert.match(down.stdout, /e-post: 0 skickade, 2 misslyckades/);
      assert.match(down.stdout, /trygghet@alingsas\.test \(försök 1\): .*ECONNREFUSED/);

      const soon = await run(['jobs', 'run', '--now', '2026-11-23T08:01:00+01:00'], { ...env, SMTP_URL: smtp.url });
      assert.equal(soon.code, 0, soon.stderr);
      assert.match(soon.stdout, /inget att göra/, 'the draft is made and the e-mail waits for its back-off');
      assert.equal(smtp.messages.length, 0);

      const sent = await run(['jobs', 'run', '--now', '2026-11-23T08:10:00+01:00'], { ...env, SMTP_URL: smtp.url });
      assert.equal(sent.code, 0, sent.stderr);
      assert.match(sent.stdout, /e-post: 2 skickade, 0 misslyckades/);
      assert.deepEqual(smtp.messages.map((m) => m.to[0]).sort(), ['samordnare@alingsas.test', 'trygghet@alingsas.test']);
      assert.equal(smtp.messages[0].subject, 'Utkast till lägesbild vecka 47 är klart');
      assert.match(smtp.messages[0].text, /https:\/\/lagesbild\.alingsas\.test\/lagesbilder\//);

      const noSmtp = await run(['jobs', 'run', '--now', '2026-11-23T09:00:00+01:00'], { ...env, SMTP_URL: '' });
      assert.equal(noSmtp.code, 0);
      assert.match(noSmtp.stdout, /SMTP_URL är inte satt/);
    });
  });
}
