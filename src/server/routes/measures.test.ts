import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { addDays, stockholmDay } from '../../core/measures/follow-up.ts';

const TODAY = stockholmDay(new Date());

for (const engine of testEngines({ citus: true })) {
  describe(`measures API on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, group: Client, viewer: Client, reporter: Client;
    let placeId: string;
    let e0: number, n0: number;
    const base = () => ({ type: 'belysning', term: 'long', title: 'Ny belysning i gångtunneln', organisationId: FX.orgs.alingsashem, placeId });

    before(async () => {
      t = await startTestApp(engine);
      [coord, group, viewer, reporter] = await Promise.all([t.as('coordinator'), t.as('areaGroup'), t.as('viewer'), t.as('reporter')]);
      const place = await coord.post('/api/places', { name: 'Gångtunneln', kind: 'tunnel', geometry: { type: 'Point', coordinates: [POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat] } });
      assert.equal(place.statusCode, 201, place.body);
      placeId = place.json().id;
      const xy = await t.db.query<{ e: number; n: number }>('SELECT ST_X(geom) AS e, ST_Y(geom) AS n FROM places WHERE id = $1', [placeId]);
      ({ e: e0, n: n0 } = xy.rows[0]);
    });
    after(() => t.close());

    test('the catalogue of measure types', async () => {
      const res = await viewer.get('/api/measure-types');
      assert.equal(res.statusCode, 200);
      const codes = res.json().items.map((x: any) => x.code);
      for (const c of ['belysning', 'vegetation', 'kamera', 'faltarbete', 'vuxennarvaro', 'ovrigt']) assert.ok(codes.includes(c), c);
      assert.ok(codes.every((c: string) => /^[a-z_]{1,50}$/.test(c)));
    });

    test('an explicit null is null, not an empty string (dates, texts; on create and when clearing)', async () => {
      const res = await coord.post('/api/measures', { ...base(), plannedStart: null, plannedEnd: null, problem: null, costSek: null });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json();
      assert.equal(m.plannedEnd, null);
      assert.equal(m.problem, null);
      const set = await coord.patch(`/api/measures/${m.id}`, { rowVersion: m.rowVersion, plannedStart: addDays(TODAY, 1), plannedEnd: addDays(TODAY, 9) });
      assert.equal(set.statusCode, 200, set.body);
      const cleared = await coord.patch(`/api/measures/${m.id}`, { rowVersion: set.json().rowVersion, plannedEnd: null });
      assert.equal(cleared.statusCode, 200, cleared.body);
      assert.equal(cleared.json().plannedEnd, null);
      assert.equal(cleared.json().plannedStart, addDays(TODAY, 1));
    });

    test('create, read, change; overdue computed; audited', async () => {
      const res = await coord.post('/api/measures', { ...base(), plannedStart: addDays(TODAY, -30), plannedEnd: addDays(TODAY, -1), costSek: 125000.5, problem: 'Mörkt och otryggt' });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json();
      assert.equal(m.status, 'planned');
      assert.equal(m.placeName, 'Gångtunneln');
      assert.equal(m.organisationName, 'Alingsåshem');
      assert.equal(m.municipalityId, FX.alingsas);
      assert.equal(m.costSek, 125000.5);
      assert.equal(m.plannedEnd, addDays(TODAY, -1));
      assert.equal(m.overdue, true);
      assert.equal(m.rowVersion, 1);
      assert.deepEqual((await viewer.get(`/api/measures/${m.id}`)).json().title, m.title);
      const overdue = (await viewer.get('/api/measures?due=overdue')).json().items.map((x: any) => x.id);
      assert.ok(overdue.includes(m.id));
      const changed = await coord.patch(`/api/measures/${m.id}`, { rowVersion: 1, status: 'ongoing', actualStart: addDays(TODAY, -20), responsiblePerson: ' Anna Andersson ' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().status, 'ongoing');
      assert.equal(changed.json().responsiblePerson, 'Anna Andersson');
      assert.equal(changed.json().rowVersion, 2);
      const done = await coord.patch(`/api/measures/${m.id}`, { rowVersion: 2, status: 'done', actualEnd: TODAY });
      assert.equal(done.json().overdue, false, 'a done measure is not overdue');
      const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [m.id]);
      assert.deepEqual(audit.rows.map((r) => r.action), ['measure.create', 'measure.update', 'measure.update']);
      const byPlace = (await viewer.get(`/api/measures?placeId=${placeId}&status=done`)).json().items;
      assert.deepEqual(byPlace.map((x: any) => x.id), [m.id]);
    });

    test('bad input is named by field, in Swedish or English, and changes nothing', async () => {
      const before = await countRows(t, 'measures');
      const audits = await countRows(t, 'audit_log');
      const cases: Array<[object, string, string]> = [
        [{ ...base(), organisationId: undefined }, 'organisationId', 'required'],
        [{ ...base(), placeId: undefined }, 'placeId', 'required'],
        [{ ...base(), plannedStart: '2026-05-10', plannedEnd: '2026-05-01' }, 'plannedEnd', 'period_reversed'],
        [{ ...base(), actualStart: '2026-05-10', actualEnd: '2026-05-01', status: 'ongoing' }, 'actualEnd', 'period_reversed'],
        [{ ...base(), type: 'trollformler' }, 'type', 'not_allowed_value'],
        [{ ...base(), status: 'done' }, 'actualStart', 'required'],
        [{ ...base(), costSek: -1 }, 'costSek', 'too_small'],
        [{ ...base(), plannedStart: '2026-02-30' }, 'plannedStart', 'format'],
        [{ ...base(), organisationId: FX.orgs.vargardaKommun }, 'organisationId', 'unknown_reference'],
        [{ ...base(), placeId: crypto.randomUUID() }, 'placeId', 'unknown_reference'],
        [{ ...base(), categoryIds: [crypto.randomUUID()] }, 'categoryIds[0]', 'unknown_reference'],
        [{ ...base(), title: '' }, 'title', 'required'],
        [{ ...base(), term: 'forever' }, 'term', 'not_allowed_value'],
        [{ ...base(), followUp: { bufferM: 10 } }, 'followUp.bufferM', 'too_small'],
      ];
      for (const [body, field, code] of cases) {
        const res = await coord.post('/api/measures', body);
        assert.equal(res.statusCode, 422, `${field}: ${res.body}`);
        const issue = res.json().error.fields.find((f: any) => f.field === field);
        assert.ok(issue, `${field} in ${res.body}`);
        assert.equal(issue.code, code, res.body);
        assert.match(issue.message, /[a-zåäö]/);
      }
      const en = await coord.post('/api/measures', { ...base(), organisationId: undefined }, { 'accept-language': 'en' });
      assert.equal(en.json().error.fields[0].message, 'Organisation: this field is required.');
      const sv = await coord.post('/api/measures', { ...base(), organisationId: undefined });
      assert.equal(sv.json().error.fields[0].message, 'Organisation: fältet måste fyllas i.');
      assert.equal(await countRows(t, 'measures'), before);
      assert.equal(await countRows(t, 'audit_log'), audits);
    });

    test('status transitions and stale versions are refused and change nothing', async () => {
      const m = (await coord.post('/api/measures', { ...base(), status: 'done', actualStart: addDays(TODAY, -3) })).json();
      const snapshot = JSON.stringify((await coord.get(`/api/measures/${m.id}`)).json());
      const bad = await coord.patch(`/api/measures/${m.id}`, { rowVersion: 1, status: 'planned' });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().error.fields.map((f: any) => [f.field, f.code]), [['status', 'invalid_transition']]);
      assert.match(bad.json().error.fields[0].message, /done.*planned/);
      const cleared = await coord.patch(`/api/measures/${m.id}`, { rowVersion: 1, actualStart: null });
      assert.equal(cleared.json().error.fields[0].field, 'actualStart', 'a done measure keeps its start');
      const noPlace = await coord.patch(`/api/measures/${m.id}`, { rowVersion: 1, placeId: null });
      assert.equal(noPlace.json().error.fields[0].code, 'required');
      const stale = await coord.patch(`/api/measures/${m.id}`, { rowVersion: 7, title: 'Ny titel' });
      assert.equal(stale.statusCode, 409);
      assert.deepEqual(stale.json().error.fields.map((f: any) => [f.field, f.code]), [['rowVersion', 'version_mismatch']]);
      assert.equal(JSON.stringify((await coord.get(`/api/measures/${m.id}`)).json()), snapshot);
      const reopened = await coord.patch(`/api/measures/${m.id}`, { rowVersion: 1, status: 'ongoing' });
      assert.equal(reopened.statusCode, 200, 'done → ongoing reopens a measure');
      assert.equal((await coord.patch(`/api/measures/${m.id}`, { rowVersion: 1, title: 'x' })).statusCode, 409);
    });

    test('who may do what', async () => {
      assert.equal((await viewer.post('/api/measures', base())).statusCode, 403);
      assert.equal((await reporter.get('/api/measures')).statusCode, 403);
      const forOther = await group.post('/api/measures', base());
      assert.equal(forOther.statusCode, 201, 'an area group decides measures for others');
      assert.equal((await group.patch(`/api/measures/${forOther.json().id}`, { rowVersion: 1, title: 'Ändrad' })).statusCode, 403);
      const own = (await group.post('/api/measures', { ...base(), organisationId: FX.orgs.kommun })).json();
      assert.equal((await group.patch(`/api/measures/${own.id}`, { rowVersion: 1, title: 'Ändrad' })).json().title, 'Ändrad');
      const other = await t.as('vargardaCoordinator');
      assert.equal((await other.get(`/api/measures/${own.id}`)).statusCode, 404);
      assert.equal((await other.get('/api/measures')).json().items.length, 0);
    });

    test('measures linked to a report: place contains it and the categories match', async () => {
      const klotter = await categoryId(t, 'skadegorelse.klotter');
      const skadegorelse = await categoryId(t, 'skadegorelse');
      const narkotika = await categoryId(t, 'narkotika');
      const linked = (await coord.post('/api/measures', { ...base(), type: 'klotterborttagning', title: 'Klottersanering', categoryIds: [skadegorelse] })).json();
      const unrelated = (await coord.post('/api/measures', { ...base(), type: 'polisnarvaro', title: 'Polisnärvaro', categoryIds: [narkotika] })).json();
      const res = await reporter.post('/api/incidents', { categoryId: klotter, occurredAt: new Date(Date.now() - 3600_000).toISOString(), location: POINTS.alingsasCentrum });
      assert.equal(res.statusCode, 201, res.body);
      const mine = (await reporter.get(`/api/measures?incidentId=${res.json().id}`)).json().items.map((x: any) => x.id);
      assert.ok(mine.includes(linked.id));
      assert.ok(!mine.includes(unrelated.id));
      const far = await reporter.post('/api/incidents', { categoryId: klotter, occurredAt: new Date(Date.now() - 3600_000).toISOString(), location: POINTS.alingsasNolby });
      assert.deepEqual((await reporter.get(`/api/measures?incidentId=${far.json().id}`)).json().items, []);
      const someoneElses = await (await t.as('reporter2')).get(`/api/measures?incidentId=${res.json().id}`);
      assert.deepEqual(someoneElses.json().items, [], 'only for one\'s own reports');
    });

    test('follow-up equals a hand count of R, D and C before and after', async () => {
      const start = addDays(TODAY, -70);
      const skadegorelse = await categoryId(t, 'skadegorelse');
      const m = (await coord.post('/api/measures', { ...base(), title: 'Uppföljd', status: 'ongoing', actualStart: start, categoryIds: [skadegorelse], followUp: { weeks: 8 } })).json();
      const distances = [30, 100, 220, 400, 560, 800, 1500, 3000];
      const codes = ['skadegorelse.klotter', 'skadegorelse', 'narkotika'];
      const rows = [];
      for (let k = 0; k < 150; k++) {
        const d = distances[k % distances.length], a = (k * 47 * Math.PI) / 180;
        const day = addDays(start, ((k * 11) % 150) - 75);
        rows.push({ categoryCode: codes[k % 3], e: e0 + d * Math.cos(a), n: n0 + d * Math.sin(a), at: new Date(`${day}T11:00:00Z`), org: 'alingsashem' as const });
      }
      const ids = await insertIncidents(t, rows);
      await t.db.query(`UPDATE incidents SET review_status = 'rejected' WHERE id = $1`, [ids[1]]);
      const res = await viewer.get(`/api/measures/${m.id}/follow-up`);
      assert.equal(res.statusCode, 200, res.body);
      const fu = res.json();
      assert.equal(fu.weeks, 8);
      assert.equal(fu.start, start);
      assert.deepEqual(fu.before, { from: addDays(start, -56), to: addDays(start, -1), days: 56 });
      assert.equal(fu.controlSuggested, true);
      assert.ok(fu.caveats.some((c: any) => c.code === 'control-suggested'));
      assert.ok(fu.caveats.some((c: any) => c.code === 'small-count'));
      assert.equal(fu.areas.response.geometry.type, 'Polygon');
      assert.equal(fu.weekly.length, 16);

      // By hand: distance bands around the point, Stockholm days, the category and its children, not rejected.
      const hand = await t.db.query<{ zone: string; after: boolean; n: number }>(
        `WITH p AS (SELECT geom FROM places WHERE id = $1)
         SELECT CASE WHEN ST_Distance(i.geom, p.geom) <= 150 THEN 'R' WHEN ST_Distance(i.geom, p.geom) <= 450 THEN 'D'
                     WHEN ST_Distance(i.geom, p.geom) > 650 AND ST_Distance(i.geom, p.geom) <= 2150 AND ST_Within(i.geom, mu.geom) THEN 'C' END AS zone,
                (i.occurred_from AT TIME ZONE 'Europe/Stockholm')::date >= $2::date AS after, count(*)::int AS n
           FROM incidents i, p, municipalities mu JOIN categories c ON true
          WHERE mu.id = '1489' AND c.id = i.category_id AND (c.id = $3 OR c.parent_id = $3) AND i.review_status IN ('new', 'reviewed')
            AND (i.occurred_from AT TIME ZONE 'Europe/Stockholm')::date >= $2::date - 56
            AND (i.occurred_from AT TIME ZONE 'Europe/Stockholm')::date < $2::date + 56
          GROUP BY 1, 2`, [placeId, start, skadegorelse]);
      const count = (zone: string, after: boolean) => hand.rows.find((r) => r.zone === zone && r.after === after)?.n ?? 0;
      const expected = { Rb: count('R', false), Ra: count('R', true), Db: count('D', false), Da: count('D', true), Cb: count('C', false), Ca: count('C', true) };
      assert.deepEqual(fu.counts, expected);
      assert.ok(expected.Rb + expected.Ra > 0 && expected.Db + expected.Da > 0 && expected.Cb + expected.Ca > 0, JSON.stringify(expected));
      const sum = (k: string) => fu.weekly.reduce((s: number, w: any) => s + w[k], 0);
      assert.equal(sum('response'), expected.Rb + expected.Ra);
      assert.equal(fu.result.grossEffect, expected.Ra - expected.Rb);

      // A chosen control (a place) replaces the suggestion.
      const ctl = (await coord.post('/api/places', { name: 'Kontrolltorget', geometry: { type: 'Point', coordinates: [POINTS.alingsasNolby.lon, POINTS.alingsasNolby.lat] } })).json();
      const chosenRes = await viewer.get(`/api/measures/${m.id}/follow-up?controlPlaceId=${ctl.id}&bufferM=200`);
      assert.equal(chosenRes.statusCode, 200, chosenRes.body);
      const chosen = chosenRes.json();
      assert.equal(chosen.controlSuggested, false);
      assert.equal(chosen.areas.control.name, 'Kontrolltorget');
      assert.equal(chosen.bufferM, 200);
    });

    test('follow-up is not evaluable before the measure has started or too soon after', async () => {
      const planned = (await coord.post('/api/measures', base())).json();
      const res = await viewer.get(`/api/measures/${planned.id}/follow-up`);
      assert.equal(res.statusCode, 422);
      assert.deepEqual(res.json().error.fields.map((f: any) => [f.field, f.code]), [['actualStart', 'not_evaluable']]);
      const recent = (await coord.post('/api/measures', { ...base(), status: 'ongoing', actualStart: addDays(TODAY, -10) })).json();
      const soon = await viewer.get(`/api/measures/${recent.id}/follow-up`, { 'accept-language': 'en' });
      assert.equal(soon.statusCode, 422);
      assert.match(soon.json().error.fields[0].message, /weeks/);
      assert.equal((await viewer.get(`/api/measures/${recent.id}/follow-up?weeks=2`)).json().error.fields[0].field, 'weeks');
    });

    test('a place from hotspot cells: the union of the cells; bad ids named by index', async () => {
      const col = Math.floor(e0 / 250), row = Math.floor(n0 / 250);
      const cellIds = [`250:${col}:${row}`, `250:${col + 1}:${row}`, `250:${col}:${row + 1}`];
      const res = await coord.post('/api/places/from-cells', { name: 'Hotspot vid torget', cellIds });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().geometry.type, 'Polygon');
      const area = await t.db.query<{ a: number }>('SELECT ST_Area(geom) AS a FROM places WHERE id = $1', [res.json().id]);
      assert.ok(Math.abs(area.rows[0].a - 3 * 62_500) < 1, String(area.rows[0].a));
      const places = await countRows(t, 'places');
      const bad = await coord.post('/api/places/from-cells', { name: 'x', cellIds: [...cellIds.slice(0, 2), 'abc'] });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().error.fields.map((f: any) => [f.field, f.code]), [['cellIds[2]', 'format']]);
      const mixed = await coord.post('/api/places/from-cells', { name: 'x', cellIds: [cellIds[0], `500:${col}:${row}`] });
      assert.equal(mixed.json().error.fields[0].field, 'cellIds[1]');
      const outside = await coord.post('/api/places/from-cells', { name: 'x', cellIds: ['250:0:0'] });
      assert.equal(outside.json().error.fields[0].code, 'outside_municipality');
      const tooMany = await coord.post('/api/places/from-cells', { name: 'x', cellIds: Array.from({ length: 401 }, (_, i) => `250:${col + i}:${row}`) });
      assert.equal(tooMany.json().error.fields[0].field, 'cellIds');
      assert.equal((await viewer.post('/api/places/from-cells', { name: 'x', cellIds })).statusCode, 403);
      assert.equal(await countRows(t, 'places'), places);
    });
  });
}
