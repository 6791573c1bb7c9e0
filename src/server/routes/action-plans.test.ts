import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { docxParts, pdfPages, pdfText } from '../../../test/support/documents.ts';
import { transform } from '../../core/geo/index.ts';
import { localDate } from '../../core/situation-picture/period.ts';

const DAY = 86_400_000;
const today = localDate(Date.now());
const day = (offset: number) => new Date(Date.parse(today + 'T12:00:00Z') + offset * DAY).toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4));
const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);

const plan = (extra: object = {}) => ({
  narrative: {
    introduction: 'Alingsås arbetar med EST.', analysis: 'Skadegörelsen är koncentrerad till centrum.',
    priorities: [{ title: 'Skadegörelse vid stationen', offender: 'Unga kvällstid.', target: 'Busskurer.', place: 'Mörkt.', suggestedMeasures: 'Belysning.' }],
  },
  survey: [{ source: 'NTU (Brå)', indicator: 'Andel otrygga ute sent', value: 27.5, unit: '%', year: YEAR - 1, comparison: { label: 'Riket', value: 29 } }],
  ...extra,
});

for (const engine of testEngines({ citus: true })) {
  describe(`action plans and documents on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, group: Client, viewer: Client, reporter: Client;
    before(async () => {
      t = await startTestApp(engine);
      [coord, group, viewer, reporter] = await Promise.all([t.as('coordinator'), t.as('areaGroup'), t.as('viewer'), t.as('reporter')]);
      const rows: Parameters<typeof insertIncidents>[1] = [];
      for (let k = 0; k < 40; k++) rows.push({ categoryCode: k % 2 ? 'skadegorelse.klotter' : 'nedskrapning', e: cx + (k % 7) * 20, n: cy + (k % 5) * 20, at: new Date(Date.parse(day(-1 - (k % 27)) + 'T18:00:00Z')), org: 'kommun', placeName: 'Stationen' });
      await insertIncidents(t, rows);
    });
    after(() => t.close());

    test('an unwritten year reads as an empty plan; reporters may not read it', async () => {
      const res = await viewer.get(`/api/action-plans/${YEAR}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual({ ...(res.json() as object), municipalityId: undefined, comparison: undefined }, { id: null, municipalityId: undefined, year: YEAR, narrative: { introduction: '', analysis: '', priorities: [] }, survey: [], adoptedAt: null, adoptedBy: null, rowVersion: 0, createdAt: null, updatedAt: null, comparison: undefined });
      assert.equal((await reporter.get(`/api/action-plans/${YEAR}`)).statusCode, 403);
    });

    test('the coordinator writes the plan; the rowVersion guards against overwriting; others may not write', async () => {
      const created = await coord.put(`/api/action-plans/${YEAR}`, plan());
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(created.json().rowVersion, 1);
      assert.equal(created.json().narrative.priorities[0].id, 'p1');
      assert.equal(created.json().survey[0].comparison.value, 29);
      const stale = await coord.put(`/api/action-plans/${YEAR}`, plan({ rowVersion: 0 }));
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.fields[0].code, 'version_mismatch');
      const noVersion = await coord.put(`/api/action-plans/${YEAR}`, plan());
      assert.equal(noVersion.statusCode, 409);
      const adopted = await coord.put(`/api/action-plans/${YEAR}`, plan({ rowVersion: 1, adoptedAt: `${YEAR}-03-01`, adoptedBy: 'Kommunstyrelsen' }));
      assert.equal(adopted.statusCode, 200, adopted.body);
      assert.equal(adopted.json().rowVersion, 2);
      assert.equal(adopted.json().adoptedAt, `${YEAR}-03-01`);
      assert.equal((await group.put(`/api/action-plans/${YEAR}`, plan({ rowVersion: 2 }))).statusCode, 403);
      assert.equal((await viewer.put(`/api/action-plans/${YEAR}`, plan({ rowVersion: 2 }))).statusCode, 403);
      const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_type = 'action_plan' ORDER BY id`);
      assert.deepEqual(audit.rows.map((r) => r.action), ['action_plan.create', 'action_plan.update']);
    });

    test('bad input names every field, in Swedish or English, and changes nothing', async () => {
      const before = (await coord.get(`/api/action-plans/${YEAR}`)).json();
      const rowsBefore = await countRows(t, 'action_plans');
      const bad = await coord.put(`/api/action-plans/${YEAR}`, {
        rowVersion: before.rowVersion,
        narrative: { introduction: 'x'.repeat(20_001), priorities: [{ title: '', categoryIds: ['00000000-0000-4000-8000-0000000000ff'] }] },
        survey: [{ source: 'NTU', indicator: 'Otrygghet', value: 'mycket', year: 1999 }],
        adoptedAt: `${YEAR}-02-30`,
      });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().error.fields.map((f: any) => f.field), ['survey[0].value']);
      const semantic = await coord.put(`/api/action-plans/${YEAR}`, {
        rowVersion: before.rowVersion,
        narrative: { introduction: 'x'.repeat(20_001), priorities: [{ title: '', categoryIds: ['00000000-0000-4000-8000-0000000000ff'] }] },
        survey: [{ source: 'NTU', indicator: 'Otrygghet', value: 12, year: 1999 }],
        adoptedAt: `${YEAR}-02-30`,
      });
      assert.equal(semantic.statusCode, 422);
      const fields = semantic.json().error.fields.map((f: any) => `${f.field}:${f.code}`);
      assert.deepEqual(fields.sort(), ['adoptedAt:format', 'narrative.introduction:too_long', 'narrative.priorities[0].title:required', 'survey[0].year:too_small'].sort());
      assert.match(semantic.json().error.fields.find((f: any) => f.field === 'narrative.introduction').message, /högst 20000 tecken/);
      const unknown = await coord.put(`/api/action-plans/${YEAR}`, plan({ rowVersion: before.rowVersion, narrative: { priorities: [{ title: 'X', categoryIds: ['00000000-0000-4000-8000-0000000000ff'] }] } }), { 'accept-language': 'en' });
      assert.equal(unknown.json().error.fields[0].field, 'narrative.priorities[0].categoryIds[0]');
      assert.equal(unknown.json().error.fields[0].code, 'unknown_reference');
      const year = await coord.put('/api/action-plans/1999', plan());
      assert.equal(year.statusCode, 422);
      assert.deepEqual(year.json().error.fields.map((f: any) => [f.field, f.code]), [['year', 'too_small']]);
      assert.equal((await coord.get('/api/action-plans/tjugo')).json().error.fields[0].field, 'year');
      assert.deepEqual((await coord.get(`/api/action-plans/${YEAR}`)).json(), before);
      assert.equal(await countRows(t, 'action_plans'), rowsBefore);
    });

    test('an edition as PDF and HTML: a draft is marked UTKAST, the file is named, the export is audited', async () => {
      const sp = await coord.post('/api/situation-pictures', { from: day(-28), to: day(-1), title: 'Lägesbild centrum' });
      assert.equal(sp.statusCode, 201, sp.body);
      const id = sp.json().id;
      const pdf = await group.get(`/api/situation-pictures/${id}/document?format=pdf`);
      assert.equal(pdf.statusCode, 200, pdf.body);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="lagesbild-Alingsas-[\d-]+-v1-utkast\.pdf"; filename\*=UTF-8''lagesbild-Alings%C3%A5s-/);
      const text = pdfText(pdf.rawPayload);
      assert.match(text[0], /Lägesbild centrum/);
      assert.match(text[0], /UTKAST/);
      assert.match(text.join(' '), /registrerades 40 händelser i Alingsås/);
      const pages = await pdfPages(pdf.rawPayload, 30);
      assert.ok(pages.every((p) => p.variance > 20));
      const html = await coord.get(`/api/situation-pictures/${id}/document?format=html`);
      assert.equal(html.statusCode, 200);
      assert.match(String(html.headers['content-type']), /^text\/html/);
      assert.match(html.body, /<html lang="sv">/);
      assert.match(html.body, /draft-label/);
      const audit = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.export' AND subject_id = $1`, [id]);
      assert.equal(audit.rows[0].n, 2);
      // A viewer does not see drafts; a reporter gets no documents; a bad format or id is named.
      assert.equal((await viewer.get(`/api/situation-pictures/${id}/document`)).statusCode, 404);
      assert.equal((await reporter.get(`/api/situation-pictures/${id}/document`)).statusCode, 403);
      const badFormat = await coord.get(`/api/situation-pictures/${id}/document?format=docx`);
      assert.equal(badFormat.statusCode, 422);
      assert.equal(badFormat.json().error.fields[0].field, 'format');
      assert.equal((await coord.get('/api/situation-pictures/00000000-0000-4000-8000-00000000dead/document')).statusCode, 404);
    });

    test('the yearly plan as DOCX and PDF, with the measures and why they cannot be evaluated yet', async () => {
      const place = await coord.post('/api/places', { name: 'Stationen', kind: 'station', geometry: { type: 'Point', coordinates: [POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat] } });
      const m = await coord.post('/api/measures', { type: 'belysning', term: 'long', title: 'Belysning vid stationen', organisationId: FX.orgs.kommun, placeId: place.json().id, status: 'planned', plannedStart: day(10), plannedEnd: day(40), categoryIds: [await categoryId(t, 'nedskrapning')] });
      assert.equal(m.statusCode, 201, m.body);
      const docx = await viewer.get(`/api/action-plans/${YEAR}/document?format=docx`);
      assert.equal(docx.statusCode, 200, docx.body);
      assert.match(String(docx.headers['content-disposition']), /lagesbild-och-atgardsplan-Alingsas-\d{4}\.docx/);
      const parts = await docxParts(docx.rawPayload);
      assert.ok(parts.headings.some((h) => h.level === 1 && h.text === 'Åtgärdsplan'));
      const table = parts.tables.find((tb) => tb[0][0] === 'Åtgärd' && tb[0].at(-1) === 'Uppföljning')!;
      assert.equal(table[1][0], 'Belysning vid stationen (Stationen)');
      assert.match(table[1][5], /inte startat/);
      assert.ok(parts.media.length >= 3);
      const pdf = await coord.get(`/api/action-plans/${YEAR}/document`);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(pdfText(pdf.rawPayload).join(' '), /Fastställd \d{4}-03-01 av Kommunstyrelsen/);
      assert.equal((await coord.get(`/api/action-plans/${YEAR}/document?format=html`)).statusCode, 422);
      assert.equal((await reporter.get(`/api/action-plans/${YEAR}/document`)).statusCode, 403);
      assert.equal((await coord.get('/api/action-plans/2101/document')).json().error.fields[0].code, 'too_large');
    });
  });
}
