/**
 * Issue 17 item 6 in a real browser: an administrator creates an api_key on Administration →
 * Open311 (shown once), a system sends a tip with it to /open311/v2 as FixMyStreet would (a form
 * POST), the coordinator sees the tip in Granska marked with the system's name, and the
 * reviewer asks for the sender's contact details (kept apart, shown on request), and the
 * administrator revokes the key, after which the system is refused. A category is opened to the
 * public on Administration → Kategorier. axe checks each state.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: Open311 (keys on the admin page, a tip in the review queue)', { skip: skipReason() }, () => {
  let e2e: E2E;
  before(async () => { e2e = await startE2E(); });
  after(() => e2e?.close());

  const tip = (apiKey: string) => fetch(`${e2e.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ jurisdiction_id: '1489', api_key: apiKey, service_code: 'skadegorelse.klotter', lat: '57.9301', long: '12.5326', description: 'Klotter på elskåpet vid torget', email: 'avsandare@example.org', first_name: 'Eva' }),
  });

  test('a key made, shown once, used by a system, seen in Granska, then revoked', async () => {
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/#/admin`);
    await page.getByRole('navigation', { name: 'Administration, undersidor' }).getByRole('link', { name: 'Open311' }).click();
    await page.waitForURL(/#\/admin\/open311/);
    await page.getByRole('heading', { level: 2, name: 'Open311' }).waitFor();
    await page.getByText('Inga nycklar ännu.').waitFor();
    await axe(page, 'open311: no keys');

    await page.getByRole('button', { name: 'Ny nyckel' }).click();
    const form = page.locator('form.admin-form');
    await form.getByRole('button', { name: 'Skapa nyckel' }).click();
    await page.getByText('Uppgifterna kunde inte sparas. Rätta fälten nedan.').waitFor();
    await axe(page, 'open311: the form with an error');
    await form.getByLabel(/^Systemets namn/).fill('FixMyStreet');
    await form.getByRole('button', { name: 'Skapa nyckel' }).click();
    const shown = page.getByRole('region', { name: 'Nyckeln för FixMyStreet' });
    const field = shown.getByLabel('Nyckel (api_key)');
    const apiKey = await field.inputValue();
    assert.match(apiKey, /^lb311_1489_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('rowheader', { name: 'FixMyStreet' }).waitFor();
    await axe(page, 'open311: a key shown once');
    await screenshot(page, 'admin-open311');
    await shown.getByRole('button', { name: 'Stäng – jag har kopierat nyckeln' }).click();
    assert.equal(await page.getByLabel('Nyckel (api_key)').count(), 0, 'the key is not shown again');

    const sent = await tip(apiKey);
    assert.equal(sent.status, 201, await sent.clone().text());
    const [{ service_request_id: id }] = await sent.json() as Array<{ service_request_id: string }>;

    const review = await e2e.pageAs('coordinator');
    await review.goto(`${e2e.url}/#/granska?id=${id}`);
    await review.getByText(/^Tips via Open311 från FixMyStreet, /).waitFor();
    await review.getByText('Klotter på elskåpet vid torget').waitFor();
    assert.equal(await review.getByText('avsandare@example.org').count(), 0, 'the contact details only on request');
    await axe(review, 'open311: a tip in Granska');
    await review.getByRole('button', { name: 'Visa avsändarens kontaktuppgifter' }).click();
    await review.getByRole('link', { name: 'avsandare@example.org' }).waitFor();
    await review.getByText('Namn: Eva').waitFor();
    await review.getByText(/^Personuppgifter: använd dem bara för frågor om tipset\. Varje visning loggas\. De raderas senast /).waitFor();
    await axe(review, 'open311: the sender\'s contact details shown');
    await review.context().close();

    await page.reload();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'FixMyStreet' }) });
    await row.getByRole('cell', { name: '1', exact: true }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Återkalla nyckeln för FixMyStreet' }).click();
    await page.getByRole('status').filter({ hasText: 'Nyckeln för FixMyStreet är återkallad.' }).waitFor();
    await row.getByText(/^Återkallad /).waitFor();
    await axe(page, 'open311: a revoked key');
    assert.equal((await tip(apiKey)).status, 403);
    await page.context().close();
  });

  test('a category opened to the public on Administration → Kategorier is listed as a service', async () => {
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/#/admin/kategorier`);
    await page.getByRole('button', { name: 'Ändra Misstänkt narkotikahantering' }).click();
    const box = page.getByLabel('Tar emot tips från allmänheten (Open311)');
    assert.equal(await box.isChecked(), false);
    await box.check();
    await axe(page, 'categories: the Open311 choice');
    await page.locator('form.admin-form').getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: '”Misstänkt narkotikahantering” sparades.' }).waitFor();
    const services = await (await fetch(`${e2e.url}/open311/v2/services.json?jurisdiction_id=1489`)).json() as Array<{ service_code: string }>;
    assert.ok(services.some((s) => s.service_code === 'narkotika'));
    await page.context().close();
  });
});
