/**
 * The table view in a real browser: the coordinator sees the selection's incidents, the counts change
 * with the period and the categories (kept in the URL), a row opens to the whole incident, the page
 * passes axe, and the selection exports as Excel (.xlsx), CSV for Excel, CSV (RFC 4180), GeoJSON and GeoPackage
 * downloads with exactly its rows.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { POINTS } from '../support/fixtures.ts';
import { seedIncidents, type Seeded } from './support/data.ts';
import { axe, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: the table, its filters and export', { skip: skipReason() }, () => {
  let e2e: E2E;
  let data: Seeded;
  let page: Page;
  before(async () => {
    e2e = await startE2E();
    data = await seedIncidents(e2e);
    page = await e2e.pageAs('coordinator');
  });
  after(async () => { await page?.context().close(); await e2e?.close(); });

  /** Opens /tabell with the given URL filters and returns the rows (only this file's incidents exist). */
  async function table(params: string): Promise<string[]> {
    await page.goto(`${e2e.url}/#/tabell?${params}`);
    await page.reload(); // the filters are read from the URL when the app starts
    await page.getByRole('heading', { level: 1, name: 'Händelser i tabell' }).waitFor();
    const status = page.getByRole('status').filter({ hasText: /händelser|Inga händelser/ });
    await status.filter({ hasNotText: 'Hämtar' }).waitFor();
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');
    return rows.allInnerTexts();
  }

  test('the default four weeks: five incidents, newest first, with category, place and organisation', async () => {
    const rows = await table('');
    assert.equal(rows.length, 5, rows.join('\n'));
    assert.match(rows[0], /Klotter\/graffiti/);
    assert.match(rows[0], /Stora torget/);
    assert.match(rows[4], /Nedskräpning/);
    assert.match(rows[4], /Resecentrum/);
    await page.getByText('Alla 5 händelser i urvalet visas.').waitFor();
    await axe(page, 'table');
    await screenshot(page, 'table');
  });

  test('period and category filters change the counts', async () => {
    const klotter = data.categories['skadegorelse.klotter'];
    const nedskrapning = data.categories['nedskrapning'];
    assert.equal((await table('period=week')).length, 3, 'last week: the three recent graffiti reports');
    assert.equal((await table('period=quarter')).length, 6, 'quarter: all six');
    assert.equal((await table(`period=quarter&categories=${klotter}`)).length, 4, 'quarter, graffiti only');
    assert.equal((await table(`period=4weeks&categories=${nedskrapning}`)).length, 2, 'four weeks, littering only');
    await page.getByText('Alla 2 händelser i urvalet visas.').waitFor();
    // The selection is spelled out for those who cannot see the map.
    // (The names arrive with the reference data, which may come after the rows.)
    await page.getByRole('definition').filter({ hasText: 'Nedskräpning' }).first().waitFor({ timeout: 10_000 }).catch(async () => {
      assert.fail(`the selection does not name the category: ${(await page.getByRole('definition').allInnerTexts()).join(' | ')}`);
    });
  });

  test('a map cell opens in the table as just its incidents, and the box can be removed', async () => {
    const c = POINTS.alingsasCentrum;
    // The three graffiti reports lie at offsets 0–2 from the centre, the littering at 4–5.
    const bbox = [c.lon - 0.0001, c.lat - 0.0001, c.lon + 0.0015, c.lat + 0.0009].join(',');
    const rows = await table(`bbox=${bbox}`);
    assert.equal(rows.length, 3, rows.join('\n'));
    assert.ok(rows.every((r) => /Klotter\/graffiti/.test(r)), rows.join('\n'));
    await page.getByText('Kartutsnitt').waitFor();
    await page.getByRole('button', { name: 'Visa hela urvalet, inte bara rutan' }).click();
    await page.getByText('Alla 5 händelser i urvalet visas.').waitFor();
    assert.ok(!page.url().includes('bbox='), page.url());
  });

  test('a row opens to the whole incident and stays accessible', async () => {
    await table('period=week');
    const button = page.getByRole('button', { name: /^Visa detaljer/ }).first();
    await button.click();
    await page.getByRole('button', { name: /^Dölj detaljer/ }).first().waitFor();
    await page.getByText('Händelsen i detalj').first().waitFor();
    await axe(page, 'table with an incident opened');
    await screenshot(page, 'table-details');
  });

  test('export: Excel (.xlsx), CSV for Excel, CSV (RFC 4180), GeoJSON and GeoPackage downloads of exactly the selection', async () => {
    const klotter = data.categories['skadegorelse.klotter'];
    await table(`period=quarter&categories=${klotter}`);
    const links = await page.locator('.export-buttons a').allInnerTexts();
    assert.deepEqual(links, ['Excel (.xlsx)', 'CSV för Excel', 'CSV (RFC 4180)', 'GeoJSON', 'GeoPackage'], 'the workbook is the first, default choice');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel (.xlsx)' }).click()]);
    assert.match(xlsx.suggestedFilename(), /^lagesbild-Alingsås-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Händelser', 'Urval']);
    assert.equal(wb.getWorksheet('Händelser')!.rowCount, 1 + 4, 'header and four rows');
    assert.equal(wb.getWorksheet('Händelser')!.getRow(2).getCell(3).type, ExcelJS.ValueType.Date);
    const [gpkg] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'GeoPackage' }).click()]);
    assert.match(gpkg.suggestedFilename(), /^lagesbild-Alingsås-\d{4}-\d{2}-\d{2}\.gpkg$/);
    const gp = readFileSync((await gpkg.path())!);
    assert.equal(gp.toString('latin1', 0, 15), 'SQLite format 3');
    assert.equal(gp.readUInt32BE(68), 0x47504b47, 'a GeoPackage by its application_id');
    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV för Excel' }).click()]);
    assert.match(excel.suggestedFilename(), /^lagesbild-Alingsås-\d{4}-\d{2}-\d{2}-excel\.csv$/, 'named for the municipality it covers');
    const excelText = readFileSync((await excel.path())!, 'utf8');
    assert.ok(excelText.startsWith('\uFEFFId;Kommunkod;Tidpunkt från;Tidpunkt till;'), excelText.slice(0, 120));
    const excelLines = excelText.slice(1).trim().split('\r\n');
    assert.equal(excelLines.length, 1 + 4, `header and four rows:\n${excelText}`);
    assert.equal(excelLines.slice(1).filter((l) => l.includes(data.prefix)).length, 4);
    for (const l of excelLines.slice(1)) assert.match(l, /;\d{4}-\d{2}-\d{2} \d{2}:\d{2};.*;Klotter\/graffiti;.*;\d+,\d+;\d+,\d+;/, l);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV (RFC 4180)' }).click()]);
    const text = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    assert.ok(lines[0].startsWith('id,municipality,occurred_from,'), lines[0]);
    assert.equal(lines.length, 1 + 4, `header and four rows:\n${text}`);
    assert.equal(lines.slice(1).filter((l) => l.includes(data.prefix)).length, 4);
    const [geo] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /GeoJSON/ }).click()]);
    const fc = JSON.parse(readFileSync((await geo.path())!, 'utf8')) as { type: string; features: Array<{ geometry: { coordinates: number[] } }> };
    assert.equal(fc.type, 'FeatureCollection');
    assert.equal(fc.features.length, 4);
    for (const f of fc.features) {
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(lon > 12.4 && lon < 12.7 && lat > 57.85 && lat < 58.0, `WGS84 in Alingsås: ${lon}, ${lat}`);
    }
  });
});
