import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';

for (const engine of testEngines()) {
  describe(`schedule setting API on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    const stored = async () => (await t.db.query<{ s: unknown }>(`SELECT settings->'situationPictureSchedule' AS s FROM municipalities WHERE id = $1`, [FX.alingsas])).rows[0].s;
    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
    });
    after(() => t.close());

    test('off by default; a coordinator sets it, normalised, audited; an admin may too', async () => {
      const initial = await coord.get('/api/settings/schedule');
      assert.equal(initial.statusCode, 200, initial.body);
      assert.deepEqual(initial.json(), { cadence: 'off', weekday: 1, notify: [] });
      const put = await coord.put('/api/settings/schedule', { cadence: 'weekly', weekday: 3, notify: [' Polis.Alingsas@Polisen.test ', 'polis.alingsas@polisen.test', 'trygghet@alingsas.test'] });
      assert.equal(put.statusCode, 200, put.body);
      const expected = { cadence: 'weekly', weekday: 3, notify: ['polis.alingsas@polisen.test', 'trygghet@alingsas.test'] };
      assert.deepEqual(put.json(), expected);
      assert.deepEqual((await coord.get('/api/settings/schedule')).json(), expected);
      assert.deepEqual(await stored(), expected);
      const audit = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings.schedule' AND user_id = $1`, [FX.users.coordinator.id]);
      assert.equal(audit.rows[0].n, 1);
      const admin = await t.as('admin');
      const byAdmin = await admin.put('/api/settings/schedule', { cadence: 'fortnightly', weekday: 1, notify: ['trygghet@alingsas.test'] });
      assert.equal(byAdmin.statusCode, 200, byAdmin.body);
      assert.equal(((await stored()) as any).cadence, 'fortnightly');
      // The map setting beside it is untouched by the schedule and vice versa.
      const others = await t.db.query<{ keys: string[] }>(`SELECT array(SELECT jsonb_object_keys(settings)) AS keys FROM municipalities WHERE id = $1`, [FX.alingsas]);
      assert.ok(others.rows[0].keys.includes('situationPictureSchedule'));
    });

    test('weekday and notify may be left out: Monday and nobody else', async () => {
      const res = await coord.put('/api/settings/schedule', { cadence: 'off' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { cadence: 'off', weekday: 1, notify: [] });
    });

    test('bad input: 422 naming each field, in Swedish by default and English on request; nothing stored', async () => {
      await coord.put('/api/settings/schedule', { cadence: 'weekly', weekday: 2, notify: ['a@alingsas.test'] });
      const before = await stored();
      const auditBefore = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings.schedule'`)).rows[0].n;

      const badNotify = await coord.put('/api/settings/schedule', { cadence: 'weekly', weekday: 1, notify: ['ok@alingsas.test', 'ingen-snabel-a', 'två ord@x.se', 'x@y'] });
      assert.equal(badNotify.statusCode, 422, badNotify.body);
      const fields = badNotify.json().error.fields;
      assert.deepEqual(fields.map((f: any) => [f.field, f.code]), [['notify[1]', 'format'], ['notify[2]', 'format'], ['notify[3]', 'format']]);
      assert.equal(fields[0].message, 'E-post att meddela (rad 2): ange en e-postadress, t.ex. namn@kommun.se.');
      assert.match(badNotify.json().error.message, /Rätta fälten/);

      const badCadence = await coord.put('/api/settings/schedule', { cadence: 'monthly', weekday: 8 }, { 'accept-language': 'en' });
      assert.equal(badCadence.statusCode, 422);
      const f2 = badCadence.json().error.fields;
      assert.deepEqual(f2.map((f: any) => [f.field, f.code]).sort(), [['cadence', 'not_allowed_value'], ['weekday', 'too_large']]);
      assert.match(f2.find((f: any) => f.field === 'cadence').message, /Allowed: off, weekly, fortnightly/);

      for (const [body, field, code] of [
        [{ cadence: 'weekly', weekday: 0 }, 'weekday', 'too_small'],
        [{ cadence: 'weekly', weekday: 1.5 }, 'weekday', 'type'],
        [{ weekday: 1 }, 'cadence', 'required'],
        [{ cadence: 'weekly', notify: [1] }, 'notify[0]', 'format'],
        [{ cadence: 'weekly', notify: [{ email: 'a@b.se' }] }, 'notify[0]', 'type'],
        [{ cadence: 'weekly', hour: 6 }, 'hour', 'unknown_field'],
        [{ cadence: 'weekly', notify: Array.from({ length: 51 }, (_, i) => `p${i}@alingsas.test`) }, 'notify', 'too_many'],
      ] as const) {
        const res = await coord.put('/api/settings/schedule', body);
        assert.equal(res.statusCode, 422, `${JSON.stringify(body)}: ${res.body}`);
        assert.ok(res.json().error.fields.some((f: any) => f.field === field && f.code === code), `${JSON.stringify(body)} → ${JSON.stringify(res.json().error.fields)}`);
      }
      assert.deepEqual(await stored(), before);
      assert.equal((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings.schedule'`)).rows[0].n, auditBefore);
    });

    test('only coordinators and admins; a session and the CSRF token are required', async () => {
      const before = await stored();
      for (const user of ['viewer', 'areaGroup', 'reporter'] as const) {
        const c = await t.as(user);
        assert.equal((await c.get('/api/settings/schedule')).statusCode, 403, user);
        assert.equal((await c.put('/api/settings/schedule', { cadence: 'off' })).statusCode, 403, user);
      }
      assert.equal((await t.anonymous().get('/api/settings/schedule')).statusCode, 401);
      const noCsrf = await coord.put('/api/settings/schedule', { cadence: 'off' }, { 'x-csrf-token': '' });
      assert.equal(noCsrf.statusCode, 403);
      assert.deepEqual(await stored(), before);
    });
  });
}
