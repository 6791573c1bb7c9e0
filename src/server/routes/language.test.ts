/**
 * Issue 12 item 13 over HTTP: a meeting's generated agenda is stored as kind + params and read in the
 * caller's language (Accept-Language); the minutes and the documents follow `?lang=` (a link from the
 * web app passes the UI language) or else Accept-Language.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { transform } from '../../core/geo/index.ts';
import { addDays, stockholmDay } from '../../core/measures/follow-up.ts';

const TODAY = stockholmDay(new Date());
const EN = { 'accept-language': 'en-GB,en;q=0.9' };
const SV = { 'accept-language': 'sv-SE' };

for (const engine of testEngines()) {
  describe(`languages of agendas, minutes and documents on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    let areaId: string, placeId: string;

    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      const { lon, lat } = POINTS.alingsasCentrum;
      areaId = (await t.db.query<{ id: string }>(
        `INSERT INTO areas (municipality_id, kind, name, geom) VALUES ('1489', 'area_group', 'Centrum',
           ST_Multi(ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3006), 1000))) RETURNING id`, [lon, lat])).rows[0].id;
      placeId = (await coord.post('/api/places', { name: 'Torget', geometry: { type: 'Point', coordinates: [lon, lat] } })).json().id;
      const content = {
        hotspots: { cellSize: 250, distance: 500, note: null, cells: [{ cellId: '250:1:2', col: 1, row: 2, x: 0, y: 0, lon, lat, count: 12, z: 3.1, p: 0.002, bin: 3, emerging: 'Intensifying Hot Spot', placeName: 'Torget' }] },
        byCategory: [], byArea: [],
      };
      await t.db.query(
        `INSERT INTO situation_pictures (municipality_id, series_id, area_id, title, period_from, period_to, content, status, published_at, status_levels)
         VALUES ('1489', gen_random_uuid(), $1, 'Lägesbild Centrum', now() - interval '28 days', now(), $2::jsonb, 'published', now(), $3::jsonb)`,
        [areaId, JSON.stringify(content), JSON.stringify([{ kind: 'place', id: placeId, name: 'Torget', level: 'red', comment: '' }])]);
      const [cx, cy] = transform(4326, 3006, lon, lat);
      await insertIncidents(t, Array.from({ length: 12 }, (_, k) => ({ categoryCode: 'nedskrapning', e: cx + k * 20, n: cy, at: new Date(Date.now() - (2 + k) * 86_400_000), org: 'kommun' as const, placeName: 'Torget' })));
    });
    after(() => t.close());

    test('the agenda is read in the caller\'s language; sent back unchanged it stays bilingual, edited it keeps its text', async () => {
      const created = await coord.post('/api/meetings', { heldAt: `${TODAY}T16:00:00+01:00`, areaId }, EN);
      assert.equal(created.statusCode, 201, created.body);
      const m = created.json();
      assert.match(m.title, /^Area group meeting Centrum \d{1,2} [A-Z][a-z]{2} \d{4}$/, 'a default title in the creator\'s language');
      await coord.post(`/api/meetings/${m.id}/decisions`, { text: 'Torget ska lysas upp', organisationId: FX.orgs.alingsashem, due: addDays(TODAY, 3), agendaItem: m.agenda[0].id });
      const en = (await coord.get(`/api/meetings/${m.id}`, EN)).json();
      assert.deepEqual(en.agenda.map((a: any) => a.title), ['Intensifying hotspot: Torget', 'Red level: Torget']);
      assert.equal(en.agenda[1].detail, 'Status level red in the situation picture.');
      assert.ok(en.agenda.every((a: any) => !('params' in a)));
      const sv = (await coord.get(`/api/meetings/${m.id}`, SV)).json();
      assert.deepEqual(sv.agenda.map((a: any) => a.title), ['Intensifierande hotspot: Torget', 'Röd nivå: Torget']);

      // The English agenda sent back with one item rewritten: the other stays generated.
      const back = en.agenda.map((a: any, i: number) => (i === 1 ? { ...a, title: 'Talk about the square' } : a));
      const patched = await coord.patch(`/api/meetings/${m.id}`, { rowVersion: en.rowVersion, agenda: back }, SV);
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual(patched.json().agenda.map((a: any) => a.title), ['Intensifierande hotspot: Torget', 'Talk about the square']);

      // Minutes: ?lang= wins; without it, Accept-Language.
      const minutesEn = await coord.get(`/api/meetings/${m.id}/minutes?format=html&lang=en`, SV);
      assert.match(minutesEn.body, /<html lang="en">/);
      for (const s of ['<h2>Agenda</h2>', 'Intensifying hotspot: Torget', '<h2>Decisions</h2>', 'Item 1. Intensifying hotspot: Torget', 'Due: ']) assert.ok(minutesEn.body.includes(s), s);
      assert.doesNotMatch(minutesEn.body, /Dagordning|Beslut|Ansvarig|\d{4}-\d{2}-\d{2}/);
      assert.equal(minutesEn.headers['content-language'], 'en');
      const minutesMd = await coord.get(`/api/meetings/${m.id}/minutes?format=md`, EN);
      assert.match(minutesMd.body, /## Agenda\n\n1\. \*\*Intensifying hotspot: Torget\*\*/);
      const minutesSv = await coord.get(`/api/meetings/${m.id}/minutes?format=md&lang=sv`, EN);
      assert.match(minutesSv.body, /## Dagordning\n\n1\. \*\*Intensifierande hotspot: Torget\*\*/);
      assert.equal((await coord.get(`/api/meetings/${m.id}/minutes?lang=de`)).statusCode, 422);
    });

    test('an edition\'s document in English: ?lang=en, or the caller\'s Accept-Language', async () => {
      const from = addDays(TODAY, -28), to = addDays(TODAY, -1);
      const sp = await coord.post('/api/situation-pictures', { from, to, title: 'Lägesbild centrum' });
      assert.equal(sp.statusCode, 201, sp.body);
      const id = sp.json().id;
      const html = await coord.get(`/api/situation-pictures/${id}/document?format=html&lang=en`, SV);
      assert.equal(html.statusCode, 200, html.body);
      assert.match(html.body, /<html lang="en">/);
      assert.match(html.body, /<h2>Key figures<\/h2>/);
      assert.match(html.body, /DRAFT/);
      assert.ok(!/Nyckeltal|händelser|\b\d{4}-\d{2}-\d{2}\b/.test(html.body.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<svg[\s\S]*?<\/svg>/g, '')), 'no Swedish wording and no ISO dates');
      assert.equal(html.headers['content-language'], 'en');
      const byHeader = await coord.get(`/api/situation-pictures/${id}/document?format=html`, EN);
      assert.match(byHeader.body, /<html lang="en">/);
      const swedish = await coord.get(`/api/situation-pictures/${id}/document?format=html`, SV);
      assert.match(swedish.body, /<h2>Nyckeltal<\/h2>/);
      const audit = await t.db.query<{ details: { lang: string } }>(`SELECT details FROM audit_log WHERE action = 'document.export' AND subject_id = $1 ORDER BY id`, [id]);
      assert.deepEqual(audit.rows.map((r) => r.details.lang), ['en', 'en', 'sv']);
    });
  });
}
