/**
 * The admin pages in a real browser: every sub-page an administrator may open passes axe and is
 * photographed; a form refuses empty required fields with an accessible error summary and saves
 * once they are filled; a coordinator's admin menu leaves out what only administrators change.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

const SUBPAGES = [
  ['organisationer', 'Organisationer'],
  ['anvandare', 'Användare och roller'],
  ['kategorier', 'Kategorier'],
  ['omraden', 'Områden'],
  ['platser', 'Platser'],
  ['schema', 'Schemalagd lägesbild'],
  ['importera', 'Importera'],
  ['polishandelser', 'Polishändelser'],
] as const;

describe('e2e: administration', { skip: skipReason() }, () => {
  let e2e: E2E;
  before(async () => { e2e = await startE2E(); });
  after(() => e2e?.close());

  test('every admin sub-page is accessible (axe) and photographed', async () => {
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/#/admin`);
    const sub = page.getByRole('navigation', { name: 'Administration, undersidor' });
    for (const [slug, title] of SUBPAGES) {
      await sub.getByRole('link', { name: title }).click();
      await page.waitForURL(new RegExp(`#/admin/${slug}`));
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      // Wait for the list to load (a table, a list or the upload form) before judging the page.
      await page.locator('.admin-content :is(table, ul, form)').first().waitFor();
      await axe(page, `admin/${slug}`);
      await screenshot(page, `admin-${slug}`);
    }
    // The users list shows the fixture's accounts.
    await page.goto(`${e2e.url}/#/admin/anvandare`);
    await page.getByText('samordnare@alingsas.test').first().waitFor();
    await page.context().close();
  });

  test('a new organisation: empty fields are named in an error summary, then it is saved and listed', async () => {
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/#/admin/organisationer`);
    await page.getByRole('button', { name: 'Ny organisation' }).click();
    const form = page.locator('form.admin-form');
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Uppgifterna kunde inte sparas. Rätta fälten nedan.').waitFor();
    await axe(page, 'admin/organisationer with form errors');
    await screenshot(page, 'admin-organisation-errors');
    await form.getByLabel(/^Namn/).fill('Fastighetsbolaget E2E');
    await form.getByLabel(/^Typ av organisation/).selectOption({ label: 'Kommunalt bolag' });
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('rowheader', { name: 'Fastighetsbolaget E2E' }).waitFor();
    const orgs = await e2e.call<Array<{ name: string; kind: string }>>('admin', 'GET', '/api/organisations');
    assert.equal(orgs.filter((o) => o.name === 'Fastighetsbolaget E2E').length, 1);
    assert.equal(orgs.find((o) => o.name === 'Fastighetsbolaget E2E')!.kind, 'kommunalt_bolag');
    await page.context().close();
  });

  test('an area is renamed and gets a new geometry from a SWEREF 99 file; a file with two features is refused and changes nothing', async () => {
    const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });
    const [area] = await e2e.call<Array<{ id: string; name: string; areaKm2: number }>>('admin', 'POST', '/api/areas', {
      kind: 'district', geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'E2E-området' }, geometry: square(12.52, 57.925, 0.01) }] },
    });
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/#/admin/omraden`);
    await page.getByRole('button', { name: 'Ändra E2E-området' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ändra E2E-området' }) });
    // Two features: refused in the browser, nothing sent.
    const two = { type: 'FeatureCollection', features: [1, 2].map((k) => ({ type: 'Feature', properties: {}, geometry: square(12.52 + k * 0.02, 57.925, 0.01) })) };
    await form.getByLabel('Ny geometri (valfritt)').setInputFiles({ name: 'two.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(two)) });
    await form.getByRole('button', { name: 'Spara' }).click();
    await form.getByText('Filen måste innehålla exakt ett objekt (den har 2).').waitFor();
    await axe(page, 'admin/omraden edit with errors');
    // One polygon of 1 km × 1 km in SWEREF 99 TM (EPSG:3006) as QGIS writes it.
    const sweref = (x: number, y: number) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y + 1000], [x, y]]] } }] }));
    await form.getByLabel(/^Namn/).fill('E2E-området, nytt');
    // 15 km west of Alingsås: the server refuses it by the field, and keeps name and geometry.
    await form.getByLabel('Ny geometri (valfritt)').setInputFiles({ name: 'outside.geojson', mimeType: 'application/geo+json', buffer: sweref(339_000, 6_423_000) });
    await form.getByRole('button', { name: 'Spara' }).click();
    await form.getByText('Geometri: platsen ligger utanför 1489.').waitFor();
    assert.equal((await e2e.call<Array<{ id: string; name: string }>>('admin', 'GET', '/api/areas')).find((a) => a.id === area.id)!.name, 'E2E-området');
    await form.getByLabel('Ny geometri (valfritt)').setInputFiles({ name: 'one.geojson', mimeType: 'application/geo+json', buffer: sweref(353_000, 6_423_000) });
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('rowheader', { name: 'E2E-området, nytt' }).waitFor();
    const areas = await e2e.call<Array<{ id: string; name: string; areaKm2: number }>>('admin', 'GET', '/api/areas');
    const changed = areas.find((a) => a.id === area.id)!;
    assert.equal(changed.name, 'E2E-området, nytt');
    assert.ok(Math.abs(changed.areaKm2 - 1) < 0.01, `area ${changed.areaKm2} km², was ${area.areaKm2}`);
    await page.context().close();
  });

  test('the scheduled lägesbild: a bad address is named by its line and nothing is stored; then it is saved', async () => {
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/admin/schema`);
    await page.getByLabel('Hur ofta').selectOption({ label: 'Varje vecka' });
    await page.getByLabel('Veckodag').selectOption({ label: 'tisdag' });
    await page.getByLabel('Fler mottagare av e-post').fill('brå@alingsas.test\ninte-en-adress');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText(/Rad 2 \(inte-en-adress\)/).first().waitFor();
    await axe(page, 'admin/schema with errors');
    assert.equal((await e2e.call<{ cadence: string }>('coordinator', 'GET', '/api/settings/schedule')).cadence, 'off');
    await page.getByLabel('Fler mottagare av e-post').fill('bra@alingsas.test');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Schemat sparades.').waitFor();
    assert.deepEqual(await e2e.call('coordinator', 'GET', '/api/settings/schedule'), { cadence: 'weekly', weekday: 2, notify: ['bra@alingsas.test'] });
    await page.context().close();
  });

  test('a coordinator manages users, categories, areas and places but not organisations', async () => {
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/admin`);
    const sub = page.getByRole('navigation', { name: 'Administration, undersidor' });
    await sub.getByRole('link', { name: 'Kategorier' }).waitFor();
    const links = await sub.getByRole('link').allInnerTexts();
    // Retention (Lagring och gallring) is the coordinator's alone; the audit log is the coordinators' and the data-protection officer's, not the administrators' (test/e2e/audit.test.ts).
    assert.deepEqual(links.map((l) => l.trim()), [...SUBPAGES.slice(1).map(([, title]) => title), 'Lagring och gallring', 'Granskningslogg']);
    await page.goto(`${e2e.url}/#/admin/organisationer`);
    await page.getByRole('alert').waitFor();
    await page.context().close();
  });
});
