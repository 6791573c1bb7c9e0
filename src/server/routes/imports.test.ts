import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { testEngines } from '../../../test/support/db.ts';
import { countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { computeSituationPictureContent } from '../../services/edition-content.ts';
import { insertImport } from '../../db/repositories/imports.ts';
import { geoJsonFile, importForm, swedishCsv, xlsxFile, type FileRow } from '../../../test/support/import-files.ts';

const A = POINTS.alingsasCentrum;
const B = POINTS.alingsasNolby;
const near = (p: { lon: number; lat: number }, i: number) => ({ lon: p.lon + (i % 7) * 0.0007, lat: p.lat + (i % 5) * 0.0004 });

/** Twelve rows in Alingsås: two categories by their Swedish names in varying case, one by a name that matches nothing. */
const ROWS: FileRow[] = Array.from({ length: 12 }, (_, i) => ({
  id: `AL-${1000 + i}`,
  when: `2025-0${1 + (i % 9)}-1${i % 10} ${String(8 + i).padStart(2, '0')}:${i % 2 ? '30' : '05'}`,
  category: i % 3 === 0 ? 'klotter/GRAFFITI' : i % 3 === 1 ? 'Krossat glas' : 'Sprayfärg på vägg',
  ...near(i % 2 ? A : B, i),
  place: i % 4 === 0 ? 'Stora torget' : undefined,
  description: i === 4 ? 'Ring Kalle på 070-123 45 67 om du ser något' : 'Nytt klotter på fasaden',
  police: i % 2 === 0,
}));
const CATEGORIES = { 'Sprayfärg på vägg': 'skadegorelse.klotter' };

async function upload(c: Client, path: string, fileName: string, bytes: Buffer, options: object) {
  const { payload, contentType } = importForm(fileName, bytes, options);
  return c.upload(path, payload, contentType);
}

/** Follows an import until it has ended. */
async function finished(c: Client, id: string) {
  for (let i = 0; i < 400; i++) {
    const r = (await c.get(`/api/imports/${id}`)).json();
    if (r.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('the import did not end');
}

for (const engine of testEngines({ citus: true })) {
  describe(`incident import on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, admin: Client, rep: Client, viewer: Client, vCoord: Client;
    before(async () => {
      t = await startTestApp(engine);
      [coord, admin, rep, viewer, vCoord] = await Promise.all(['coordinator', 'admin', 'reporter', 'viewer', 'vargardaCoordinator'].map((u) => t.as(u as any)));
    });
    after(() => t.close());

    test('a Swedish Excel CSV is previewed with what was detected, imported, re-imported without duplicates, and undone', async () => {
      const csv = swedishCsv(ROWS);
      const preview = await upload(coord, '/api/imports/preview', 'rapporter 2025.csv', csv, { municipalityId: FX.alingsas });
      assert.equal(preview.statusCode, 200, preview.body);
      const p = preview.json();
      assert.equal(p.format, 'csv');
      assert.equal(p.encoding, 'windows-1252');
      assert.equal(p.delimiter, ';');
      assert.equal(p.rowCount, 12);
      assert.deepEqual(p.headers.slice(0, 3), ['Datum', 'Klockslag', 'Händelsetyp']);
      assert.equal(p.mapping.columns.date, 'Datum');
      assert.equal(p.mapping.columns.time, 'Klockslag');
      assert.equal(p.mapping.columns.category, 'Händelsetyp');
      assert.equal(p.mapping.columns.externalId, 'Ärendenummer');
      assert.equal(p.mapping.crs, 3006);
      assert.equal(p.crsSource, 'guessed');
      const unmatched = p.categoryValues.find((c: any) => c.value === 'Sprayfärg på vägg');
      assert.equal(unmatched.code, null);
      assert.equal(p.categoryValues.find((c: any) => c.value === 'klotter/GRAFFITI').code, 'skadegorelse.klotter');
      assert.equal(p.valid, 8);
      assert.equal(p.invalid, 4);
      assert.ok(p.errors.every((e: any) => e.column === 'Händelsetyp' && e.value === 'Sprayfärg på vägg'), JSON.stringify(p.errors));
      assert.match(p.errors[0].message, /Rad \d+/);

      // Without a mapping for the unknown category the import refuses, naming the rows, and stores nothing.
      const before = await countRows(t, 'incidents');
      const refused = await upload(coord, '/api/imports', 'rapporter 2025.csv', csv, { municipalityId: FX.alingsas });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.match(refused.json().error.fields[0].message, /Sprayfärg på vägg/);
      assert.equal(await countRows(t, 'incidents'), before);
      assert.equal(await countRows(t, 'incident_imports'), 0);

      const mapping = { ...p.mapping, categories: { ...p.mapping.categories, ...CATEGORIES } };
      const checkedRes = await upload(coord, '/api/imports/preview', 'rapporter 2025.csv', csv, { municipalityId: FX.alingsas, mapping });
      assert.equal(checkedRes.statusCode, 200, checkedRes.body);
      const checked = checkedRes.json();
      assert.equal(checked.valid, 12);
      assert.equal(checked.invalid, 0);
      const started = await upload(coord, '/api/imports', 'rapporter 2025.csv', csv, { municipalityId: FX.alingsas, mapping });
      assert.equal(started.statusCode, 202, started.body);
      const done = await finished(coord, started.json().id);
      assert.equal(done.status, 'done', JSON.stringify(done));
      assert.equal(done.rowsImported, 12);
      assert.equal(done.incidentCount, 12);
      assert.equal(done.createdByName, 'coordinator');

      const list = (await coord.get(`/api/incidents?import=${done.id}&limit=100`)).json();
      assert.equal(list.items.length, 12);
      const first = list.items.find((i: any) => i.externalId === 'AL-1000');
      assert.equal(first.importFileName, 'rapporter 2025.csv');
      assert.equal(first.importedByName, 'coordinator');
      assert.equal(first.categoryCode, 'skadegorelse.klotter');
      assert.equal(first.source, 'import');
      assert.equal(first.reportedToPolice, true);
      assert.equal(first.placeName, 'Stora torget');
      // 2025-01-10 08:05 Swedish winter time is 07:05 UTC.
      assert.equal(new Date(first.occurredFrom).toISOString(), '2025-01-10T07:05:00.000Z');
      const withPhone = list.items.find((i: any) => i.externalId === 'AL-1004');
      assert.doesNotMatch(withPhone.description, /070/, 'personal data is stripped from imported text too');
      // The exports carry the provenance and follow the import filter.
      const csvExport = await coord.get(`/api/incidents/export?format=csv&import=${done.id}`);
      assert.equal(csvExport.headers['x-total-count'], '12');
      const [header, line] = csvExport.body.replace(/^\ufeff/, '').split(/\r?\n/);
      assert.match(header, /external_id,import_id,import_file,imported_by/);
      assert.match(line, /rapporter 2025\.csv,coordinator/);
      const history = (await coord.get(`/api/incidents/${first.id}/history`)).json();
      assert.equal(history[0].action, 'create');
      const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1`, [done.id]);
      assert.deepEqual(audit.rows.map((r) => r.action), ['incidents.import']);

      // The same file again: nothing new, every row recognised by its id.
      const again = await upload(coord, '/api/imports', 'rapporter 2025.csv', csv, { municipalityId: FX.alingsas, mapping });
      const second = await finished(coord, again.json().id);
      assert.equal(second.rowsImported, 0);
      assert.equal(second.rowsAlreadyImported, 12);
      assert.equal((await coord.get(`/api/incidents?municipality=${FX.alingsas}&limit=1000`)).json().items.filter((i: any) => i.externalId?.startsWith('AL-')).length, 12);

      // Undo: the rows and their history go, the undo is recorded; a second undo is refused.
      const undone = await coord.post(`/api/imports/${done.id}/undo`);
      assert.equal(undone.statusCode, 200, undone.body);
      assert.equal(undone.json().status, 'undone');
      assert.equal(undone.json().incidentCount, 0);
      assert.equal(undone.json().undoneByName, 'coordinator');
      assert.equal((await coord.get(`/api/incidents?import=${done.id}`)).json().items.length, 0);
      assert.equal((await coord.get(`/api/incidents/${first.id}`)).statusCode, 404);
      const kept = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident_history WHERE incident_id = $1`, [first.id]);
      assert.equal(kept.rows[0].n, 0);
      assert.equal((await coord.post(`/api/imports/${done.id}/undo`)).statusCode, 422);
      const log = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [done.id]);
      assert.deepEqual(log.rows.map((r) => r.action), ['incidents.import', 'incidents.import.undo']);
      // Undone, the rows can come in again.
      const third = await finished(coord, (await upload(coord, '/api/imports', 'rapporter 2025.csv', csv, { municipalityId: FX.alingsas, mapping })).json().id);
      assert.equal(third.rowsImported, 12);
      const history2 = (await coord.get(`/api/imports?municipalityId=${FX.alingsas}`)).json().items;
      assert.deepEqual(history2.map((i: any) => i.status), ['done', 'done', 'undone']);
    });

    test('an XLSX with date cells on a named sheet, and a GeoJSON file, are imported; rows without an id are recognised by their content', async () => {
      const rows = ROWS.slice(0, 6).map((r) => ({ ...r, id: undefined, category: 'Anlagd brand', when: r.when.replace('2025', '2024') }));
      const xlsx = await xlsxFile(rows);
      const p = (await upload(coord, '/api/imports/preview', 'brand.xlsx', xlsx, { municipalityId: FX.alingsas, sheet: 'Händelser' })).json();
      assert.equal(p.format, 'xlsx');
      assert.deepEqual(p.sheets, ['Info', 'Händelser']);
      assert.equal(p.sheet, 'Händelser');
      assert.equal(p.mapping.crs, 4326);
      assert.equal(p.valid, 6, JSON.stringify(p.errors));
      const done = await finished(coord, (await upload(coord, '/api/imports', 'brand.xlsx', xlsx, { municipalityId: FX.alingsas, sheet: 'Händelser' })).json().id);
      assert.equal(done.rowsImported, 6);
      const items = (await coord.get(`/api/incidents?import=${done.id}`)).json().items;
      // The cells' wall times are Swedish: 2024-01-10 08:05 is 07:05 UTC (winter), 2024-06-15 13:30 is 11:30 UTC (summer).
      const times = items.map((i: any) => new Date(i.occurredFrom).toISOString()).sort();
      assert.ok(times.includes('2024-01-10T07:05:00.000Z'), times.join());
      assert.ok(times.includes('2024-06-15T11:30:00.000Z'), times.join());
      const again = await finished(coord, (await upload(coord, '/api/imports', 'brand.xlsx', xlsx, { municipalityId: FX.alingsas, sheet: 'Händelser' })).json().id);
      assert.equal(again.rowsAlreadyImported, 6);
      assert.equal(again.rowsImported, 0);

      // The edition of 2024 states its provenance, and the sources add up to its count.
      const content = await computeSituationPictureContent(t.db, { userId: FX.users.coordinator.id, organisationId: FX.orgs.kommun, municipalityId: FX.alingsas, municipalities: [FX.alingsas], roles: ['coordinator'] },
        { municipalityId: FX.alingsas, from: new Date('2024-01-01T00:00:00+01:00'), to: new Date('2025-01-01T00:00:00+01:00') });
      assert.deepEqual(content.sources?.find((x) => x.fileName === 'brand.xlsx'), { source: 'import', fileName: 'brand.xlsx', count: 6 });
      assert.equal(content.sources!.reduce((a, x) => a + x.count, 0), content.totals.count);

      const missingSheet = await upload(coord, '/api/imports/preview', 'brand.xlsx', xlsx, { municipalityId: FX.alingsas, sheet: 'Blad9' });
      assert.equal(missingSheet.statusCode, 422);
      assert.match(missingSheet.json().error.fields[0].message, /Blad9/);

      const geo = geoJsonFile(ROWS.slice(0, 3).map((r) => ({ ...r, id: `G-${r.id}`, category: 'Bråk/slagsmål', when: r.when.slice(0, 10) })));
      const g = await finished(coord, (await upload(coord, '/api/imports', 'punkter.geojson', geo, { municipalityId: FX.alingsas })).json().id);
      assert.equal(g.status, 'done', JSON.stringify(g));
      assert.equal(g.rowsImported, 3);
      const day = (await coord.get(`/api/incidents?import=${g.id}`)).json().items[0];
      // A date without a time is that whole Swedish day.
      assert.equal((new Date(day.occurredTo).getTime() - new Date(day.occurredFrom).getTime()) / 3_600_000, 24);
    });

    test('a row outside the municipality is named by row; all or nothing, or the valid rows with skipInvalid', async () => {
      const rows: FileRow[] = [
        { id: 'X-1', when: '2025-05-01 10:00', category: 'Krossat glas', ...A },
        { id: 'X-2', when: '2025-05-02 10:00', category: 'Krossat glas', ...POINTS.vargardaCentrum },
        { id: 'X-3', when: '2025-13-45 10:00', category: 'Krossat glas', ...A },
      ];
      const csv = swedishCsv(rows);
      const before = await countRows(t, 'incidents');
      const p = (await upload(coord, '/api/imports/preview', 'blandat.csv', csv, { municipalityId: FX.alingsas })).json();
      assert.equal(p.valid, 1);
      assert.equal(p.invalid, 2);
      assert.deepEqual(p.errors.map((e: any) => e.row), [3, 4]);
      assert.match(p.errors[0].message, /Alingsås/);
      assert.equal(p.errors[1].column, 'Datum');
      const refused = await upload(coord, '/api/imports', 'blandat.csv', csv, { municipalityId: FX.alingsas });
      assert.equal(refused.statusCode, 422);
      assert.equal(await countRows(t, 'incidents'), before);
      const partial = await finished(coord, (await upload(coord, '/api/imports', 'blandat.csv', csv, { municipalityId: FX.alingsas, skipInvalid: true })).json().id);
      assert.equal(partial.rowsImported, 1);
      assert.equal(partial.rowsRejected, 2);
      assert.deepEqual(partial.errors.map((e: any) => e.row), [3, 4]);
      assert.equal(await countRows(t, 'incidents'), before + 1);
    });

    test('bad files are named precisely and change nothing', async () => {
      const before = await countRows(t, 'incidents');
      const cases: Array<[string, Buffer, RegExp]> = [
        ['tom.csv', Buffer.alloc(0), /tom/i],
        ['rubriker.csv', Buffer.from('Datum;Kategori;X;Y\r\n'), /rubrik|rader/i],
        ['trasig.geojson', Buffer.from('{"type": "FeatureCollection", "features": [ {'), /JSON/],
      ];
      for (const [name, bytes, message] of cases) {
        const r = await upload(coord, '/api/imports', name, bytes, { municipalityId: FX.alingsas });
        assert.equal(r.statusCode, 422, `${name}: ${r.body}`);
        assert.match(r.json().error.fields[0].message, message, name);
      }
      const noForm = await coord.post('/api/imports', { municipalityId: FX.alingsas });
      assert.ok(noForm.statusCode >= 400 && noForm.statusCode < 500, noForm.body);
      const badOptions = await upload(coord, '/api/imports/preview', 'a.csv', swedishCsv(ROWS), { municipalityId: 'Alingsås' });
      assert.equal(badOptions.statusCode, 422, badOptions.body);
      assert.equal(await countRows(t, 'incidents'), before);
    });

    test('only coordinators and administrators of the municipality import, see imports and undo them', async () => {
      const csv = swedishCsv(ROWS.slice(0, 2).map((r) => ({ ...r, id: `R-${r.id}`, category: 'Krossat glas' })));
      for (const c of [rep, viewer]) assert.equal((await upload(c, '/api/imports/preview', 'a.csv', csv, { municipalityId: FX.alingsas })).statusCode, 403);
      assert.equal((await upload(vCoord, '/api/imports', 'a.csv', csv, { municipalityId: FX.alingsas })).statusCode, 403);
      const done = await finished(admin, (await upload(admin, '/api/imports', 'a.csv', csv, { municipalityId: FX.alingsas })).json().id);
      assert.equal(done.status, 'done');
      assert.equal((await vCoord.get(`/api/imports/${done.id}`)).statusCode, 404);
      assert.equal((await vCoord.post(`/api/imports/${done.id}/undo`)).statusCode, 404);
      assert.equal((await rep.get(`/api/imports?municipalityId=${FX.alingsas}`)).statusCode, 403);
      assert.equal((await vCoord.get(`/api/imports?municipalityId=${FX.alingsas}`)).statusCode, 403);
    });

    test('an import whose process stopped while storing is reported failed, not running for ever; one still storing elsewhere stays running', async () => {
      const make = async (id: string, startedAgoMs: number) => {
        await insertImport(t.db, { id, municipalityId: FX.alingsas, fileName: `${id}.csv`, format: 'csv', createdBy: null, mapping: { columns: {}, crs: null, dateOrder: 'dmy', categories: {} }, rowsTotal: 10 });
        await t.db.query(`UPDATE incident_imports SET created_at = $3 WHERE municipality_id = $1 AND id = $2`, [FX.alingsas, id, new Date(Date.now() - startedAgoMs)]);
      };
      const dead = randomUUID(), fresh = randomUUID();
      await make(dead, 5 * 60_000);
      await make(fresh, 1_000);
      const r = (await coord.get(`/api/imports/${dead}`)).json();
      assert.equal(r.status, 'failed');
      assert.match(r.errors[0].message, /servern som körde den stannade/);
      // One that has only just started may still be on its way to its transaction.
      assert.equal((await coord.get(`/api/imports/${fresh}`)).json().status, 'running');

      // A process that holds the import's lock (its rows' transaction is open) keeps it running;
      // when that process dies, the lock goes with it. The embedded engine has one process only.
      if (engine === 'pglite') return;
      const busy = randomUUID();
      await make(busy, 5 * 60_000);
      const other = new pg.Client({ connectionString: t.location.databaseUrl });
      await other.connect();
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(hashtextextended('lagesbild.import:' || $1::text, 0))`, [busy]);
      const list = (await coord.get(`/api/imports?municipalityId=${FX.alingsas}`)).json().items;
      assert.equal(list.find((x: any) => x.id === busy).status, 'running');
      assert.equal(list.find((x: any) => x.id === dead).status, 'failed');
      await other.end();
      assert.equal((await coord.get(`/api/imports/${busy}`)).json().status, 'failed');
    });

    test('mappings are saved by name, replaced by name and deleted', async () => {
      const mapping = { columns: { date: 'Datum', category: 'Typ', x: 'E', y: 'N' }, crs: 3006, dateOrder: 'dmy', categories: { Spray: 'skadegorelse.klotter' } };
      const saved = await coord.put('/api/import-mappings', { municipalityId: FX.alingsas, name: 'Gamla systemet', mapping });
      assert.equal(saved.statusCode, 200, saved.body);
      const replaced = await coord.put('/api/import-mappings', { municipalityId: FX.alingsas, name: 'Gamla systemet', mapping: { ...mapping, crs: 3007 } });
      assert.equal(replaced.json().id, saved.json().id);
      const list = (await coord.get(`/api/import-mappings?municipalityId=${FX.alingsas}`)).json().items;
      assert.equal(list.length, 1);
      assert.equal(list[0].mapping.crs, 3007);
      assert.equal((await vCoord.delete(`/api/import-mappings/${saved.json().id}`)).statusCode, 404);
      assert.equal((await coord.delete(`/api/import-mappings/${saved.json().id}`)).statusCode, 204);
      assert.equal((await coord.get(`/api/import-mappings?municipalityId=${FX.alingsas}`)).json().items.length, 0);
    });
  });
}
