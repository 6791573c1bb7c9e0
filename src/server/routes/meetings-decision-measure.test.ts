import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { addDays, stockholmDay } from '../../core/measures/follow-up.ts';

const TODAY = stockholmDay(new Date());

/**
 * Issue 12, item 11: a decision that becomes a measure carries its owner, due date, title and the
 * agenda item's place and problem, whether the measure is made with the decision or from it later.
 */
for (const engine of testEngines({ citus: true })) {
  describe(`a decision becomes a measure without retyping (${engine})`, () => {
    let t: TestApp;
    let coord: Client, group: Client, viewer: Client;
    let placeId: string, meetingId: string, redItem: string;

    before(async () => {
      t = await startTestApp(engine);
      [coord, group, viewer] = await Promise.all([t.as('coordinator'), t.as('areaGroup'), t.as('viewer')]);
      const { lon, lat } = POINTS.alingsasCentrum;
      placeId = (await coord.post('/api/places', { name: 'Stationstorget', geometry: { type: 'Point', coordinates: [lon, lat] } })).json().id;
      const editionId = (await t.db.query<{ id: string }>(
        `INSERT INTO situation_pictures (municipality_id, series_id, area_id, title, period_from, period_to, content, status, published_at, status_levels)
         VALUES ('1489', gen_random_uuid(), NULL, 'Lägesbild', now() - interval '28 days', now(), $1::jsonb, 'published', now(), $2::jsonb) RETURNING id`,
        [JSON.stringify({ hotspots: { cellSize: 250, distance: 500, note: null, cells: [] }, byCategory: [], byArea: [] }), JSON.stringify([{ kind: 'place', id: placeId, name: 'Stationstorget', level: 'red', comment: 'Oro kvällstid' }])])).rows[0].id;
      const res = await coord.post('/api/meetings', { heldAt: `${TODAY}T16:00:00+01:00`, situationPictureId: editionId });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json();
      meetingId = m.id;
      redItem = m.agenda.find((a: any) => a.kind === 'red-status').id;
    });
    after(() => t.close());

    test('with the decision: the measure needs only its type; owner, due date, title, place and problem come from the decision', async () => {
      const due = addDays(TODAY, 30);
      const res = await group.post(`/api/meetings/${meetingId}/decisions`, {
        text: 'Bättre belysning vid Stationstorget', agendaItem: redItem, organisationId: FX.orgs.alingsashem, due, measure: { type: 'belysning', term: 'long' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json().measure;
      assert.equal(m.organisationId, FX.orgs.alingsashem);
      assert.equal(m.plannedEnd, due);
      assert.equal(m.title, 'Bättre belysning vid Stationstorget');
      assert.equal(m.placeId, placeId);
      assert.match(m.problem, /Stationstorget/);
      assert.equal(m.meetingId, meetingId);
    });

    test('later, from a saved decision: one request makes the measure and links the decision to it', async () => {
      const due = addDays(TODAY, 14);
      const d = (await coord.post(`/api/meetings/${meetingId}/decisions`, { text: 'Röj buskarna vid gångtunneln\nParkenheten tar kontakt med Alingsåshem.', agendaItem: redItem, organisationId: FX.orgs.kommun, due })).json();
      assert.equal(d.measureId, null);
      const before = await countRows(t, 'measures');
      // What the measure says itself wins over the decision.
      const res = await group.post(`/api/meetings/${meetingId}/decisions/${d.id}/measure`, { type: 'vegetation', term: 'short', responsiblePerson: 'Pia Park' });
      assert.equal(res.statusCode, 201, res.body);
      const made = res.json();
      assert.equal(made.id, d.id);
      assert.equal(made.measureId, made.measure.id);
      assert.deepEqual(
        [made.measure.title, made.measure.organisationId, made.measure.plannedEnd, made.measure.placeId, made.measure.responsiblePerson, made.measure.meetingId],
        ['Röj buskarna vid gångtunneln', FX.orgs.kommun, due, placeId, 'Pia Park', meetingId]);
      assert.equal(made.measure.notes, 'Röj buskarna vid gångtunneln\nParkenheten tar kontakt med Alingsåshem.');
      assert.equal(await countRows(t, 'measures'), before + 1);
      const meeting = (await viewer.get(`/api/meetings/${meetingId}`)).json();
      assert.equal(meeting.decisions.find((x: any) => x.id === d.id).measure.id, made.measure.id);

      // One measure per decision; a decision of another meeting is not found; viewers may not; errors are named by field.
      const again = await coord.post(`/api/meetings/${meetingId}/decisions/${d.id}/measure`, { type: 'vegetation', term: 'short' });
      assert.equal(again.statusCode, 409, again.body);
      const other = (await coord.post('/api/meetings', { heldAt: `${TODAY}T18:00:00+01:00` })).json();
      assert.equal((await coord.post(`/api/meetings/${other.id}/decisions/${d.id}/measure`, { type: 'vegetation', term: 'short' })).statusCode, 404);
      const plain = (await coord.post(`/api/meetings/${meetingId}/decisions`, { text: 'Följ upp i januari' })).json();
      assert.equal((await viewer.post(`/api/meetings/${meetingId}/decisions/${plain.id}/measure`, { type: 'ovrigt', term: 'short' })).statusCode, 403);
      const noOwner = await coord.post(`/api/meetings/${meetingId}/decisions/${plain.id}/measure`, { type: 'ovrigt', term: 'short', placeId });
      assert.equal(noOwner.statusCode, 422);
      assert.deepEqual(noOwner.json().error.fields.map((f: any) => [f.field, f.code]), [['organisationId', 'required']]);
      assert.equal(await countRows(t, 'measures'), before + 1);
    });
  });
}
