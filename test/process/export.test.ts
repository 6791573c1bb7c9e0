import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { insertIncidents } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { gdalTools, ogrFeatures, ogrLayers, validateGpkg } from '../support/gdal.ts';
import { run } from '../support/process.ts';
import { openPglite } from '../../src/db/pglite.ts';

describe('lagesbild export incidents on an embedded database', () => {
  let t: TestDatabase;
  let env: Record<string, string | undefined>;
  let dir: string;
  const at = (d: string) => new Date(d);
  before(async () => {
    t = await createTestDatabase('pglite');
    await insertIncidents(t, [
      { categoryCode: 'skadegorelse.klotter', e: 354000, n: 6423500, at: at('2026-11-02T09:00:00Z'), org: 'alingsashem' },
      { categoryCode: 'skadegorelse.klotter', e: 354050, n: 6423550, at: at('2026-11-03T09:00:00Z'), org: 'polisen', visibility: 'restricted' },
      { categoryCode: 'skadegorelse.klotter', e: 354100, n: 6423600, at: at('2026-10-03T09:00:00Z'), org: 'alingsashem' },
      { categoryCode: 'nedskrapning', e: 354200, n: 6423700, at: at('2026-11-04T09:00:00Z'), org: 'bevakning' },
    ]);
    await t.db.close();
    env = { DATA_DIR: t.location.dataDir, DATABASE_URL: '' };
    dir = mkdtempSync(join(tmpdir(), 'lb-export-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  const exportArgs = (format: string, out: string, ...more: string[]) =>
    ['export', 'incidents', '--municipality', '1489', '--format', format, '--out', out, '--from', '2026-11-01', '--to', '2026-12-01', '--categories', 'skadegorelse.klotter', ...more];

  test('a GeoPackage of the filtered selection that GDAL opens and validates; everything in the municipality, the restricted too; logged as the command line', async (ctx) => {
    const gdal = gdalTools();
    const out = join(dir, 'klotter.gpkg');
    const r = await run(exportArgs('gpkg', out), env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /exporterar händelserna i Alingsås \(1489\) som gpkg/);
    assert.match(r.stderr, /skrev .*klotter\.gpkg \(2 händelser/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.part')), [], 'no half-written file left');
    const db = await openPglite(t.location.dataDir!);
    try {
      const audit = await db.query<{ userId: string | null; details: any }>(`SELECT user_id AS "userId", details FROM audit_log WHERE action = 'incidents.export' ORDER BY id DESC LIMIT 1`);
      assert.equal(audit.rows[0].userId, null, 'no user: the deployment');
      assert.equal(audit.rows[0].details.via, 'cli');
      assert.equal(typeof audit.rows[0].details.operator, 'string');
      assert.equal(audit.rows[0].details.format, 'gpkg');
      assert.equal(audit.rows[0].details.count, 2);
      assert.equal(audit.rows[0].details.query.categories, 'skadegorelse.klotter');
    } finally {
      await db.close();
    }
    if ('skip' in gdal) return ctx.skip(gdal.skip);
    const layers = new Map(ogrLayers(gdal, out).map((l) => [l.name, l]));
    assert.equal(layers.get('handelser')!.count, 2, 'November, klotter: the restricted police report included');
    assert.equal(layers.get('handelser')!.epsg, 3006);
    assert.ok(layers.has('atgarder'), 'the deployment reads measures');
    assert.equal(validateGpkg(gdal, out).status, 0);
    const about = new Map(ogrFeatures(out, 'urval').map((f) => [f.properties.uppgift, f.properties.varde]));
    assert.match(String(about.get('Exporterad av')), /^kommandoraden \(lagesbild export/);
    assert.equal(about.get('Period'), '2026-11-01 – 2026-11-30 (svensk tid)');
  });

  test('XLSX, CSV for Excel and GeoJSON from the same filters', async () => {
    const xlsx = join(dir, 'klotter.xlsx');
    const r = await run(exportArgs('xlsx', xlsx, '--organisations', 'Alingsåshem'), env);
    assert.equal(r.code, 0, r.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    assert.equal(wb.getWorksheet('Händelser')!.rowCount, 2, 'the header and the one Alingsåshem report');
    const about = new Map<string, string>();
    wb.getWorksheet('Urval')!.eachRow((row) => about.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    assert.equal(about.get('Organisationer'), 'Alingsåshem');
    const csv = join(dir, 'klotter.csv');
    assert.equal((await run(exportArgs('excel', csv), env)).code, 0);
    assert.equal(readFileSync(csv, 'utf8').trim().split('\r\n').length, 3, 'header and two rows');
    const geojson = join(dir, 'klotter.geojson');
    assert.equal((await run(exportArgs('geojson', geojson, '--review-status', 'new'), env)).code, 0);
    assert.equal(JSON.parse(readFileSync(geojson, 'utf8')).features.length, 2);
  });

  test('bad arguments: exit status 2, the option named in Swedish, no file written', async () => {
    const out = join(dir, 'bad.gpkg');
    const cases: Array<[string[], RegExp]> = [
      [exportArgs('pdf', out), /--format ska vara en av csv, excel, xlsx, geojson, gpkg, inte "pdf"/],
      [exportArgs('gpkg', out, '--categories', 'finns.inte'), /--categories: okänd kategori "finns\.inte"; kommunen har: .*skadegorelse/],
      [exportArgs('gpkg', out, '--organisations', 'Ingen AB'), /--organisations: okänd organisation "Ingen AB"/],
      [exportArgs('gpkg', out, '--from', '2026-13-01'), /--from: /],
      [exportArgs('gpkg', out, '--review-status', 'klar'), /--review-status: .*new, reviewed, rejected, duplicate/],
      [exportArgs('gpkg', out, '--area', 'Ingenstans'), /--area: okänt område "Ingenstans"/],
      [exportArgs('gpkg', out, '--edition', 'x'), /--edition ska vara en lägesbilds id/],
      [exportArgs('gpkg', out, '--edition', '00000000-0000-4000-8000-000000000000'), /--edition: lägesbilden finns inte i kommunen/],
      [['export', 'incidents', '--municipality', '9999', '--out', out], /--municipality: kommunen 9999 finns inte i databasen; den har: .*1489 \(Alingsås\)/],
      [['export', 'incidents', '--municipality', '1489'], /--out saknas/],
    ];
    // One process at a time: each opens the same embedded database.
    for (const [args, message] of cases) {
      const r = await run(args, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr.replace(/\n/g, ' '), message, args.join(' '));
    }
    assert.ok(!existsSync(out));
    const help = await run(['export', 'incidents', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--municipality <code>[\s\S]*--format <format>[\s\S]*--categories <codes>/);
  });
});
