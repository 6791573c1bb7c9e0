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

  test('a coordinator manages users, categories, areas and places but not organisations', async () => {
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/admin`);
    const sub = page.getByRole('navigation', { name: 'Administration, undersidor' });
    await sub.getByRole('link', { name: 'Kategorier' }).waitFor();
    const links = await sub.getByRole('link').allInnerTexts();
    assert.deepEqual(links.map((l) => l.trim()), SUBPAGES.slice(1).map(([, title]) => title));
    await page.goto(`${e2e.url}/#/admin/organisationer`);
    await page.getByRole('alert').waitFor();
    await page.context().close();
  });
});
