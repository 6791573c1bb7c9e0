import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { ManualTime, startPolisenReplay, type PolisenReplay } from '../../test/support/polisen.ts';
import { FX } from '../../test/support/fixtures.ts';
import { openPostgres } from '../db/postgres.ts';
import { buildApp } from '../server/app.ts';
import { readPollerState, resumePolling } from '../db/repositories/police-poller.ts';
import { policeEventsStatus } from './police-events.ts';
import { startPolicePoller, type PassOutcome, type PolicePoller, type PolicePollerOptions } from './police-poller.ts';

const START = new Date('2026-08-22T12:00:00Z');
const CONTACT = 'it@alingsas.test';
const USER_AGENT = 'Lagesbild/0.1.0 (deployment lagesbild.alingsas.test, municipalities 1442 1489; contact it@alingsas.test)';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const coordinator = { userId: FX.users.coordinator.id, organisationId: FX.orgs.kommun, municipalityId: FX.alingsas, municipalities: [FX.alingsas], roles: ['coordinator' as const] };

for (const engine of testEngines()) {
  describe(`the police poller against a local replay of polisen.se on ${engine}`, () => {
    let t: TestDatabase;
    let replay: PolisenReplay;
    let time: ManualTime;
    let poller: PolicePoller | null = null;
    before(async () => {
      t = await createTestDatabase(engine);
      replay = await startPolisenReplay();
    });
    after(async () => {
      await replay.close();
      await t.drop();
    });
    beforeEach(async () => {
      await t.db.exec('DELETE FROM police_poller_calls; DELETE FROM police_poller; DELETE FROM police_events');
      replay.requests.length = 0;
      replay.answer = { file: 'polisen_api_events_snapshot_2026-08-22.json' };
      time = new ManualTime(START);
    });
    afterEach(async () => { await poller?.stop(); poller = null; });

    const start = (o: Partial<PolicePollerOptions> = {}) => {
      poller = startPolicePoller(t.db, {
        baseUrl: replay.url, contact: CONTACT, deployment: 'lagesbild.alingsas.test', version: '0.1.0', intervalMs: 300_000, firstDelayMs: 0,
        log: quiet, clock: time.clock, timers: time, ...o,
      });
      return poller;
    };
    const calls = async () => (await t.db.query<{ at: Date; status: number | null }>('SELECT at, status FROM police_poller_calls ORDER BY at')).rows
      .map((r) => ({ at: new Date(r.at).getTime() - START.getTime(), status: r.status }));
    const held = async () => (await t.db.query<{ m: string; n: number }>('SELECT municipality_id AS m, count(*)::int AS n FROM police_events GROUP BY 1 ORDER BY 1')).rows;

    test('refuses to start without a contact, saying what is missing', () => {
      assert.throws(() => start({ contact: ' ' }), /LAGESBILD_POLICE_CONTACT saknas/);
      assert.equal(time.pending.size, 0, 'no timer set');
    });

    test('calls /api/events with a User-Agent naming the deployment and the contact, and splits the answer by municipality', async () => {
      start();
      assert.deepEqual(time.delays, [0]);
      await time.next();
      assert.equal(replay.requests.length, 1);
      assert.equal(replay.requests[0].path, '/api/events');
      assert.equal(replay.requests[0].headers['user-agent'], USER_AGENT);
      // One event named for Alingsås, 17 for the whole county (both municipalities), the other 482 dropped.
      assert.deepEqual(await held(), [{ m: FX.vargarda, n: 17 }, { m: FX.alingsas, n: 18 }]);
      const s = await readPollerState(t.db);
      assert.equal(s.lastReceived, 500);
      assert.equal(s.lastNew, 35);
      assert.equal(new Date(s.lastSuccessAt!).getTime(), START.getTime());
      assert.deepEqual(time.delays, [0, 300_000], 'the next call after the interval');
      // The same answer again: nothing new.
      await time.next();
      assert.equal(replay.requests.length, 2);
      assert.equal((await readPollerState(t.db)).lastNew, 0);
      assert.deepEqual(await calls(), [{ at: 0, status: 200 }, { at: 300_000, status: 200 }]);
      const status = await policeEventsStatus(t.db, coordinator, { enabled: true, refused: null }, undefined, time.clock());
      assert.equal(status.poller.state, 'active');
      assert.equal(status.poller.callsLastHour, 2);
      assert.deepEqual(status.municipalities.map((m) => [m.name, m.held]), [['Alingsås', 18]]);
    });

    test('at least 10 seconds between calls and at most 60 an hour, however short the interval', async () => {
      // An interval no configuration allows (src/cli/config.ts keeps it at a minute or more).
      start({ intervalMs: 1_000 });
      while (replay.requests.length < 60) await time.next();
      const made = await calls();
      assert.equal(made.length, 60);
      assert.deepEqual(made.map((c) => c.at), Array.from({ length: 60 }, (_, i) => i * 10_000), 'one call every 10 s, never sooner');
      // The 61st waits until the first of the hour is an hour old.
      const outcome = await poller!.pass();
      assert.deepEqual(outcome, { kind: 'waiting', until: new Date(START.getTime() + 3_600_000), reason: 'hour' } satisfies PassOutcome);
      const before = replay.requests.length;
      while (time.nextAt() < START.getTime() + 3_600_000) await time.next();
      assert.equal(replay.requests.length, before, 'no call within the hour');
      assert.equal(time.nextAt(), START.getTime() + 3_600_000, 'the poller set its timer for the moment the budget allows');
      await time.next();
      assert.equal(replay.requests.length, 61);
      assert.equal((await calls()).at(-1)!.at, 3_600_000);
    });

    test('at most 1,440 calls a day, counted in the database whoever made them', async () => {
      // The last day's calls of earlier processes (twice a minute from 23 to about 11 hours ago).
      await t.db.query(
        `INSERT INTO police_poller_calls (at, holder, status) SELECT $1::timestamptz - interval '23 hours' + i * interval '30 seconds', 'earlier', 200 FROM generate_series(0, 1439) AS i`, [START]);
      start();
      await time.next();
      assert.equal(replay.requests.length, 0, 'the day\'s budget is spent');
      assert.equal(time.now, START.getTime());
      // Free again when the first of them is a day old: 23 hours ago + a day.
      await time.next();
      assert.equal(time.now, START.getTime() + 3_600_000);
      assert.equal(replay.requests.length, 1);
    });

    test('a 404 stops polling for good, also after a restart, until it is resumed', async () => {
      replay.answer = { status: 404 };
      start();
      await time.next();
      assert.equal(replay.requests.length, 1);
      const s = await readPollerState(t.db);
      assert.match(s.stopReason!, /svarade 404/);
      replay.answer = { file: 'polisen_api_events_snapshot_2026-08-22.json' };
      for (let i = 0; i < 3; i++) await time.next();
      assert.equal(replay.requests.length, 1, 'no call after the 404');
      await poller!.stop();
      start();
      await time.next();
      assert.equal(replay.requests.length, 1, 'nor after a restart');
      const status = await policeEventsStatus(t.db, coordinator, { enabled: true, refused: null }, undefined, time.clock());
      assert.equal(status.poller.state, 'stopped');
      assert.match(status.poller.stopReason!, /404/);
      assert.equal(await resumePolling(t.db), true);
      await time.next();
      assert.equal(replay.requests.length, 2, 'resumed');
      assert.equal((await readPollerState(t.db)).stoppedAt, null);
    });

    test('an error answer or a payload that is not Polisen\'s is recorded, stores nothing, and polling goes on', async () => {
      replay.answer = { status: 503 };
      start();
      await time.next();
      assert.match((await readPollerState(t.db)).lastError!, /\/api\/events: HTTP 503$/);
      replay.answer = { status: 200, body: '<html>underhåll</html>' };
      await time.next();
      assert.match((await readPollerState(t.db)).lastError!, /inte giltig JSON/);
      assert.deepEqual(await held(), []);
      replay.answer = { file: 'polisen_api_events_snapshot_2026-08-22.json' };
      await time.next();
      const s = await readPollerState(t.db);
      assert.equal(s.lastError, null);
      assert.equal(s.lastReceived, 500);
      assert.deepEqual((await calls()).map((c) => c.status), [503, 200, 200]);
    });

    test('the log gets one line per change of state, not one per pass', async () => {
      const warned: string[] = [];
      replay.answer = { status: 503 };
      start({ intervalMs: 60_000, log: { ...quiet, warn: (m) => warned.push(m) } });
      await time.next();
      await time.next();
      assert.equal(warned.length, 1, 'the same error twice is told once');
      replay.answer = { file: 'polisen_api_events_snapshot_2026-08-22.json' };
      await time.next();
      await time.next();
      replay.answer = { status: 503 };
      await time.next();
      assert.deepEqual(warned.map((w) => w.replace(replay.url, 'URL')), ['polishändelser kunde inte hämtas: URL/api/events: HTTP 503', 'polishändelser kunde inte hämtas: URL/api/events: HTTP 503']);
    });

    if (engine === 'postgres') {
      test('two app instances on one database: one polls, the other takes over when it stops', async () => {
        const url = t.location.databaseUrl!;
        const dbs = [await openPostgres(url), await openPostgres(url)];
        // The second starts a second later, so the first is the one that polls.
        const apps = await Promise.all(dbs.map((db, k) => buildApp({
          db, logger: false, rollupApplier: false, webRoot: false,
          policePoll: { baseUrl: replay.url, contact: CONTACT, deployment: null, intervalMs: 300_000, firstDelayMs: k * 1_000, clock: time.clock, timers: time },
        })));
        try {
          await Promise.all(apps.map((a) => a.ready()));
          assert.equal(time.pending.size, 2, 'each instance set its timer');
          // Three intervals: each instance passes three times, one of them calls.
          for (let i = 0; i < 6; i++) await time.next();
          assert.equal(time.now, START.getTime() + 601_000);
          assert.equal(replay.requests.length, 3, 'one call per interval, not two');
          const holders = async () => (await t.db.query<{ holder: string }>('SELECT DISTINCT holder FROM police_poller_calls')).rows.length;
          assert.equal(await holders(), 1, 'always the same instance');
          // The polling instance stops and gives its lease up: the other polls at its next pass.
          await apps[0].close();
          await time.next();
          assert.equal(replay.requests.length, 4);
          assert.equal(await holders(), 2, 'the other instance took over');
        } finally {
          for (const a of apps) await a.close();
          for (const db of dbs) await db.close().catch(() => undefined);
        }
      });
    }
  });
}
