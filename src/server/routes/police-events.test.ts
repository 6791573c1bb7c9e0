import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testEngines } from '../../../test/support/db.ts';
import { countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { labelledFieldMessage } from '../../core/i18n/errors.ts';

const DATA = new URL('../../../../shared/data/polisen/', import.meta.url);
const ALINGSAS_FILE = readFileSync(new URL('polisen_events_alingsas_2022-09_2026-08.json', DATA));
/** The API's answer as recorded: the latest 500 events of all Sweden. */
const SNAPSHOT = readFileSync(new URL('polisen_api_events_snapshot_2026-08-22.json', DATA));

function multipart(field: string, filename: string, data: Buffer) {
  const boundary = '----lagesbild' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/json\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
const upload = (c: Client, data: Buffer, query = '', field = 'file') => {
  const m = multipart(field, 'handelser.json', data);
  return c.upload(`/api/police-events/import${query}`, m.payload, m.contentType);
};
const good = { id: 1, datetime: '2026-08-21 19:14:52 +02:00', name: '21 augusti 19.14, Brand, Alingsås', summary: 's', url: '/u', type: 'Brand', location: { name: 'Alingsås', gps: '57.930021,12.536211' } };

for (const engine of testEngines()) {
  describe(`uploading Polisen's events on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, vcoord: Client, admin: Client;
    before(async () => {
      t = await startTestApp(engine);
      [coord, vcoord, admin] = await Promise.all([t.as('coordinator'), t.as('vargardaCoordinator'), t.as('admin')]);
    });
    after(() => t.close());

    test('the Alingsås file: every event is Alingsås\'s, stored once; the same file again adds nothing', async () => {
      const res = await upload(coord, ALINGSAS_FILE);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { read: 121, municipalities: [{ municipalityId: FX.alingsas, name: 'Alingsås', events: 121, new: 121, alreadyHeld: 0 }], notStored: 0, outside: 0 });
      const again = await upload(coord, ALINGSAS_FILE);
      assert.deepEqual(again.json().municipalities, [{ municipalityId: FX.alingsas, name: 'Alingsås', events: 121, new: 0, alreadyHeld: 121 }]);
      assert.equal(await countRows(t, 'police_events'), 121);
      const audit = await t.db.query<{ details: { new: number } }>(`SELECT details FROM audit_log WHERE action = 'policeEvents.import' ORDER BY id`);
      assert.deepEqual(audit.rows.map((r) => r.details.new), [121, 0]);
    });

    test('the API\'s answer for all Sweden is split: each municipality keeps its own and the county-wide events, the rest is dropped', async () => {
      const a = (await upload(coord, SNAPSHOT, `?municipality=${FX.alingsas}`)).json();
      // One event named for Alingsås (in the Alingsås file too) and 17 for the whole of Västra Götaland; nothing of Vårgårda's own.
      assert.deepEqual(a, { read: 500, municipalities: [{ municipalityId: FX.alingsas, name: 'Alingsås', events: 18, new: 17, alreadyHeld: 1 }], notStored: 0, outside: 482 });
      const v = (await upload(vcoord, SNAPSHOT)).json();
      assert.deepEqual(v, { read: 500, municipalities: [{ municipalityId: FX.vargarda, name: 'Vårgårda', events: 17, new: 17, alreadyHeld: 0 }], notStored: 1, outside: 482 });
      const held = await t.db.query<{ m: string; n: number }>('SELECT municipality_id AS m, count(*)::int AS n FROM police_events GROUP BY 1 ORDER BY 1');
      assert.deepEqual(held.rows, [{ m: FX.vargarda, n: 17 }, { m: FX.alingsas, n: 138 }]);
    });

    test('who may: coordinators and administrators, each in their own municipalities', async () => {
      assert.equal((await upload(admin, Buffer.from('[]'))).statusCode, 200);
      for (const who of ['reporter', 'viewer', 'areaGroup'] as const) assert.equal((await upload(await t.as(who), ALINGSAS_FILE)).statusCode, 403, who);
      assert.equal((await upload(coord, ALINGSAS_FILE, `?municipality=${FX.vargarda}`)).statusCode, 403, 'not the coordinator\'s municipality');
      assert.equal((await t.anonymous().upload('/api/police-events/import', Buffer.from('x'), 'multipart/form-data; boundary=x')).statusCode, 401);
    });

    test('a bad file is a 422 that names the event and the field, and nothing of it is stored', async () => {
      const before = await countRows(t, 'police_events');
      const error = async (data: Buffer) => {
        const res = await upload(coord, data);
        assert.equal(res.statusCode, 422, res.body);
        return res.json().error.fields[0] as { field: string; code: string; message: string; params?: Record<string, unknown> };
      };
      assert.deepEqual(await error(Buffer.from('<html>inte json</html>')), { field: 'file', code: 'invalid_json', label: 'Fil', message: 'Fil: innehållet är inte giltig JSON och kunde inte läsas.' });
      assert.deepEqual((await error(Buffer.from('[{"id": 1,}]'))).params, { position: 11 }, 'where the parser stopped');
      assert.equal((await error(Buffer.from(''))).code, 'invalid_json', 'an empty file');
      assert.deepEqual(await error(Buffer.from('{"events": []}')), { field: 'file', code: 'type', params: { expected: 'array' }, label: 'Fil', message: 'Fil: ange en lista.' });
      // A good event first: the file is all or nothing.
      const third = await error(Buffer.from(JSON.stringify([{ ...good, id: 990001 }, { ...good, id: 990002 }, { ...good, id: 990003, datetime: '2026-08-21T19:14:52Z' }])));
      assert.equal(third.field, 'events[2].datetime');
      assert.equal(third.message, 'Tidpunkt (händelse 3): ange tiden som polisen skriver den, t.ex. 2026-08-22 9:48:12 +02:00.');
      assert.equal((await error(Buffer.from(JSON.stringify([good, { ...good, id: 'x' }])))).field, 'events[1].id');
      assert.equal((await error(Buffer.from(JSON.stringify([{ ...good, type: '' }])))).message, 'Typ (händelse 1): fältet måste fyllas i.');
      assert.equal((await error(Buffer.from(JSON.stringify([{ ...good, location: { name: 'Alingsås', gps: '0,0' } }])))).message, 'Position (händelse 1): koordinaten ligger utanför Sverige i WGS 84.');
      assert.equal((await error(Buffer.from(JSON.stringify([null])))).field, 'events[0]');
      assert.equal(await countRows(t, 'police_events'), before, 'nothing stored');
      // In English for an English caller.
      assert.equal(labelledFieldMessage('en', { field: 'events[2].datetime', code: 'format', params: { format: 'ÅÅÅÅ-MM-DD t:mm:ss +hh:mm' } }),
        'Time (event 3): give the time as the police write it, e.g. 2026-08-22 9:48:12 +02:00.');
    });

    test('no file, or another field: the file is asked for', async () => {
      const wrong = await upload(coord, ALINGSAS_FILE, '', 'photo');
      assert.equal(wrong.statusCode, 422);
      assert.equal(wrong.json().error.fields[0].field, 'file');
      const json = await coord.post('/api/police-events/import', []);
      assert.equal(json.statusCode, 422);
      assert.equal(json.json().error.fields[0].field, 'file');
    });

    test('the status: events held and the newest per municipality, and a poller that is off', async () => {
      const res = await coord.get('/api/police-events/status');
      assert.equal(res.statusCode, 200, res.body);
      const s = res.json();
      assert.deepEqual(s.municipalities, [{ municipalityId: FX.alingsas, name: 'Alingsås', held: 138, newest: '2026-08-22T05:12:41.000Z' }]);
      assert.equal(s.poller.state, 'off');
      assert.equal(s.poller.enabledHere, false);
      assert.equal(s.poller.callsLastDay, 0);
      assert.deepEqual([s.poller.perHour, s.poller.perDay, s.poller.minSpacingS], [60, 1440, 10]);
      assert.equal((await (await t.as('viewer')).get('/api/police-events/status')).statusCode, 403);
    });
  });
}
