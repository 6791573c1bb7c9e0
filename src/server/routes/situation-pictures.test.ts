import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { countRows, insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { transform } from '../../core/geo/index.ts';
import { localDate } from '../../core/situation-picture/period.ts';
import { importPoliceEvents } from '../../io/polisen/events.ts';

const DAY = 86_400_000;
/** The last four whole weeks up to yesterday, as calendar days. */
const today = localDate(Date.now());
const day = (offset: number) => new Date(Date.parse(today + 'T12:00:00Z') + offset * DAY).toISOString().slice(0, 10);
const PERIOD = { from: day(-28), to: day(-1) };

const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
const [nx, ny] = transform(4326, 3006, POINTS.alingsasNolby.lon, POINTS.alingsasNolby.lat);

/** A small deterministic world: a cluster at the centre (this period), a few at Nolby (both periods). */
function incidents() {
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const rows: Parameters<typeof insertIncidents>[1] = [];
  const noon = (offset: number) => new Date(Date.parse(day(offset) + 'T12:00:00Z') + Math.floor(rnd() * 6) * 3_600_000);
  for (let k = 0; k < 60; k++) rows.push({ categoryCode: k % 3 ? 'skadegorelse.klotter' : 'nedskrapning', e: cx + rnd() * 200 - 100, n: cy + rnd() * 200 - 100, at: noon(-1 - (k % 28)), org: k % 2 ? 'alingsashem' : 'kommun', placeName: 'Stationen' });
  for (let k = 0; k < 10; k++) rows.push({ categoryCode: 'nedskrapning', e: nx + rnd() * 300, n: ny + rnd() * 300, at: noon(-1 - ((k * 3) % 28)), org: 'bevakning' });
  for (let k = 0; k < 15; k++) rows.push({ categoryCode: 'nedskrapning', e: nx + rnd() * 300, n: ny + rnd() * 300, at: noon(-29 - ((k * 2) % 28)), org: 'bevakning' });
  // Restricted police reports: only coordinators count them.
  for (let k = 0; k < 4; k++) rows.push({ categoryCode: 'skadegorelse.klotter', e: cx, n: cy, at: noon(-3), org: 'polisen', visibility: 'restricted' });
  return rows;
}

for (const engine of testEngines({ citus: true })) {
  describe(`lägesbild editions on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, group: Client, viewer: Client, reporter: Client;
    let districtId: string;
    before(async () => {
      t = await startTestApp(engine);
      [coord, group, viewer, reporter] = await Promise.all([t.as('coordinator'), t.as('areaGroup'), t.as('viewer'), t.as('reporter')]);
      await insertIncidents(t, incidents());
      const area = await coord.post('/api/areas', {
        kind: 'district', nameProperty: 'namn',
        geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { namn: 'Centrum' }, geometry: { type: 'Polygon', coordinates: [[[12.525, 57.925], [12.54, 57.925], [12.54, 57.935], [12.525, 57.935], [12.525, 57.925]]] } }] },
      });
      assert.equal(area.statusCode, 201, area.body);
      districtId = area.json()[0].id;
      await importPoliceEvents(t.db, FX.alingsas, [
        { id: 9001, publishedAt: new Date(Date.parse(day(-5) + 'T10:00:00Z')), type: 'Skadegörelse', name: 'Skadegörelse, Alingsås', summary: 'Klotter vid stationen.', url: '/x', locationName: 'Alingsås' },
        { id: 9002, publishedAt: new Date(Date.parse(day(-40) + 'T10:00:00Z')), type: 'Brand', name: 'Brand, Alingsås', summary: null, url: null, locationName: 'Västra Götalands län' },
      ]);
    });
    after(() => t.close());

    let draft: any;

    test('create for the last four weeks: content computed, totals as /api/stats says for the same filter', async () => {
      const t0 = Date.now();
      const res = await coord.post('/api/situation-pictures', PERIOD);
      assert.equal(res.statusCode, 201, res.body);
      console.log(`# ${engine}: edition over ${PERIOD.from}–${PERIOD.to} computed and stored in ${Date.now() - t0} ms`);
      draft = res.json();
      assert.equal(draft.status, 'draft');
      assert.equal(draft.version, 1);
      assert.equal(draft.seriesId, draft.id);
      assert.deepEqual(draft.period, { ...PERIOD, days: 28 });
      assert.match(draft.title, /^Lägesbild Alingsås \d/);
      const c = draft.content;
      assert.equal(c.totals.count, 74, 'all 70 normal and 4 restricted in the period');
      assert.equal(c.totals.previous.count, 15);
      assert.equal(c.totals.previous.significant, true);
      const stats = (await coord.get(`/api/stats?from=${encodeURIComponent(c.period.from)}&to=${encodeURIComponent(c.period.to)}`)).json();
      assert.equal(stats.total, c.totals.count);
      for (const s of stats.byCategory) assert.equal(c.byCategory.find((r: any) => r.id === s.id)?.count, s.count, s.code);
      assert.equal(c.byCategory.reduce((a: number, r: any) => a + r.count, 0), c.totals.count);
      assert.equal(c.byOrganisation.find((o: any) => o.id === FX.orgs.polisen)?.count, 4);
      assert.equal(c.weekly.length, 26);
      assert.equal(c.weekly.reduce((a: number, w: any) => a + w.count, 0), 89);
      assert.equal(c.hourWeekday.flat().reduce((a: number, b: number) => a + b, 0), 74);
      assert.equal(c.topPlaces[0].name, 'Stationen');
      assert.ok(c.hotspots.cells.length > 0, JSON.stringify(c.hotspots).slice(0, 300));
      assert.ok(c.hotspots.cells.every((h: any) => h.bin !== 0 && /^250:\d+:\d+$/.test(h.cellId)));
      assert.ok(c.hotspots.cells.some((h: any) => h.emerging !== null));
      assert.ok(c.nearRepeat, 'near repeat with 74 incidents');
      assert.equal(c.nearRepeat.iterations, 99);
      assert.ok(c.concentration.gini > 0 && c.concentration.gini <= 1);
      assert.equal(c.byArea.find((a: any) => a.id === districtId)?.count, 64);
      assert.equal(c.policeEvents.total, 1);
      assert.equal(c.policeEvents.previous, 1);
      assert.equal(c.policeEvents.items[0].summary, 'Klotter vid stationen.');
      assert.equal(c.points.length, 70, 'restricted reports are counted but not drawn');
      assert.equal(c.pointsTruncated, false);
      assert.ok(c.extent[0] < cx && cx < c.extent[2]);
    });

    test('an area edition counts only inside the area; a viewer sees no restricted reports when published', async () => {
      const res = await coord.post('/api/situation-pictures', { ...PERIOD, areaId: districtId, title: 'Centrum' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().content.totals.count, 64);
      assert.equal(res.json().areaName, 'Centrum');
      assert.equal(res.json().content.area.name, 'Centrum');
      assert.equal((await coord.delete(`/api/situation-pictures/${res.json().id}`)).statusCode, 204);
    });

    test('bad input names the field, in Swedish or English, and stores nothing', async () => {
      const before = await countRows(t, 'situation_pictures');
      const audit = await countRows(t, 'audit_log');
      const reversed = await coord.post('/api/situation-pictures', { from: '2026-11-08', to: '2026-11-01' });
      assert.equal(reversed.statusCode, 422);
      assert.deepEqual(reversed.json().error.fields.map((f: any) => [f.field, f.code]), [['to', 'period_reversed']]);
      assert.match(reversed.json().error.fields[0].message, /slutar innan den börjar/);
      const en = await coord.post('/api/situation-pictures', { from: '2026-11-08', to: '2026-11-01' }, { 'accept-language': 'en' });
      assert.match(en.json().error.fields[0].message, /ends before it starts/);
      const long = await coord.post('/api/situation-pictures', { from: '2024-01-01', to: '2026-01-01' });
      assert.deepEqual(long.json().error.fields.map((f: any) => [f.field, f.code]), [['to', 'period_too_long']]);
      const format = await coord.post('/api/situation-pictures', { from: '1 nov', to: '2026-11-01' });
      assert.deepEqual(format.json().error.fields.map((f: any) => [f.field, f.code]), [['from', 'format']]);
      const unknown = await coord.post('/api/situation-pictures', { ...PERIOD, areaId: crypto.randomUUID(), categoryIds: [crypto.randomUUID()], organisationIds: [FX.orgs.vargardaKommun] });
      assert.equal(unknown.statusCode, 422);
      assert.deepEqual(unknown.json().error.fields.map((f: any) => [f.field, f.code]), [['areaId', 'unknown_reference'], ['categoryIds[0]', 'unknown_reference'], ['organisationIds[0]', 'unknown_reference']]);
      const extra = await coord.post('/api/situation-pictures', { ...PERIOD, colour: 'red' });
      assert.equal(extra.json().error.fields[0].code, 'unknown_field');
      assert.equal(await countRows(t, 'situation_pictures'), before);
      assert.equal(await countRows(t, 'audit_log'), audit);
    });

    test('access: coordinators write; area groups read drafts; viewers and reporters see published only', async () => {
      for (const c of [group, viewer, reporter]) assert.equal((await c.post('/api/situation-pictures', PERIOD)).statusCode, 403);
      assert.equal((await group.get(`/api/situation-pictures/${draft.id}`)).statusCode, 200);
      assert.equal((await group.patch(`/api/situation-pictures/${draft.id}`, { rowVersion: draft.rowVersion, title: 'x' })).statusCode, 403);
      assert.equal((await viewer.get(`/api/situation-pictures/${draft.id}`)).statusCode, 404);
      assert.equal((await reporter.get(`/api/situation-pictures/${draft.id}`)).statusCode, 404);
      assert.ok((await group.get('/api/situation-pictures')).json().items.some((s: any) => s.id === draft.id));
      assert.equal((await viewer.get('/api/situation-pictures')).json().items.length, 0);
      const other = await t.as('vargardaCoordinator');
      assert.equal((await other.get(`/api/situation-pictures/${draft.id}`)).statusCode, 404);
      assert.equal((await t.anonymous().get('/api/situation-pictures')).statusCode, 401);
    });

    test('narrative and status levels: validated, stored, optimistic locking', async () => {
      const place = (await t.db.query<{ id: string }>(`INSERT INTO places (municipality_id, name, kind, geom) VALUES ('1489', 'Stationen', 'other', ST_SetSRID(ST_MakePoint($1, $2), 3006)) RETURNING id`, [cx, cy])).rows[0].id;
      const before = await countRows(t, 'audit_log');
      const bad = await coord.patch(`/api/situation-pictures/${draft.id}`, {
        rowVersion: draft.rowVersion,
        narrative: { summary: 'x'.repeat(10_001), problems: [{ title: '', priority: 0, placeId: crypto.randomUUID() }] },
        statusLevels: [{ kind: 'area', id: districtId, name: 'Centrum', level: 'purple' }, { kind: 'place', id: crypto.randomUUID(), level: 'red' }],
      });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().error.fields.map((f: any) => `${f.field} ${f.code}`).sort(), [
        'narrative.problems[0].placeId unknown_reference', 'narrative.problems[0].priority too_small', 'narrative.problems[0].title required',
        'narrative.summary too_long', 'statusLevels[0].level not_allowed_value', 'statusLevels[1].id unknown_reference',
      ]);
      assert.equal(await countRows(t, 'audit_log'), before);
      const narrative = {
        summary: 'Klottret vid stationen har ökat kraftigt sedan förra perioden och samlas kring gångtunneln.',
        problems: [{ title: 'Klotter vid stationen', priority: 1, placeId: place, categoryIds: [], offender: 'Ungdomar kvällstid', target: 'Fasader och tunnelväggar', place: 'Dålig belysning, ingen ägare', suggestedMeasures: 'Belysning, snabb sanering' }],
      };
      const ok = await coord.patch(`/api/situation-pictures/${draft.id}`, { rowVersion: draft.rowVersion, narrative, statusLevels: [{ kind: 'area', id: districtId, name: 'Centrum', level: 'red', comment: 'Ökning' }] });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().rowVersion, draft.rowVersion + 1);
      assert.equal(ok.json().narrative.problems[0].offender, 'Ungdomar kvällstid');
      assert.equal(ok.json().statusLevels[0].level, 'red');
      const stale = await coord.patch(`/api/situation-pictures/${draft.id}`, { rowVersion: draft.rowVersion, title: 'Gammal' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.fields[0].code, 'version_mismatch');
      draft = ok.json();
      const again = await coord.post(`/api/situation-pictures/${draft.id}/recompute`, { rowVersion: draft.rowVersion });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().content.totals.count, 74);
      draft = again.json();
    });

    test('publish: frozen in the API and in the database; reporters get their återkoppling', async () => {
      const notesBefore = await countRows(t, 'notifications');
      const res = await coord.post(`/api/situation-pictures/${draft.id}/publish`, { rowVersion: draft.rowVersion });
      assert.equal(res.statusCode, 200, res.body);
      const pub = res.json();
      assert.equal(pub.status, 'published');
      assert.ok(pub.publishedAt);
      const reporters = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE municipality_id = '1489' AND active AND 'reporter' = ANY(roles)`)).rows[0].n;
      assert.equal(await countRows(t, 'notifications'), notesBefore + reporters);

      for (const [method, url, body] of [
        ['patch', `/api/situation-pictures/${draft.id}`, { rowVersion: pub.rowVersion, title: 'Ändrad' }],
        ['post', `/api/situation-pictures/${draft.id}/recompute`, { rowVersion: pub.rowVersion }],
        ['post', `/api/situation-pictures/${draft.id}/publish`, { rowVersion: pub.rowVersion }],
      ] as const) {
        const r = await (coord as any)[method](url, body);
        assert.equal(r.statusCode, 409, url);
        assert.deepEqual(r.json().error.fields.map((f: any) => [f.field, f.code]), [['status', 'published_immutable']]);
      }
      const del = await coord.delete(`/api/situation-pictures/${draft.id}`);
      assert.equal(del.statusCode, 409);
      await assert.rejects(t.db.query(`UPDATE situation_pictures SET title = 'Hackad' WHERE id = $1`, [draft.id]), /immutable/);
      await assert.rejects(t.db.query(`DELETE FROM situation_pictures WHERE id = $1`, [draft.id]), /immutable/);
      const after = (await viewer.get(`/api/situation-pictures/${draft.id}`)).json();
      assert.equal(after.title, pub.title);
      assert.deepEqual(after.content, pub.content);

      const notes = (await reporter.get('/api/notifications')).json().items;
      assert.equal(notes.length, 1);
      assert.equal(notes[0].kind, 'feedback');
      assert.equal(notes[0].subjectId, draft.id);
      assert.match(notes[0].body, /74 händelser/);
      assert.match(notes[0].body, /Klottret vid stationen/);
      const read = await reporter.post(`/api/notifications/${notes[0].id}/read`, {});
      assert.equal(read.statusCode, 200);
      assert.ok(read.json().readAt);
      assert.equal((await coord.post(`/api/notifications/${notes[0].id}/read`, {})).statusCode, 404, 'not someone else\'s');
      const fb = (await reporter.get('/api/feedback')).json().items;
      assert.equal(fb[0].id, draft.id);
      assert.equal(fb[0].totals.count, 74);
      assert.ok(fb[0].topCategories.length >= 1);
      assert.equal((await viewer.get('/api/situation-pictures')).json().items[0].id, draft.id);
    });

    test('the routes are in the OpenAPI document', async () => {
      const doc = (await t.anonymous().get('/openapi.json')).json();
      for (const path of ['/api/situation-pictures', '/api/situation-pictures/{id}', '/api/situation-pictures/{id}/publish', '/api/situation-pictures/{id}/versions',
        '/api/situation-pictures/{id}/compare/{otherId}', '/api/feedback', '/api/notifications', '/api/notifications/{id}/read']) assert.ok(doc.paths[path], path);
      assert.ok(doc.paths['/api/situation-pictures'].post.requestBody);
    });

    test('a new version: same series, next number, narrative copied, content recomputed; compare the two', async () => {
      await insertIncidents(t, [{ categoryCode: 'nedskrapning', e: nx, n: ny, at: new Date(Date.parse(day(-2) + 'T12:00:00Z')), org: 'kommun' }]);
      const res = await coord.post(`/api/situation-pictures/${draft.id}/versions`, {});
      assert.equal(res.statusCode, 201, res.body);
      const v2 = res.json();
      assert.equal(v2.seriesId, draft.seriesId);
      assert.equal(v2.version, 2);
      assert.equal(v2.status, 'draft');
      assert.equal(v2.narrative.summary, draft.narrative.summary);
      assert.equal(v2.content.totals.count, 75);
      assert.deepEqual(v2.versions.map((v: any) => v.version), [1, 2]);
      const cmp = await group.get(`/api/situation-pictures/${draft.id}/compare/${v2.id}`);
      assert.equal(cmp.statusCode, 200, cmp.body);
      assert.deepEqual(cmp.json().totals, { base: 74, other: 75, change: 1 });
      assert.equal(cmp.json().statusLevels[0].base, 'red');
      assert.ok(Array.isArray(cmp.json().hotspots.persisting));
      assert.equal((await viewer.get(`/api/situation-pictures/${draft.id}/compare/${v2.id}`)).statusCode, 404, 'a viewer cannot see the draft');
      // The published edition did not move with the new data.
      assert.equal((await coord.get(`/api/situation-pictures/${draft.id}`)).json().content.totals.count, 74);
    });
  });
}
