import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { FX, POINTS } from '../support/fixtures.ts';
import { run } from '../support/process.ts';
import { geoJsonFile, swedishCsv, xlsxFile, type FileRow } from '../support/import-files.ts';

const A = POINTS.alingsasCentrum;
const rows: FileRow[] = Array.from({ length: 5 }, (_, i) => ({
  id: `K-${i}`, when: `2025-10-0${i + 1} 1${i}:15`, category: i % 2 ? 'KROSSAT GLAS' : 'Klotter/graffiti', lon: A.lon + i * 0.001, lat: A.lat,
  organisation: 'Alingsåshem', police: i === 0,
}));

for (const engine of testEngines()) {
  describe(`lagesbild import incidents on ${engine}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    let dir: string;
    before(async () => {
      t = await createTestDatabase(engine);
      await t.db.close();
      env = { DATA_DIR: t.location.dataDir, DATABASE_URL: t.location.databaseUrl ?? '' };
      dir = mkdtempSync(join(tmpdir(), 'lb-import-'));
    });
    after(async () => {
      await t.drop();
      rmSync(dir, { recursive: true, force: true });
    });
    test('shows what it detected, refuses a file with errors by row, imports, skips a second time, and --skip-invalid writes the rejected rows beside the input', async () => {
      const file = join(dir, 'händelser.csv');
      writeFileSync(file, swedishCsv(rows, { organisation: true }));
      const dry = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', file, '--dry-run'], env);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stderr, /datum: Datum/);
      assert.match(dry.stderr, /klockslag: Klockslag/);
      assert.match(dry.stderr, /Koordinatsystem: SWEREF 99 TM .*\(gissat/);
      assert.match(dry.stderr, /KROSSAT GLAS \(2 rader\) → skadegorelse\.krossat_glas/);
      assert.match(dry.stderr, /5 rader skulle importeras, 0 finns redan, 0 har fel/);

      const ok = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', file], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stderr, /Importerade 5 händelser från händelser\.csv till 1489; 0 fanns redan/);
      const again = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', file], env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /Importerade 0 händelser .*; 5 fanns redan/);

      const bad = join(dir, 'fel.csv');
      writeFileSync(bad, swedishCsv([
        { ...rows[0], id: 'F-1' },
        { ...rows[1], id: 'F-2', when: '2025-02-30 10:00' },
        { ...rows[2], id: 'F-3', ...POINTS.vargardaCentrum },
        { ...rows[3], id: 'F-4', organisation: 'Okända bolaget' },
      ], { organisation: true }));
      const refused = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', bad], env);
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, /Rad 3.*Datum.*2025-02-30/);
      assert.match(refused.stderr, /Rad 4.*Alingsås/);
      assert.match(refused.stderr, /Rad 5.*Okända bolaget/);
      assert.match(refused.stderr, /3 rader har fel\. Inget importerades/);
      const still = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', bad, '--dry-run', '--skip-invalid'], env);
      assert.match(still.stderr, /1 rader skulle importeras/, 'the refused import stored nothing');

      const partial = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', bad, '--skip-invalid'], env);
      assert.equal(partial.code, 0, partial.stderr);
      assert.match(partial.stderr, /Importerade 1 händelser/);
      const rejected = join(dir, 'fel.avvisade.csv');
      assert.ok(existsSync(rejected));
      const text = readFileSync(rejected, 'utf8');
      assert.equal(text.trim().split(/\r\n/).length, 4, text);
      assert.match(text, /^\ufeffRad;Datum;Klockslag/);
      assert.match(text, /\n3;2025-02-30;.*;"?Rad 3/);
    });

    test('an XLSX by sheet name; a mapping file overrides detection; bad options and files are named', async () => {
      const xlsx = join(dir, 'brand.xlsx');
      writeFileSync(xlsx, await xlsxFile(rows.map((r) => ({ ...r, id: `X-${r.id}`, category: 'Eld i papperskorg' })), 'Blad2'));
      const mapping = join(dir, 'mapping.json');
      writeFileSync(mapping, JSON.stringify({ categories: { 'Eld i papperskorg': 'brand.anlagd' } }));
      const noMatch = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', xlsx, '--sheet', 'Blad2', '--organisation', 'Alingsåshem', '--dry-run'], env);
      assert.equal(noMatch.code, 1);
      assert.match(noMatch.stderr, /Eld i papperskorg \(5 rader\) → ingen träff/);
      const ok = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', xlsx, '--sheet', 'Blad2', '--organisation', 'Alingsåshem', '--mapping', mapping], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stderr, /Importerade 5 händelser/);

      const noSheet = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', xlsx, '--sheet', 'Blad9'], env);
      assert.equal(noSheet.code, 1);
      assert.match(noSheet.stderr, /Blad9/);
      const badOrg = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', xlsx, '--organisation', 'Finns inte'], env);
      assert.notEqual(badOrg.code, 0);
      assert.match(badOrg.stderr, /--organisation: "Finns inte"/);
      const badMapping = join(dir, 'bad.json');
      writeFileSync(badMapping, JSON.stringify({ crs: 1234 }));
      const r = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', xlsx, '--mapping', badMapping], env);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /--mapping: .*\/crs/);
      const empty = join(dir, 'tom.csv');
      writeFileSync(empty, '');
      const e = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', empty], env);
      assert.equal(e.code, 1);
      assert.match(e.stderr, /tom/i);
    });

    test('a GeoJSON file is imported, undone with import undo, and can come in again', async () => {
      const file = join(dir, 'punkter.geojson');
      writeFileSync(file, geoJsonFile(rows.map((r) => ({ ...r, id: `G-${r.id}`, category: 'Bråk/slagsmål' }))));
      const ok = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', file, '--organisation', 'Alingsåshem'], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stderr, /Koordinatsystem: WGS 84/);
      const id = /Import-id: ([0-9a-f-]{36})/.exec(ok.stderr)![1];
      const undo = await run(['import', 'undo', '--municipality', FX.alingsas, '--id', id], env);
      assert.equal(undo.code, 0, undo.stderr);
      assert.match(undo.stderr, /är ångrad/);
      const twice = await run(['import', 'undo', '--municipality', FX.alingsas, '--id', id], env);
      assert.equal(twice.code, 1);
      assert.match(twice.stderr, /kan inte ångras/);
      const unknown = await run(['import', 'undo', '--municipality', FX.alingsas, '--id', '00000000-0000-4000-8000-00000000abcd'], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /ingen import/);
      const again = await run(['import', 'incidents', '--municipality', FX.alingsas, '--file', file, '--organisation', 'Alingsåshem'], env);
      assert.match(again.stderr, /Importerade 5 händelser .*; 0 fanns redan/, 'an undone import frees its rows');
    });
  });
}
