import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { insertIncidents } from '../../test/support/api.ts';
import { FX } from '../../test/support/fixtures.ts';
import { closedPort, startTestSmtp, type TestSmtp } from '../../test/support/smtp.ts';
import { setScheduleSetting } from '../db/repositories/schedule-settings.ts';
import { queueEmails } from '../db/repositories/email-outbox.ts';
import { JOB, tick } from './scheduler.ts';
import { MAX_ATTEMPTS, sendPendingEmails } from './mailer.ts';

const MIN = 60_000;
// Monday 23 November 2026, 08:00 in Alingsås (UTC+1): weekly-on-Monday is due for 16–22 November.
const MONDAY = new Date('2026-11-23T07:00:00Z');
const later = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
const HOT = { e: 353_700, n: 6_423_700 };
const OPTS = { publicUrl: 'https://lagesbild.alingsas.test/' };
const MAIL_FROM = 'Lägesbild <lagesbild@alingsas.test>';

for (const engine of testEngines({ citus: true })) {
  describe(`scheduled lägesbild draft and e-mail on ${engine}`, () => {
    let t: TestDatabase;
    let smtp: TestSmtp;
    const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;

    before(async () => {
      t = await createTestDatabase(engine);
      smtp = await startTestSmtp();
      const rows: Parameters<typeof insertIncidents>[1] = [];
      // In the period (16–22 Nov local): 12; the week before: 6; outside both: 1 on the Monday itself.
      for (let i = 0; i < 12; i++) rows.push({ categoryCode: 'skadegorelse.klotter', e: HOT.e + i * 10, n: HOT.n, at: new Date(Date.UTC(2026, 10, 16 + (i % 7), 10)), org: 'alingsashem' });
      for (let i = 0; i < 6; i++) rows.push({ categoryCode: 'nedskrapning', e: HOT.e, n: HOT.n + i * 10, at: new Date(Date.UTC(2026, 10, 9 + i, 10)), org: 'bevakning' });
      rows.push({ categoryCode: 'nedskrapning', e: HOT.e, n: HOT.n, at: new Date('2026-11-23T06:00:00Z'), org: 'bevakning' });
      // 22 Nov 23:30 local is still in the period; 15 Nov 23:30 local is not.
      rows.push({ categoryCode: 'nedskrapning', e: HOT.e, n: HOT.n, at: new Date('2026-11-22T22:30:00Z'), org: 'bevakning' });
      rows.push({ categoryCode: 'nedskrapning', e: HOT.e, n: HOT.n, at: new Date('2026-11-15T22:30:00Z'), org: 'bevakning' });
      await insertIncidents(t, rows);
      // A second, inactive coordinator: gets nothing.
      await t.db.query(`UPDATE users SET roles = '{coordinator}', active = false WHERE id = $1`, [FX.users.reporter2.id]);
    });
    after(async () => {
      await smtp.close();
      await t.drop();
    });

    test("'off' makes nothing, and neither does a schedule that is not yet due", async () => {
      await setScheduleSetting(t.db, FX.alingsas, { cadence: 'off', weekday: 1, notify: [] });
      assert.deepEqual(await tick(t.db, MONDAY, OPTS), []);
      await setScheduleSetting(t.db, FX.alingsas, { cadence: 'weekly', weekday: 1, notify: [] });
      assert.deepEqual(await tick(t.db, new Date('2026-11-22T12:00:00Z'), OPTS), [], 'Sunday: the week has not ended');
      assert.deepEqual(await tick(t.db, new Date('2026-11-23T04:30:00Z'), OPTS), [], 'Monday 05:30 local');
      await setScheduleSetting(t.db, FX.alingsas, { cadence: 'weekly', weekday: 2, notify: [] });
      assert.deepEqual(await tick(t.db, MONDAY, OPTS), [], 'weekly on Tuesday');
      assert.equal(await count('situation_pictures'), 0);
      assert.equal(await count('job_runs'), 0);
      assert.equal(await count('notifications'), 0);
    });

    test('a due weekly schedule makes one computed draft for last week, however many ticks run at once', async () => {
      await setScheduleSetting(t.db, FX.alingsas, { cadence: 'weekly', weekday: 1, notify: ['trygghet@alingsas.test', FX.users.coordinator.email.toUpperCase(), 'polis@polisen.test'] });
      const [a, b] = await Promise.all([tick(t.db, MONDAY, OPTS), tick(t.db, MONDAY, OPTS)]);
      const outcomes = [...a, ...b];
      assert.equal(outcomes.length, 1, JSON.stringify(outcomes));
      const done = outcomes[0];
      assert.equal(done.status, 'done', JSON.stringify(done));
      assert.deepEqual([done.run.from, done.run.to], ['2026-11-16', '2026-11-22']);
      assert.equal(done.status === 'done' && done.emails, 3);

      const pics = await t.db.query<{ id: string; origin: string; status: string; from: Date; to: Date; content: any; created_by: string | null }>(
        `SELECT id, origin, status, period_from AS from, period_to AS to, content, created_by FROM situation_pictures`);
      assert.equal(pics.rows.length, 1);
      const pic = pics.rows[0];
      assert.deepEqual([pic.origin, pic.status, pic.created_by], ['scheduled', 'draft', null]);
      assert.equal(new Date(pic.from).toISOString(), '2026-11-15T23:00:00.000Z', 'local midnight of Monday 16 Nov');
      assert.equal(new Date(pic.to).toISOString(), '2026-11-22T23:00:00.000Z', 'local midnight after Sunday 22 Nov');
      assert.equal(pic.content.totals.count, 13, 'the content is computed: 12 + the late Sunday evening');
      assert.equal(pic.content.totals.previous.count, 7);

      const run = await t.db.query<{ status: string; result: any; error: string | null }>(`SELECT status, result, error FROM job_runs WHERE job = $1 AND municipality_id = $2 AND run_key = '2026-11-16..2026-11-22'`, [JOB, FX.alingsas]);
      assert.equal(run.rows[0].status, 'done');
      assert.equal(run.rows[0].result.situationPictureId, pic.id);

      // Later ticks, the same day and the next, make nothing more.
      assert.deepEqual(await tick(t.db, later(MONDAY, 60), OPTS), []);
      assert.deepEqual(await tick(t.db, later(MONDAY, 24 * 60), OPTS), []);
      assert.equal(await count('situation_pictures'), 1);

      const mails = await t.db.query<{ email: string; user_id: string | null; kind: string; channel: string; subject: string; body: string }>(
        `SELECT email, user_id, kind, channel, subject, body FROM notifications ORDER BY email`);
      assert.deepEqual(mails.rows.map((r) => [r.email, r.user_id]), [
        ['polis@polisen.test', null],
        ['samordnare@alingsas.test', FX.users.coordinator.id],
        ['trygghet@alingsas.test', null],
      ]);
      assert.ok(mails.rows.every((r) => r.kind === 'draft_ready' && r.channel === 'email'));
      assert.equal(mails.rows[0].subject, 'Utkast till lägesbild vecka 47 är klart');
      assert.match(mails.rows[0].body, new RegExp(`https://lagesbild\\.alingsas\\.test/lagesbilder/${pic.id}`));
    });

    test('the mailer sends them over SMTP, once', async () => {
      const pass = await sendPendingEmails(t.db, later(MONDAY, 1), { smtpUrl: smtp.url, from: MAIL_FROM });
      assert.deepEqual([pass.sent, pass.failed], [3, 0], JSON.stringify(pass.errors));
      assert.deepEqual(smtp.messages.map((m) => m.to).flat().sort(), ['polis@polisen.test', 'samordnare@alingsas.test', 'trygghet@alingsas.test']);
      const id = (await t.db.query<{ id: string }>('SELECT id FROM situation_pictures')).rows[0].id;
      for (const m of smtp.messages) {
        assert.equal(m.to.length, 1, 'one message per recipient: no one sees the others');
        assert.equal(m.from, 'lagesbild@alingsas.test');
        assert.equal(m.subject, 'Utkast till lägesbild vecka 47 är klart');
        assert.match(m.headers.from, /Lägesbild <lagesbild@alingsas\.test>/);
        assert.equal(m.headers['auto-submitted'], 'auto-generated');
        assert.match(m.text, /Alingsås, vecka 47 \(16–22 nov 2026\)/);
        assert.match(m.text, /Under perioden: 13 händelser\./);
        assert.match(m.text, /Perioden före: 7 händelser \(\+6, \+86 %/);
        assert.ok(m.text.includes(`https://lagesbild.alingsas.test/lagesbilder/${id}`), m.text);
      }
      assert.equal(await count(`notifications WHERE channel = 'email' AND sent_at IS NULL`), 0);
      const again = await sendPendingEmails(t.db, later(MONDAY, 2), { smtpUrl: smtp.url, from: MAIL_FROM });
      assert.equal(again.sent, 0);
      assert.equal(smtp.messages.length, 3);
    });

    test('a mail server that is down: the message stays with its error and a later pass sends it; in the end it gives up', async () => {
      smtp.messages.length = 0;
      const queue = (subject: string) => queueEmails(t.db, { municipalityId: FX.alingsas, kind: 'draft_ready', subject, body: 'Hej', subjectType: 'test', subjectId: subject, userIds: [], addresses: ['nagon@alingsas.test'] });
      await queue('Första');
      const down = `smtp://127.0.0.1:${await closedPort()}`;
      const t0 = later(MONDAY, 10);
      const failed = await sendPendingEmails(t.db, t0, { smtpUrl: down, from: MAIL_FROM });
      assert.deepEqual([failed.sent, failed.failed, failed.gaveUp], [0, 1, 0]);
      const row = async () => (await t.db.query<{ sent_at: Date | null; attempts: number; last_error: string | null; next_attempt_at: Date | null }>(
        `SELECT sent_at, attempts, last_error, next_attempt_at FROM notifications WHERE subject = 'Första'`)).rows[0];
      let r = await row();
      assert.equal(r.sent_at, null);
      assert.equal(r.attempts, 1);
      assert.match(r.last_error!, /ECONNREFUSED|connect/i);
      assert.equal(new Date(r.next_attempt_at!).getTime(), later(t0, 5).getTime(), 'first back-off: 5 minutes');
      // Too soon: not tried, even with the server back.
      assert.equal((await sendPendingEmails(t.db, later(t0, 2), { smtpUrl: smtp.url, from: MAIL_FROM })).sent, 0);
      const ok = await sendPendingEmails(t.db, later(t0, 6), { smtpUrl: smtp.url, from: MAIL_FROM });
      assert.equal(ok.sent, 1);
      r = await row();
      assert.ok(r.sent_at);
      assert.equal(r.attempts, 2);
      assert.equal(r.last_error, null);
      assert.deepEqual(smtp.messages.map((m) => m.subject), ['Första']);

      await queue('Hopplös');
      let now = later(t0, 60);
      const results = [];
      for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
        results.push(await sendPendingEmails(t.db, now, { smtpUrl: down, from: MAIL_FROM }));
        now = later(now, 24 * 60);
      }
      assert.deepEqual(results.map((p) => p.failed), [...Array(MAX_ATTEMPTS).fill(1), 0, 0]);
      assert.equal(results[MAX_ATTEMPTS - 1].gaveUp, 1);
      const dead = (await t.db.query<{ sent_at: Date | null; attempts: number; last_error: string | null }>(`SELECT sent_at, attempts, last_error FROM notifications WHERE subject = 'Hopplös'`)).rows[0];
      assert.deepEqual([dead.sent_at, dead.attempts], [null, MAX_ATTEMPTS]);
      assert.ok(dead.last_error);
    });

    test('a mail server that accepts the connection and never answers times out; the row waits', async () => {
      const { createServer } = await import('node:net');
      const held: import('node:net').Socket[] = [];
      const silent = createServer((sock) => { held.push(sock); });
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
      try {
        await queueEmails(t.db, { municipalityId: FX.alingsas, kind: 'draft_ready', subject: 'Tyst', body: 'Hej', subjectType: 'test', subjectId: 'tyst', userIds: [], addresses: ['tyst@alingsas.test'] });
        const started = Date.now();
        const pass = await sendPendingEmails(t.db, later(MONDAY, 3 * 24 * 60), { smtpUrl: `smtp://127.0.0.1:${(silent.address() as any).port}`, from: MAIL_FROM, timeoutMs: 300 });
        assert.ok(Date.now() - started < 10_000, 'did not hang');
        assert.deepEqual([pass.sent, pass.failed], [0, 1]);
        assert.match(pass.errors[0].error, /timeout|greeting/i);
        const r = (await t.db.query<{ sent_at: Date | null; last_error: string | null }>(`SELECT sent_at, last_error FROM notifications WHERE subject = 'Tyst'`)).rows[0];
        assert.equal(r.sent_at, null);
        assert.ok(r.last_error);
      } finally {
        for (const s of held) s.destroy();
        await new Promise<void>((r) => silent.close(() => r()));
      }
    });

    test('a failed run keeps its error, is retried after the back-off and then makes the draft', async () => {
      await setScheduleSetting(t.db, FX.vargarda, { cadence: 'weekly', weekday: 1, notify: [] });
      const before = await count('notifications');
      // Break the computation for a moment (this database is the test's own).
      await t.db.exec('ALTER TABLE police_events RENAME TO police_events_away');
      let failed;
      try { failed = await tick(t.db, MONDAY, OPTS); } finally { await t.db.exec('ALTER TABLE police_events_away RENAME TO police_events'); }
      assert.equal(failed.length, 1);
      assert.equal(failed[0].status, 'failed');
      assert.equal(failed[0].municipalityId, FX.vargarda);
      const run = async () => (await t.db.query<{ status: string; error: string | null; result: any }>(`SELECT status, error, result FROM job_runs WHERE municipality_id = $1`, [FX.vargarda])).rows;
      assert.equal((await run())[0].status, 'failed');
      assert.match((await run())[0].error!, /police_events/);
      assert.equal(await count(`situation_pictures WHERE municipality_id = $1`, [FX.vargarda]), 0);
      assert.equal(await count('notifications'), before, 'no e-mail for a run that failed');

      assert.deepEqual(await tick(t.db, later(MONDAY, 10), OPTS), [], 'within the 15-minute back-off');
      const retried = await tick(t.db, later(MONDAY, 16), OPTS);
      assert.equal(retried.length, 1);
      assert.equal(retried[0].status, 'done');
      assert.equal(retried[0].attempt, 2);
      assert.deepEqual((await run()).map((r) => [r.status, r.error, r.result.attempts]), [['done', null, 2]]);
      assert.equal(await count(`situation_pictures WHERE municipality_id = $1 AND origin = 'scheduled'`, [FX.vargarda]), 1);
      assert.equal(await count(`notifications WHERE municipality_id = $1 AND email = 'samordnare@vargarda.test'`, [FX.vargarda]), 1);
    });

    test('a run left running by a dead process is taken over after an hour, without a second draft', async () => {
      await setScheduleSetting(t.db, FX.vargarda, { cadence: 'off', weekday: 1, notify: [] });
      await setScheduleSetting(t.db, FX.alingsas, { cadence: 'fortnightly', weekday: 1, notify: [] });
      // 30 November is 152 weeks after 2024-01-01: a fortnightly run day, for 16–29 November, which
      // starts on the day the weekly period did.
      const monday = new Date('2026-11-30T07:00:00Z');
      await t.db.query(`INSERT INTO job_runs (job, municipality_id, run_key, status, started_at) VALUES ($1, $2, '2026-11-16..2026-11-29', 'running', $3)`, [JOB, FX.alingsas, monday]);
      assert.deepEqual(await tick(t.db, later(monday, 30), OPTS), []);
      const taken = await tick(t.db, later(monday, 61), OPTS);
      assert.equal(taken.length, 1);
      assert.equal(taken[0].status, 'done');
      assert.deepEqual([taken[0].run.from, taken[0].run.to], ['2026-11-16', '2026-11-29']);
      assert.equal(taken[0].attempt, 2);
      assert.equal(await count(`situation_pictures WHERE municipality_id = $1 AND origin = 'scheduled'`, [FX.alingsas]), 2, 'the weekly and the fortnightly period');
    });
  });
}
