/**
 * The yearly plan takes the problems the year's published lägesbilder prioritised as proposals; one
 * accepted becomes a prioritised problem of the plan, linked to its edition, and shows in the
 * document. The plan's mapping states what it compares.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { POINTS } from '../../../test/support/fixtures.ts';
import { docxParts } from '../../../test/support/documents.ts';
import { transform } from '../../core/geo/index.ts';
import { localDate } from '../../core/situation-picture/period.ts';

const DAY = 86_400_000;
const today = localDate(Date.now());
const day = (offset: number) => new Date(Date.parse(today + 'T12:00:00Z') + offset * DAY).toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4));
const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
const analysis = (title: string, priority: number) => ({ title, priority, offender: `${title}: unga kvällstid`, target: 'Busskurer', place: 'Mörkt', suggestedMeasures: 'Belysning och väktare' });

for (const engine of testEngines({ citus: true })) {
  describe(`action-plan proposals from the year's lägesbilder on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, viewer: Client, group: Client;
    const editions: string[] = [];
    before(async () => {
      t = await startTestApp(engine);
      [coord, viewer, group] = await Promise.all([t.as('coordinator'), t.as('viewer'), t.as('areaGroup')]);
      await insertIncidents(t, Array.from({ length: 12 }, (_, k) => ({ categoryCode: 'nedskrapning', e: cx + k * 10, n: cy, at: new Date(Date.parse(`${day(-2 - k)}T12:00:00Z`)), org: 'kommun' as const })));
      // Two published editions this year that both prioritise the station, and a draft that must not count.
      for (const [k, problems] of [[0, [analysis('Skadegörelse vid stationen', 1), analysis('Nedskräpning i parken', 2)]], [1, [analysis('Skadegörelse vid stationen', 1)]], [2, [analysis('Utkastets problem', 1)]]] as const) {
        // Weeks inside the year whatever the date the test runs, the newest first.
        const [from, to] = [['03-16', '03-22'], ['03-09', '03-15'], ['03-02', '03-08']][k];
        const created = await coord.post('/api/situation-pictures', { from: `${YEAR}-${from}`, to: `${YEAR}-${to}`, title: `Vecka ${k}` });
        assert.equal(created.statusCode, 201, created.body);
        const sp = created.json();
        const patched = await coord.patch(`/api/situation-pictures/${sp.id}`, { rowVersion: sp.rowVersion, narrative: { summary: 'Läget.', problems } });
        assert.equal(patched.statusCode, 200, patched.body);
        if (k < 2) {
          const published = await coord.post(`/api/situation-pictures/${sp.id}/publish`, { rowVersion: patched.json().rowVersion });
          assert.equal(published.statusCode, 200, published.body);
        }
        editions.push(sp.id);
      }
    });
    after(() => t.close());

    test('the plan reads what its mapping compares: the year so far against the same dates last year', async () => {
      const plan = (await viewer.get(`/api/action-plans/${YEAR}`)).json();
      const yesterday = today.endsWith('-01-01') ? today : day(-1);
      assert.deepEqual(plan.comparison, { year: YEAR, state: 'incomplete', from: `${YEAR}-01-01`, to: yesterday, compareFrom: `${YEAR - 1}-01-01`, compareTo: `${YEAR - 1}${yesterday.slice(4)}`.replace(/-02-29$/, '-02-28') });
      assert.equal((await viewer.get(`/api/action-plans/${YEAR - 1}`)).json().comparison.state, 'complete');
    });

    test('one proposal per prioritised problem of the published editions, the newest first; drafts stay out', async () => {
      const res = await group.get(`/api/action-plans/${YEAR}/proposals`);
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items;
      assert.deepEqual(items.map((p: any) => [p.problem.title, p.editions, p.accepted]), [['Skadegörelse vid stationen', 2, false], ['Nedskräpning i parken', 1, false]]);
      assert.equal(items[0].situationPictureId, editions[0], 'the newest edition that prioritised it');
      assert.equal(items[0].edition.title, 'Vecka 0');
      assert.equal(items[0].problem.suggestedMeasures, 'Belysning och väktare');
      assert.deepEqual((await coord.get(`/api/action-plans/${YEAR - 2}/proposals`)).json().items, []);
    });

    test('accepting one adds it to the plan with a link to its edition; twice is refused; only the coordinator accepts', async () => {
      const proposal = (await coord.get(`/api/action-plans/${YEAR}/proposals`)).json().items[0];
      const body = { situationPictureId: proposal.situationPictureId, problemId: proposal.problemId, rowVersion: 0 };
      assert.equal((await group.post(`/api/action-plans/${YEAR}/proposals/accept`, body)).statusCode, 403);
      assert.equal((await viewer.post(`/api/action-plans/${YEAR}/proposals/accept`, body)).statusCode, 403);
      const res = await coord.post(`/api/action-plans/${YEAR}/proposals/accept`, body);
      assert.equal(res.statusCode, 200, res.body);
      const plan = res.json();
      assert.equal(plan.rowVersion, 1);
      assert.equal(plan.narrative.priorities.length, 1);
      const p = plan.narrative.priorities[0];
      assert.equal(p.title, 'Skadegörelse vid stationen');
      assert.equal(p.priority, 1);
      assert.equal(p.offender, 'Skadegörelse vid stationen: unga kvällstid');
      assert.equal(p.suggestedMeasures, 'Belysning och väktare');
      assert.deepEqual(p.source, { situationPictureId: editions[0], title: 'Vecka 0', problemId: proposal.problemId });
      assert.deepEqual((await coord.get(`/api/action-plans/${YEAR}/proposals`)).json().items.map((x: any) => x.accepted), [true, false]);

      const again = await coord.post(`/api/action-plans/${YEAR}/proposals/accept`, { ...body, rowVersion: 1 });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(again.json().error.fields.map((f: any) => [f.field, f.code]), [['problemId', 'taken']]);
      const stale = await coord.post(`/api/action-plans/${YEAR}/proposals/accept`, { situationPictureId: editions[0], problemId: 'p2', rowVersion: 0 });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.fields[0].code, 'version_mismatch');
      const draft = await coord.post(`/api/action-plans/${YEAR}/proposals/accept`, { situationPictureId: editions[2], problemId: 'p1', rowVersion: 1 });
      assert.equal(draft.statusCode, 422, 'a draft edition proposes nothing');
      assert.equal(draft.json().error.fields[0].field, 'situationPictureId');
      const audit = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE subject_type = 'action_plan' ORDER BY id`);
      assert.deepEqual(audit.rows.map((r) => r.details.acceptedProposal?.situationPictureId), [editions[0]]);
    });

    test('the page saves the plan whole and the link stays; a source that is no published edition is refused', async () => {
      const plan = (await coord.get(`/api/action-plans/${YEAR}`)).json();
      const priorities = [...plan.narrative.priorities, { title: 'Eget problem', offender: 'x' }];
      const saved = await coord.put(`/api/action-plans/${YEAR}`, { rowVersion: plan.rowVersion, narrative: { ...plan.narrative, priorities } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(saved.json().narrative.priorities.map((p: any) => p.source?.situationPictureId ?? null), [editions[0], null]);
      const forged = await coord.put(`/api/action-plans/${YEAR}`, {
        rowVersion: saved.json().rowVersion,
        narrative: { priorities: [{ title: 'Falskt', source: { situationPictureId: editions[2], problemId: 'p1', title: 'Påhittad' } }] },
      });
      assert.equal(forged.statusCode, 422);
      assert.deepEqual(forged.json().error.fields.map((f: any) => [f.field, f.code]), [['narrative.priorities[0].source', 'unknown_reference']]);
    });

    test('the document names the edition a problem came from and states the comparison', async () => {
      const docx = await coord.get(`/api/action-plans/${YEAR}/document?format=docx`);
      assert.equal(docx.statusCode, 200, docx.body);
      const parts = await docxParts(docx.rawPayload);
      assert.ok(parts.tables.some((tb) => tb.some((row) => row.join('|') === 'Från lägesbilden|Vecka 0')), 'the cause analysis names its edition');
      const text = parts.documentXml.replace(/<[^>]+>/g, '');
      assert.match(text, new RegExp(`Året är inte slut: kartläggningen omfattar 1 januari–[^.]* ${YEAR} och jämförs med samma datum ${YEAR - 1}`));
    });
  });
}
