import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { PERSONAL_DATA_PLACEHOLDERS } from '../../core/privacy/index.ts';

/**
 * Issue 16 item 12: the safety net incidents have covers every free text that is stored — places,
 * meetings (title, agenda, minutes), decisions, measures and the lägesbild's narrative. Each write
 * stores the text stripped and its answer names what was removed (body and header).
 */
const PERSONAL = 'Anmälare 811228-9874, ring 070-123 45 67 eller skriv till anna.svensson@example.se';
const STRIPPED = `Anmälare ${PERSONAL_DATA_PLACEHOLDERS.personnummer}, ring ${PERSONAL_DATA_PLACEHOLDERS.phone} eller skriv till ${PERSONAL_DATA_PLACEHOLDERS.email}`;
const KINDS = ['personnummer', 'phone', 'email'];

function saysRemoved(res: LightMyRequestResponse, kinds = KINDS): void {
  assert.ok(res.statusCode < 300, `${res.statusCode} ${res.body}`);
  assert.deepEqual(res.json().personalDataRemoved, kinds);
  assert.equal(res.headers['x-personal-data-removed'], kinds.join(','));
}

for (const engine of testEngines()) {
  describe(`personal data in every free text, on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    let placeId: string;
    const TODAY = new Date().toISOString().slice(0, 10);

    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
    });
    after(() => t.close());

    test('a place: name and description, created and changed', async () => {
      const { lon, lat } = POINTS.alingsasCentrum;
      const created = await coord.post('/api/places', { name: 'Torget, vakt 070-123 45 67', description: PERSONAL, geometry: { type: 'Point', coordinates: [lon, lat] } });
      assert.equal(created.statusCode, 201, created.body);
      saysRemoved(created);
      placeId = created.json().id;
      const stored = (await t.db.query<{ name: string; description: string }>('SELECT name, description FROM places WHERE id = $1', [placeId])).rows[0];
      assert.equal(stored.name, `Torget, vakt ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
      assert.equal(stored.description, STRIPPED);
      const changed = await coord.patch(`/api/places/${placeId}`, { description: 'Kontakt: anna.svensson@example.se' });
      saysRemoved(changed, ['email']);
      assert.equal(changed.json().description, `Kontakt: ${PERSONAL_DATA_PLACEHOLDERS.email}`);
      const clean = await coord.patch(`/api/places/${placeId}`, { name: 'Torget' });
      assert.deepEqual(clean.json().personalDataRemoved, []);
      assert.equal(clean.headers['x-personal-data-removed'], undefined);
    });

    test('a meeting: title, agenda and minutes; a decision and the measure it makes', async () => {
      const created = await coord.post('/api/meetings', { heldAt: `${TODAY}T16:00:00+01:00`, title: 'Möte om 811228-9874' });
      assert.equal(created.statusCode, 201, created.body);
      saysRemoved(created, ['personnummer']);
      const m = created.json();
      assert.equal(m.title, `Möte om ${PERSONAL_DATA_PLACEHOLDERS.personnummer}`);
      const agenda = [{ id: 'x1', kind: 'other', title: 'Ring 070-123 45 67', detail: 'anna.svensson@example.se', ref: null }];
      const patched = await coord.patch(`/api/meetings/${m.id}`, { rowVersion: m.rowVersion, minutes: PERSONAL, agenda });
      saysRemoved(patched);
      const stored = (await t.db.query<{ minutes: string; agenda: Array<{ title: string; detail: string }> }>('SELECT minutes, agenda FROM meetings WHERE id = $1', [m.id])).rows[0];
      assert.equal(stored.minutes, STRIPPED);
      assert.equal(stored.agenda.find((a) => a.title.startsWith('Ring'))?.title, `Ring ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
      assert.equal(stored.agenda.find((a) => a.title.startsWith('Ring'))?.detail, PERSONAL_DATA_PLACEHOLDERS.email);

      const decided = await coord.post(`/api/meetings/${m.id}/decisions`, {
        text: `Beslut: ${PERSONAL}`, organisationId: FX.orgs.kommun,
        measure: { type: 'belysning', term: 'long', title: 'Belysning', organisationId: FX.orgs.kommun, placeId, notes: 'Kontakt 070-123 45 67' },
      });
      assert.equal(decided.statusCode, 201, decided.body);
      saysRemoved(decided);
      assert.equal(decided.json().text, `Beslut: ${STRIPPED}`);
      assert.deepEqual(decided.json().measure.personalDataRemoved, ['phone']);
      assert.equal(decided.json().measure.notes, `Kontakt ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
    });

    test('a measure: title, problem and notes, created and changed; the responsible person is a name and stays', async () => {
      const created = await coord.post('/api/measures', {
        type: 'belysning', term: 'long', title: 'Belysning 811228-9874', problem: PERSONAL, notes: 'anna.svensson@example.se',
        organisationId: FX.orgs.kommun, responsiblePerson: 'Anna Svensson', placeId,
      });
      assert.equal(created.statusCode, 201, created.body);
      saysRemoved(created);
      const measure = created.json();
      assert.equal(measure.problem, STRIPPED);
      assert.equal(measure.responsiblePerson, 'Anna Svensson');
      const stored = (await t.db.query<{ title: string; notes: string }>('SELECT title, notes FROM measures WHERE id = $1', [measure.id])).rows[0];
      assert.equal(stored.title, `Belysning ${PERSONAL_DATA_PLACEHOLDERS.personnummer}`);
      assert.equal(stored.notes, PERSONAL_DATA_PLACEHOLDERS.email);
      const changed = await coord.patch(`/api/measures/${measure.id}`, { rowVersion: measure.rowVersion, notes: 'Ring 070-123 45 67' });
      saysRemoved(changed, ['phone']);
      assert.equal(changed.json().notes, `Ring ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
    });

    test('a lägesbild edition: title, the narrative\'s summary and cause analyses, the status levels\' comments', async () => {
      const to = TODAY;
      const from = new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10);
      const created = await coord.post('/api/situation-pictures', { from, to, title: 'Lägesbild, frågor till 070-123 45 67' });
      assert.equal(created.statusCode, 201, created.body);
      saysRemoved(created, ['phone']);
      const sp = created.json();
      const patched = await coord.patch(`/api/situation-pictures/${sp.id}`, {
        rowVersion: sp.rowVersion,
        narrative: { summary: PERSONAL, problems: [{ title: 'Bråk, 811228-9874', offender: 'anna.svensson@example.se', target: '', place: 'Torget', suggestedMeasures: 'Ring 070-123 45 67' }] },
        statusLevels: [{ kind: 'place', id: placeId, level: 'red', comment: 'Vakt 070-123 45 67' }],
      });
      saysRemoved(patched);
      const n = patched.json().narrative;
      assert.equal(n.summary, STRIPPED);
      assert.equal(n.problems[0].title, `Bråk, ${PERSONAL_DATA_PLACEHOLDERS.personnummer}`);
      assert.equal(n.problems[0].offender, PERSONAL_DATA_PLACEHOLDERS.email);
      assert.equal(n.problems[0].suggestedMeasures, `Ring ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
      const stored = (await t.db.query<{ narrative: { summary: string }; status_levels: Array<{ comment: string }> }>('SELECT narrative, status_levels FROM situation_pictures WHERE id = $1', [sp.id])).rows[0];
      assert.equal(stored.narrative.summary, STRIPPED);
      assert.equal(stored.status_levels[0].comment, `Vakt ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
    });
  });
}
