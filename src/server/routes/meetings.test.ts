import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { addDays, stockholmDay } from '../../core/measures/follow-up.ts';

const TODAY = stockholmDay(new Date());

for (const engine of testEngines({ citus: true })) {
  describe(`meetings API on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, group: Client, viewer: Client;
    let areaId: string, editionId: string, placeId: string;

    before(async () => {
      t = await startTestApp(engine);
      [coord, group, viewer] = await Promise.all([t.as('coordinator'), t.as('areaGroup'), t.as('viewer')]);
      const { lon, lat } = POINTS.alingsasCentrum;
      areaId = (await t.db.query<{ id: string }>(
        `INSERT INTO areas (municipality_id, kind, name, geom) VALUES ('1489', 'area_group', 'Centrum',
           ST_Multi(ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3006), 1000))) RETURNING id`, [lon, lat])).rows[0].id;
      placeId = (await coord.post('/api/places', { name: 'Torget', geometry: { type: 'Point', coordinates: [lon, lat] } })).json().id;
      const content = {
        hotspots: { cellSize: 250, distance: 500, note: null, cells: [{ cellId: '250:1:2', col: 1, row: 2, x: 0, y: 0, lon, lat, count: 12, z: 3.1, p: 0.002, bin: 3, emerging: 'New Hot Spot', placeName: 'Torget' }] },
        byCategory: [], byArea: [],
      };
      editionId = (await t.db.query<{ id: string }>(
        `INSERT INTO situation_pictures (municipality_id, series_id, area_id, title, period_from, period_to, content, status, published_at, status_levels)
         VALUES ('1489', gen_random_uuid(), $1, 'Lägesbild Centrum', now() - interval '28 days', now(), $2::jsonb, 'published', now(), $3::jsonb) RETURNING id`,
        [areaId, JSON.stringify(content), JSON.stringify([{ kind: 'place', id: placeId, name: 'Torget', level: 'red', comment: 'Oro kvällstid' }])])).rows[0].id;
    });
    after(() => t.close());

    const heldAt = `${TODAY}T16:00:00+01:00`;

    test('a meeting gets a default title, the latest published edition and an agenda from it', async () => {
      const res = await coord.post('/api/meetings', { heldAt, areaId, participants: [{ organisationId: FX.orgs.polisen, name: 'Per Polis' }, { organisationId: FX.orgs.alingsashem, present: false }] });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json();
      assert.equal(m.title, `Områdesgruppsmöte Centrum ${TODAY}`);
      assert.equal(m.situationPictureId, editionId);
      assert.equal(m.areaName, 'Centrum');
      assert.deepEqual(m.participants.map((p: any) => [p.organisationName, p.name, p.present]), [['Polisen lokalpolisområde Alingsås', 'Per Polis', true], ['Alingsåshem', null, false]]);
      assert.deepEqual(m.agenda.map((a: any) => a.kind), ['new-hotspot', 'red-status']);
      assert.equal(m.agenda[0].title, 'Ny hotspot: Torget');
      assert.deepEqual((await viewer.get('/api/meetings')).json().items.map((x: any) => x.id), [m.id]);
    });

    test('bad input is named by field and stores nothing', async () => {
      const n = await countRows(t, 'meetings');
      const bad = await coord.post('/api/meetings', { heldAt: 'i morgon', areaId: crypto.randomUUID(), participants: [{ organisationId: FX.orgs.kommun }, { organisationId: FX.orgs.vargardaKommun }] });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().error.fields.map((f: any) => [f.field, f.code]).sort(), [['areaId', 'unknown_reference'], ['heldAt', 'format'], ['participants[1].organisationId', 'unknown_reference']]);
      assert.equal((await coord.post('/api/meetings', {})).json().error.fields[0].field, 'heldAt');
      assert.equal((await viewer.post('/api/meetings', { heldAt })).statusCode, 403);
      assert.equal(await countRows(t, 'meetings'), n);
    });

    test('a decision and its measure are stored together or not at all', async () => {
      const m = (await coord.post('/api/meetings', { heldAt, title: 'Möte om torget' })).json();
      const [decisions, measures] = [await countRows(t, 'meeting_decisions'), await countRows(t, 'measures')];
      const measure = { type: 'belysning', term: 'long', title: 'Belysning på torget', placeId, plannedEnd: addDays(TODAY, 10) };
      const noOwner = await group.post(`/api/meetings/${m.id}/decisions`, { text: 'Torget ska lysas upp', agendaItem: m.agenda[0]?.id, measure });
      assert.equal(noOwner.statusCode, 422, noOwner.body);
      assert.deepEqual(noOwner.json().error.fields.map((f: any) => [f.field, f.code]), [['measure.organisationId', 'required']]);
      const badDates = await group.post(`/api/meetings/${m.id}/decisions`, { text: 'x', measure: { ...measure, organisationId: FX.orgs.kommun, plannedStart: addDays(TODAY, 20) } });
      assert.equal(badDates.json().error.fields[0].field, 'measure.plannedEnd');
      assert.equal(await countRows(t, 'meeting_decisions'), decisions);
      assert.equal(await countRows(t, 'measures'), measures);

      const ok = await group.post(`/api/meetings/${m.id}/decisions`, { text: 'Torget ska lysas upp', organisationId: FX.orgs.alingsashem, measure });
      assert.equal(ok.statusCode, 201, ok.body);
      const d = ok.json();
      assert.equal(d.organisationName, 'Alingsåshem');
      assert.equal(d.due, measure.plannedEnd);
      assert.equal(d.measure.organisationId, FX.orgs.alingsashem, 'the measure takes the decision\'s owner');
      assert.equal(d.measure.meetingId, m.id);
      assert.equal(d.measureId, d.measure.id);
      const plain = await coord.post(`/api/meetings/${m.id}/decisions`, { text: 'Nästa möte i januari' });
      assert.equal(plain.statusCode, 201);
      assert.equal(plain.json().measure, null);
      const full = (await viewer.get(`/api/meetings/${m.id}`)).json();
      assert.deepEqual(full.decisions.map((x: any) => x.text), ['Torget ska lysas upp', 'Nästa möte i januari']);
      assert.equal(full.decisions[0].measure.title, 'Belysning på torget');
      assert.equal((await viewer.post(`/api/meetings/${m.id}/decisions`, { text: 'x' })).statusCode, 403);
      assert.equal((await coord.post(`/api/meetings/${m.id}/decisions`, { text: 'x', agendaItem: 'nope' })).json().error.fields[0].field, 'agendaItem');

      // The next meeting follows up the decision and the measure that is due.
      const next = (await coord.post('/api/meetings', { heldAt: `${addDays(TODAY, 1)}T16:00:00+01:00`, situationPictureId: editionId })).json();
      const kinds = next.agenda.map((a: any) => [a.kind, a.ref?.id]);
      assert.ok(kinds.some(([k, id]: any) => k === 'follow-up-decision' && id === d.id), JSON.stringify(kinds));
      assert.ok(kinds.some(([k, id]: any) => k === 'measure-due' && id === d.measure.id), JSON.stringify(kinds));
    });

    test('minutes: edited with the row version, exported as escaped HTML and as Markdown', async () => {
      const m = (await coord.post('/api/meetings', { heldAt, title: 'Möte <b>1</b>', participants: [{ organisationId: FX.orgs.polisen, name: '<script>alert(1)</script>' }] })).json();
      await coord.post(`/api/meetings/${m.id}/decisions`, { text: 'Klotter tas bort inom en vecka & följs upp', measure: { type: 'klotterborttagning', term: 'short', title: 'Sanering', placeId, organisationId: FX.orgs.alingsashem } });
      const stale = await coord.patch(`/api/meetings/${m.id}`, { rowVersion: 5, minutes: 'x' });
      assert.equal(stale.statusCode, 409);
      const edited = await coord.patch(`/api/meetings/${m.id}`, { rowVersion: 1, minutes: 'Genomgång av lägesbilden.\n\n<img src=x onerror=alert(1)>', status: 'held' });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().rowVersion, 2);
      assert.equal((await group.patch(`/api/meetings/${m.id}`, { rowVersion: 2, minutes: 'y' })).statusCode, 403);
      const html = await viewer.get(`/api/meetings/${m.id}/minutes?format=html`);
      assert.equal(html.statusCode, 200);
      assert.match(html.headers['content-type'] as string, /text\/html/);
      assert.ok(!html.body.includes('<script>') && !html.body.includes('<img') && !html.body.includes('<b>1'), 'user text is escaped');
      for (const s of ['Möte &lt;b&gt;1&lt;/b&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;', 'Polisen lokalpolisområde Alingsås', 'Klotter tas bort inom en vecka &amp; följs upp', 'Ansvarig: Alingsåshem', 'Klotterborttagning: Sanering', 'Genomgång av lägesbilden.']) {
        assert.ok(html.body.includes(s), s);
      }
      const md = await viewer.get(`/api/meetings/${m.id}/minutes?format=md`);
      assert.match(md.headers['content-type'] as string, /text\/markdown/);
      assert.match(md.body, /^# Möte &lt;b>1&lt;\/b>/);
      assert.match(md.body, /## Beslut\n\n1\. Klotter tas bort inom en vecka & följs upp\n   - Ansvarig: Alingsåshem/);
      assert.equal((await viewer.get(`/api/meetings/${crypto.randomUUID()}/minutes`)).statusCode, 404);
    });
  });
}
