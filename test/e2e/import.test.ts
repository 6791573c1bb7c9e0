/**
 * Issue 15, item 4 and the web half of "Done means", in a real browser: a coordinator imports a
 * Swedish Excel-style CSV (Windows-1252, semicolons, decimal commas), an XLSX and a GeoJSON file
 * through Administration → Importera — sees what was detected, changes a column's drop-down, maps an
 * unmatched category value with the municipality's tree, saves the mapping, imports with progress,
 * follows the result's links to the table and the map filtered to the import (the counts match the
 * API's, also for a row older than the default four weeks), imports the same file again (0 new, all
 * already there), imports the valid rows of a file with a point outside the municipality when told
 * to (the rejected row listed), and undoes imports from the history (their incidents are gone from
 * the table); the fixture files of test/fixtures/import go the same way. axe
 * finds no serious violation on the page in each of its states, and on a phone the preview scrolls
 * sideways inside its own box.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Locator, Page } from 'playwright-core';
import { POINTS } from '../support/fixtures.ts';
import { geoJsonFile, swedishCsv, xlsxFile, type FileRow } from '../support/import-files.ts';
import { FIXTURE_DIR, INCIDENTS } from '../fixtures/import/make-fixtures.ts';
import { E2E_NOW, stockholmDate } from './support/clock.ts';
import { axe, PHONE, screenshot, skipReason, startE2E, waitForFocus, type E2E } from './support/harness.ts';

const DAY = 86_400_000;
const MUNICIPALITY = '1489';
/** A Swedish date `daysAgo` days before the run's now, with a wall time or alone (a whole day). */
const when = (daysAgo: number, hm?: string) => {
  const d = stockholmDate(new Date(E2E_NOW.getTime() - daysAgo * DAY));
  return hm ? `${d} ${hm}` : d;
};
const A = POINTS.alingsasCentrum;
const at = (k: number) => ({ lon: A.lon + (k % 4) * 0.002, lat: A.lat + Math.floor(k / 4) * 0.0015 });

/** Six rows; "Cykelstöld" matches no category, and the last row lies six weeks back, outside the default period. */
const CSV_ROWS: FileRow[] = [
  { id: 'E2E-CSV-1', when: when(2, '21:30'), category: 'Klotter', ...at(0), place: 'Torget', description: 'Klotter på gaveln', police: false },
  { id: 'E2E-CSV-2', when: when(3, '08:05'), category: 'KROSSAT GLAS', ...at(1), place: 'Resecentrum', description: 'Krossad ruta i väntsalen', police: true },
  { id: 'E2E-CSV-3', when: when(5, '23:40'), category: 'Cykelstöld', ...at(2), place: 'Stationen', description: 'Cykel stulen ur stället' },
  { id: 'E2E-CSV-4', when: when(9), category: 'Nedskräpning', ...at(3), description: 'Skräp kring återvinningen' },
  { id: 'E2E-CSV-5', when: when(12, '02:15'), category: 'Cykelstöld', ...at(4), description: 'Låst cykel tagen' },
  { id: 'E2E-CSV-6', when: when(42, '19:00'), category: 'Klotter', ...at(5), place: 'Nolhaga', description: 'Taggar på lekstugan' },
];

/** The CSV as Swedish Excel saves it, its description column under a header nothing recognises ("Kolumn G"). */
function csvFile(): Buffer {
  const text = iconv.decode(swedishCsv(CSV_ROWS), 'win1252').replace(';Beskrivning;', ';Kolumn G;');
  return iconv.encode(text, 'win1252');
}

type Item = { id: string; externalId: string | null; description: string | null; categoryCode: string; importFileName: string | null; importedByName: string | null };
type ImportRec = { id: string; fileName: string; status: string; rowsImported: number; rowsAlreadyImported: number; rowsRejected: number; incidentCount: number };

describe('e2e: import of incidents (Administration → Importera)', { skip: skipReason() }, () => {
  let e2e: E2E;
  const pages: Page[] = [];
  before(async () => { e2e = await startE2E(); });
  after(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await e2e?.close();
  });
  const open = async (opts?: typeof PHONE) => {
    const page = await e2e.pageAs('coordinator', opts);
    pages.push(page);
    await page.goto(`${e2e.url}/#/admin/importera`);
    await page.getByRole('heading', { level: 2, name: 'Importera' }).waitFor();
    return page;
  };
  const incidentsOf = async (importId: string) => (await e2e.call<{ items: Item[] }>('coordinator', 'GET', `/api/incidents?import=${importId}&limit=1000`)).items;
  const imports = async () => (await e2e.call<{ items: ImportRec[] }>('coordinator', 'GET', `/api/imports?municipalityId=${MUNICIPALITY}`)).items;
  const column = (page: Page, header: string) => page.getByLabel(`Fält för kolumnen ${header}`, { exact: true });
  const upload = async (page: Page, name: string, mimeType: string, buffer: Buffer) => {
    await page.getByLabel('Fil med händelser').setInputFiles({ name, mimeType, buffer });
    await page.locator('#import-sample-caption').waitFor({ timeout: 30_000 });
  };
  /**
   * Clicks Import and waits for the result; returns the progress bar's states as the page drew them.
   * With `slow`, the import's first answer says "running" even when the server has already stored the
   * rows (PGlite answers only after the storing transaction, so a small file is done at once), so the
   * page must show the progress and follow the import to its end, as it does on PostgreSQL.
   */
  const runImport = async (page: Page, button: string | RegExp, slow = false) => {
    if (slow) {
      await page.route((u) => u.pathname === '/api/imports', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        const response = await route.fetch();
        const body = await response.json() as { status: string; rowsDone: number };
        await route.fulfill({ response, json: { ...body, status: 'running', rowsDone: 0 } });
      }, { times: 1 });
    }
    await page.evaluate(() => {
      const w = window as unknown as { progressSeen: Array<[number, number]> };
      w.progressSeen = [];
      new MutationObserver(() => {
        const p = document.querySelector<HTMLProgressElement>('progress#import-progress');
        if (p) w.progressSeen.push([p.value, p.max]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
    const result = page.getByRole('heading', { level: 3, name: /^Importen (är klar|misslyckades)$/ });
    const refused = page.locator('.import-new .form-error');
    await result.or(refused).first().waitFor({ timeout: 60_000 });
    if (await refused.isVisible()) assert.fail(`the import was refused: ${await refused.innerText()}\nserver:\n${e2e.output().slice(-3000)}`);
    return page.evaluate(() => (window as unknown as { progressSeen: Array<[number, number]> }).progressSeen);
  };
  const resultCounts = async (page: Page) => {
    const dl = page.locator('.import-result-counts');
    const get = async (label: string) => Number((await dl.locator('div', { has: page.locator('dt', { hasText: label }) }).locator('dd').innerText()).replace(/\s/g, ''));
    return { imported: await get('Importerade'), already: await get('Fanns redan'), rejected: await get('Avvisade') };
  };
  /** Waits until a control shows a value (a new preview is on its way), then insists on it. */
  const valueOf = async (control: Locator, value: string) => {
    for (let k = 0; k < 100 && await control.inputValue() !== value; k++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await control.inputValue(), value);
  };
  const tableRows = (page: Page) => page.locator('table.incidents > tbody > tr:not(.detail-row)');

  let csvImport: ImportRec;
  let csvTableHref = '';

  test('a Swedish Excel CSV: detected, one column and one category mapped by hand, imported with progress, then shown in the table filtered to it', async () => {
    const page = await open();
    await upload(page, 'händelser.csv', 'text/csv', csvFile());

    // What the server detected: the file's facts, the columns, the coordinate system.
    const facts = await page.locator('.import-facts').innerText();
    assert.match(facts, /windows-1252/i);
    assert.match(facts, /semikolon/);
    assert.match(facts, /6 rader/);
    for (const [header, field] of [['Datum', 'date'], ['Klockslag', 'time'], ['Händelsetyp', 'category'], ['Öst', 'x'], ['Nord', 'y'], ['Plats', 'place'], ['Ärendenummer', 'externalId']]) {
      assert.equal(await column(page, header).inputValue(), field, `the column ${header} is read as ${field}`);
    }
    assert.equal(await column(page, 'Kolumn G').inputValue(), '', 'an unknown header is ignored until the user says otherwise');
    assert.equal(await page.locator('#import-crs').inputValue(), '3006');
    await page.getByText(/^Gissat från värdena: SWEREF 99 TM/).waitFor();

    // "Cykelstöld" matches no category: highlighted, its two rows listed as errors, Import disabled.
    const cykel = page.locator('table.import-categories tbody tr', { hasText: 'Cykelstöld' });
    await cykel.getByText('Ingen träff').waitFor();
    await page.getByText('4 rader kan importeras').waitFor();
    await page.getByText('2 rader har fel').waitFor();
    const errorRows = page.locator('.import-validation table tbody tr');
    assert.deepEqual(await errorRows.locator('th').allInnerTexts(), ['4', '6'], 'the errors name the rows as the spreadsheet numbers them');
    assert.match(await errorRows.first().innerText(), /Cykelstöld/);
    assert.equal(await page.getByRole('button', { name: /^Importera \d+ rader$/ }).isDisabled(), true);
    await axe(page, 'import preview with an unmatched category');
    await screenshot(page, 'import-preview');

    // The user reads "Kolumn G" as the description and maps "Cykelstöld" to Inbrott/stöld.
    await column(page, 'Kolumn G').selectOption('description');
    await page.getByLabel('Kategori för värdet Cykelstöld').selectOption('inbrott_stold');
    await page.getByText('6 rader kan importeras').waitFor();
    assert.equal(await page.getByText('Ingen träff').count(), 0);
    assert.equal(await column(page, 'Kolumn G').inputValue(), 'description', 'the choice survives the new preview');

    // Saved by name for the next file of the kind.
    await page.getByLabel('Spara mappningen som').fill('Gamla Excel-listan');
    await page.getByRole('button', { name: 'Spara mappningen' }).click();
    await page.getByText('Mappningen ”Gamla Excel-listan” sparades.').waitFor();
    await axe(page, 'import preview ready to import');

    const progress = await runImport(page, 'Importera 6 rader', true);
    assert.ok(progress.length > 0, 'a progress bar was shown while the import ran');
    assert.ok(progress.every(([, max]) => max === 6), `the bar counts the file's rows: ${JSON.stringify(progress)}`);
    await waitForFocus(page, { id: 'import-result-title' }, 'focus moves to the result');
    assert.deepEqual(await resultCounts(page), { imported: 6, already: 0, rejected: 0 });
    await axe(page, 'import result');
    await screenshot(page, 'import-result');

    [csvImport] = await imports();
    assert.equal(csvImport.fileName, 'händelser.csv');
    assert.equal(csvImport.rowsImported, 6);
    const items = await incidentsOf(csvImport.id);
    assert.equal(items.length, 6);
    const byId = new Map(items.map((i) => [i.externalId, i]));
    assert.equal(byId.get('E2E-CSV-1')?.description, 'Klotter på gaveln', 'the column mapped by hand was read');
    assert.equal(byId.get('E2E-CSV-3')?.categoryCode, 'inbrott_stold', 'the category mapped by hand was used');
    assert.equal(byId.get('E2E-CSV-2')?.categoryCode, 'skadegorelse.krossat_glas');

    // The table, filtered to the import: a visible chip, all six (one of them six weeks old), their source.
    await page.getByRole('link', { name: 'Visa i tabellen' }).click();
    await page.waitForURL(/#\/tabell\?.*import=/);
    csvTableHref = page.url();
    const chip = page.locator('.filter-chip');
    await chip.getByText('Import: händelser.csv').waitFor();
    await page.getByText('Alla 6 händelser i urvalet visas.').waitFor({ timeout: 30_000 }).catch(async () => {
      // The row six weeks back is only in the table when the link's period spans the import (ImportRecord.occurredFrom/To).
      assert.fail(`the table filtered to the import (${page.url()}) says ${await page.locator('.list-footer').innerText()}`);
    });
    assert.equal(await tableRows(page).count(), items.length, 'the table shows as many as the API has for the import');
    const sources = await page.locator('table.incidents td.source').allInnerTexts();
    assert.deepEqual([...new Set(sources)], ['Import: händelser.csv']);
    await tableRows(page).first().getByRole('button', { name: /^Visa detaljer/ }).click();
    await page.locator('.incident-detail').getByText(/^Importerad från händelser\.csv av coordinator, /).waitFor();
    await axe(page, 'table filtered to an import');
    await screenshot(page, 'import-table');

    // The chip removes the filter.
    await chip.getByRole('button', { name: 'Ta bort filtret Import: händelser.csv' }).click();
    await page.waitForURL((u) => !u.hash.includes('import='));
    assert.equal(await chip.count(), 0);
  });

  test('the same CSV again, with the saved mapping: 0 new, 6 already there, no duplicates; then the first import is undone and its rows leave the table', async () => {
    assert.ok(csvImport, 'the first test imported the CSV');
    const page = await open();
    await upload(page, 'händelser.csv', 'text/csv', csvFile());
    await page.getByLabel('Sparad mappning').selectOption({ label: 'Gamla Excel-listan' });
    await page.getByText('Mappningen ”Gamla Excel-listan” används.').waitFor();
    await valueOf(column(page, 'Kolumn G'), 'description');
    assert.equal(await page.getByLabel('Kategori för värdet Cykelstöld').inputValue(), 'inbrott_stold');
    await page.getByText('6 rader finns redan (importerade tidigare)').waitFor();
    await page.getByText('0 rader kan importeras').waitFor();

    await runImport(page, 'Importera');
    assert.deepEqual(await resultCounts(page), { imported: 0, already: 6, rejected: 0 });
    const all = await e2e.call<{ items: Item[] }>('coordinator', 'GET', '/api/incidents?limit=1000');
    assert.equal(all.items.filter((i) => i.externalId?.startsWith('E2E-CSV-')).length, 6, 'no duplicates');

    // The history: both imports, newest first; undo the one that brought the rows in.
    const history = page.locator('.import-history tbody tr');
    await history.nth(1).waitFor();
    assert.match(await history.nth(0).innerText(), /0 importerade, 6 fanns redan/);
    // The counts cell, not the row: the row's text runs the time into the counts ("06:11" + "0 importerade" reads "10 importerade").
    const first = history.filter({ has: page.locator('td', { hasText: /^6 importerade,/ }) });
    assert.match(await first.innerText(), /coordinator/);
    await axe(page, 'import history');
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
    await first.getByRole('button', { name: /^Ångra import av händelser\.csv/ }).click();
    await first.getByText('Ångrad', { exact: true }).waitFor();
    assert.match(asked, /Dess 6 händelser tas bort/);
    await page.getByText('Importen av händelser.csv är ångrad.').waitFor();
    assert.equal(await first.getByRole('button', { name: /^Ångra/ }).count(), 0, 'an undone import cannot be undone again');
    assert.equal((await incidentsOf(csvImport.id)).length, 0);
    assert.equal((await imports()).find((r) => r.id === csvImport.id)?.status, 'undone');

    // The table of that import is empty now.
    await page.goto(csvTableHref);
    await page.getByText('Inga händelser matchar urvalet.').waitFor({ timeout: 30_000 });
    assert.equal(await tableRows(page).count(), 0);
  });

  test('an XLSX (the sheet chosen from its two) and the map filtered to it; then undone', async () => {
    const rows: FileRow[] = [
      { id: 'E2E-X-1', when: when(1, '22:10'), category: 'Anlagd brand', ...at(8), place: 'Skolan', description: 'Brand i papperskorg' },
      { id: 'E2E-X-2', when: when(4, '17:45'), category: 'Bråk/slagsmål', ...at(9), place: 'Torget', description: 'Slagsmål utanför kiosken' },
      { id: 'E2E-X-3', when: when(6, '11:00'), category: 'Klotter/graffiti', ...at(10), description: 'Klotter på elskåp' },
      { id: 'E2E-X-4', when: when(20, '03:30'), category: 'Moped', ...at(11), description: 'Mopeder på gångvägen' },
    ];
    const page = await open();
    await page.getByLabel('Fil med händelser').setInputFiles({ name: 'gamla-listan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsxFile(rows) });
    // The workbook's first sheet ("Info") holds a title and no table. Read as the first sheet it is
    // refused with the reason, and the page asks for the sheet by name; a reader that skips to a
    // sheet with rows shows the preview at once. Either way the drop-down then offers both sheets.
    const caption = page.locator('#import-sample-caption');
    const named = page.getByLabel('Läs ett annat blad: bladets namn');
    await caption.or(named).first().waitFor({ timeout: 30_000 });
    if (await named.isVisible()) {
      await page.locator('.form-error').getByText(/^Filen kunde inte läsas/).waitFor();
      await axe(page, 'import of a workbook whose first sheet has no table');
      await named.fill('Händelser');
      await page.getByRole('button', { name: 'Läs bladet' }).click();
      await caption.waitFor({ timeout: 30_000 });
    }
    const facts = await page.locator('.import-facts').innerText();
    assert.match(facts, /Excel \(XLSX\)/);
    const sheet = page.getByLabel('Blad', { exact: true });
    await sheet.waitFor();
    assert.deepEqual(await sheet.locator('option').allInnerTexts(), ['Info', 'Händelser']);
    assert.equal(await sheet.inputValue(), 'Händelser');
    await page.waitForFunction(() => [...document.querySelectorAll('table.import-sample thead th')].some((th) => th.textContent === 'Tidpunkt'));
    assert.equal(await column(page, 'Tidpunkt').inputValue(), 'dateTime');
    assert.equal(await column(page, 'Kategori').inputValue(), 'category');
    assert.equal(await column(page, 'Latitud').inputValue(), 'y');
    assert.equal(await column(page, 'Longitud').inputValue(), 'x');
    assert.equal(await page.locator('#import-crs').inputValue(), '4326');
    await page.getByText('4 rader kan importeras').waitFor();
    await axe(page, 'import preview of an XLSX');

    await runImport(page, 'Importera 4 rader');
    assert.deepEqual(await resultCounts(page), { imported: 4, already: 0, rejected: 0 });
    const [record] = await imports();
    assert.equal(record.fileName, 'gamla-listan.xlsx');
    assert.equal((await incidentsOf(record.id)).length, 4);

    // The map and its side panel, filtered to the import.
    await page.getByRole('link', { name: 'Visa på kartan' }).click();
    await page.waitForURL(/#\/karta\?.*import=/);
    await page.locator('.filter-chip').getByText('Import: gamla-listan.xlsx').waitFor();
    await page.getByRole('region', { name: 'Sammanfattning av urvalet' }).locator('.panel-total-number').filter({ hasText: /^4$/ }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'import-map');

    await page.goto(`${e2e.url}/#/admin/importera`);
    const row = page.locator('.import-history tbody tr', { hasText: 'gamla-listan.xlsx' });
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /^Ångra import av gamla-listan\.xlsx/ }).click();
    await row.getByText('Ångrad', { exact: true }).waitFor();
    assert.equal((await incidentsOf(record.id)).length, 0);
  });

  test('a GeoJSON on a phone: the preview scrolls sideways in its own box; a point outside the municipality skipped on request and listed; imported, its table link counts right, undone', async () => {
    const rows: FileRow[] = [
      { id: 'E2E-G-1', when: when(2, '20:00'), category: 'Nedskräpning', ...at(12), place: 'Parken', description: 'Skräp efter helgen' },
      { id: 'E2E-G-2', when: when(3, '21:15'), category: 'Dålig belysning', ...at(13), place: 'Gångtunneln', description: 'Lampan trasig' },
      { id: 'E2E-G-3', when: when(7, '07:40'), category: 'Krossat glas', ...at(14), description: 'Glas på cykelbanan' },
      // In Vårgårda, not Alingsås: an error for its row, skipped when the user says so.
      { id: 'E2E-G-4', when: when(8, '12:00'), category: 'Krossat glas', ...POINTS.vargardaCentrum, description: 'Glas vid stationen' },
    ];
    const page = await open(PHONE);
    await upload(page, 'punkter.geojson', 'application/geo+json', geoJsonFile(rows));
    assert.match(await page.locator('.import-facts').innerText(), /GeoJSON/);
    await page.getByText('3 rader kan importeras').waitFor();
    await page.getByText('1 rad har fel').waitFor();
    assert.equal(await page.locator('.import-validation table tbody th').innerText(), '4', 'the feature outside the municipality is named');
    const importButton = page.getByRole('button', { name: 'Importera 3 rader' });
    assert.equal(await importButton.isDisabled(), true, 'all or nothing by default');
    await page.getByLabel('Importera giltiga rader och hoppa över felaktiga').check();
    assert.equal(await importButton.isDisabled(), false);
    const box = await page.locator('.import-sample-wrap').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(box.scroll > box.client, `the preview table scrolls inside its box (${box.scroll} > ${box.client})`);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    // What sticks out, when something does: the outermost elements past the right edge.
    const wide = pageWidth <= PHONE.viewport.width ? [] : await page.evaluate((w) => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > w + 1))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`), PHONE.viewport.width);
    assert.ok(pageWidth <= PHONE.viewport.width, `the page itself does not scroll sideways (${pageWidth} px): ${wide.join(', ')}`);
    await axe(page, 'import preview on a phone');
    await screenshot(page, 'import-preview-phone');

    await runImport(page, 'Importera 3 rader');
    assert.deepEqual(await resultCounts(page), { imported: 3, already: 0, rejected: 1 });
    const rejected = page.locator('.import-run table tbody tr');
    assert.equal(await rejected.count(), 1, 'the rejected row is listed with its reason');
    assert.equal(await rejected.locator('th').innerText(), '4');
    const [record] = await imports();
    assert.equal(record.fileName, 'punkter.geojson');
    await page.getByRole('link', { name: 'Visa i tabellen' }).click();
    await page.waitForURL(/#\/tabell\?.*import=/);
    await page.getByText('Alla 3 händelser i urvalet visas.').waitFor({ timeout: 30_000 });
    assert.equal(await tableRows(page).count(), (await incidentsOf(record.id)).length);

    await page.goto(`${e2e.url}/#/admin/importera`);
    const row = page.locator('.import-history tbody tr', { hasText: 'punkter.geojson' });
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /^Ångra import av punkter\.geojson/ }).click();
    await row.getByText('Ångrad', { exact: true }).waitFor();
    assert.equal((await incidentsOf(record.id)).length, 0);
  });
  test('the import fixtures (Swedish Excel CSV, XLSX, GeoJSON from test/fixtures/import): each imported as detected, its table link shows all of it (March to November), imported again without duplicates, undone', async () => {
    const geojson = JSON.parse(readFileSync(join(FIXTURE_DIR, 'alingsas.geojson'), 'utf8')) as { features: unknown[] };
    const files: Array<[string, string, number]> = [
      ['alingsas-excel.csv', 'text/csv', INCIDENTS.length],
      // The workbook's first sheet ("Händelser") holds the first eight incidents.
      ['alingsas.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 8],
      ['alingsas.geojson', 'application/geo+json', geojson.features.length],
    ];
    for (const [name, mimeType, n] of files) {
      const buffer = readFileSync(join(FIXTURE_DIR, name));
      const page = await open();
      await upload(page, name, mimeType, buffer);
      const rowCount = page.locator('.import-facts > div', { has: page.locator('dt', { hasText: /^Rader$/ }) }).locator('dd');
      assert.equal(await rowCount.innerText(), `${n} rader`, `${name}: every row of the file is read`);
      const counts = page.locator('.import-counts');
      await counts.getByText(`${n} rader kan importeras`).waitFor().catch(async () => {
        assert.fail(`${name}: ${await counts.innerText()}\n${await page.locator('.import-validation').innerText()}`);
      });
      assert.equal(await counts.locator('.error-text').count(), 0, `${name}: no row has errors`);
      await runImport(page, `Importera ${n} rader`);
      assert.deepEqual(await resultCounts(page), { imported: n, already: 0, rejected: 0 }, name);
      const record = (await imports()).find((r) => r.fileName === name && r.status === 'done' && r.rowsImported === n);
      assert.ok(record, `${name} is in the history`);
      assert.equal((await incidentsOf(record.id)).length, n);

      await page.getByRole('link', { name: 'Visa i tabellen' }).click();
      await page.waitForURL(/#\/tabell\?.*import=/);
      await page.getByText(`Alla ${n} händelser i urvalet visas.`).waitFor({ timeout: 30_000 }).catch(async () => {
        assert.fail(`${name}: the table filtered to the import (${page.url()}) says ${await page.locator('.list-footer').innerText()}`);
      });
      assert.equal(await tableRows(page).count(), n);

      await page.goto(`${e2e.url}/#/admin/importera`);
      await upload(page, name, mimeType, buffer);
      await page.getByText(`${n} rader finns redan (importerade tidigare)`).waitFor();
      await runImport(page, 'Importera');
      assert.deepEqual(await resultCounts(page), { imported: 0, already: n, rejected: 0 }, `${name} again`);
      assert.equal((await incidentsOf(record.id)).length, n, 'no duplicates');

      const row = page.locator('.import-history tbody tr')
        .filter({ has: page.locator('td', { hasText: new RegExp(`^${n} importerade,`) }) })
        .filter({ hasText: name });
      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: new RegExp(`^Ångra import av ${name.replace(/\./g, '\\.')}`) }).click();
      await row.getByText('Ångrad', { exact: true }).waitFor();
      assert.equal((await incidentsOf(record.id)).length, 0, `${name} undone`);
      await page.context().close();
    }
  });
});
