/**
 * The first start in the browser (issue 13, item 2), end to end: `lagesbild serve` on an empty
 * PGlite data directory prints a one-time set-up link; in Chromium, at a phone's size, the guide
 * sets up Alingsås (1489) and Vårgårda (1442) with organisations from the template and one of its
 * own, shows the server's refusal of a short password next to the field, then completes; the new
 * administrator logs in as usual and reaches both municipalities, and the link, opened again, says
 * it has been used. axe checks every step.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { exited, startServer } from '../support/process.ts';
import { axe, ensureWebBuilt, launchChromium, PHONE, screenshot, skipReason } from './support/harness.ts';

const ADMIN = { name: 'Ada Administratör', email: 'ada.admin@alingsas.se', password: 'en lång fras som lösenord' };

describe('e2e: the first start in the browser', { skip: skipReason() }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lb-first-start-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let link: string;

  before(async () => {
    await ensureWebBuilt();
    // An empty directory: the server migrates it at start and finds no municipality.
    server = await startServer({ DATA_DIR: join(dataDir, 'data'), DATABASE_URL: '', PUBLIC_URL: '' });
    const deadline = Date.now() + 30_000;
    let m: RegExpExecArray | null = null;
    while (!(m = /Första start: öppna (\S+) för att sätta upp Lägesbild \(länken gäller tills den har använts\)/.exec(server.output())) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(m, `the server printed the set-up link:\n${server.output()}`);
    link = m[1];
    assert.match(link, new RegExp(`^${server.url.replace(/\./g, '\\.')}/#/installera\\?token=[\\w-]{43}$`));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    if (server) {
      server.proc.kill('SIGTERM');
      await exited(server.proc);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({ ...PHONE, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    context.setDefaultTimeout(30_000);
    return context.newPage();
  }
  const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });
  async function noSideways(page: Page, where: string) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${where}: nothing sticks out sideways on a phone (${overflow} px)`);
  }
  /** The step's heading has focus after "Nästa": a screen reader hears where it is. */
  async function onStep(page: Page, name: string) {
    await stepHeading(page, name).waitFor();
    await page.waitForFunction((n) => document.activeElement?.textContent === n, name);
    await noSideways(page, name);
  }
  const next = (page: Page) => page.getByRole('button', { name: 'Nästa' }).click();

  test('a link the server did not print gets a page that says so', async () => {
    const page = await phonePage();
    await page.goto(`${server.url}/#/installera?token=inte-den-riktiga`);
    await page.getByRole('heading', { level: 1, name: 'Länken gäller inte' }).waitFor();
    await page.getByRole('link', { name: 'Gå till inloggningen' }).waitFor();
    await axe(page, 'set-up: invalid link');
    await page.context().close();
  });

  test('the guide sets up Alingsås and Vårgårda; the administrator logs in; the link is then used up', async () => {
    const page = await phonePage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Sätt upp Lägesbild' }).waitFor();

    // 1. Kommuner: a search over SCB's 290, two chosen.
    await stepHeading(page, 'Kommuner').waitFor();
    await next(page);
    await page.getByText('Välj minst en kommun.').waitFor();
    const search = page.getByRole('searchbox', { name: 'Sök kommun (namn eller kod)' });
    await search.fill('alings');
    await page.getByText('1 kommun matchar').waitFor();
    await page.getByRole('checkbox', { name: 'Alingsås (1489)' }).check();
    await page.getByText('Välj minst en kommun.').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'setup-m-1489', 'the error going away leaves the focus where it was');
    await search.fill('1442');
    await page.getByRole('checkbox', { name: 'Vårgårda (1442)' }).check();
    await search.fill('');
    await page.getByText('290 kommuner matchar').waitFor();
    const chosen = page.locator('.setup-chosen li');
    assert.deepEqual(await chosen.allInnerTexts().then((l) => l.map((x) => x.split('\n')[0].trim())), ['Alingsås (1489)', 'Vårgårda (1442)']);
    await axe(page, 'set-up step 1: municipalities');
    await screenshot(page, 'setup-1-municipalities');
    await next(page);

    // 2. Organisationer: the template by kind, one renamed, one left out, one of our own in Vårgårda only.
    await onStep(page, 'Organisationer');
    const police = page.getByRole('checkbox', { name: 'Polisen lokalpolisområde Alingsås' });
    await police.waitFor();
    assert.equal(await police.isChecked(), true);
    for (const kind of ['Förvaltningar', 'Kommunala bolag', 'Räddningstjänstförbund och andra kommunalförbund', 'Polis', 'Region och vård', 'Bevakningsföretag', 'Civilsamhälle']) {
      await page.getByRole('group', { name: kind, exact: true }).waitFor();
    }
    assert.equal(await page.getByRole('checkbox', { name: 'Nattvandrarna' }).isChecked(), false, 'civil society is invited later');
    await page.getByRole('checkbox', { name: 'Det kommunala energibolaget' }).uncheck();
    // The row by its place, not by its name: the checkbox is named after what the name field says.
    const housingId = (await page.getByRole('checkbox', { name: 'Det kommunala bostadsbolaget' }).getAttribute('id'))!;
    const housing = page.locator('li.setup-org', { has: page.locator(`[id="${housingId}"]`) });
    // A suggestion's fields open on request, behind a disclosure button.
    const edit = page.getByRole('button', { name: 'Ändra Det kommunala bostadsbolaget' });
    assert.equal(await edit.getAttribute('aria-expanded'), 'false');
    await edit.click();
    assert.equal(await edit.getAttribute('aria-expanded'), 'true');
    await housing.getByRole('textbox', { name: /^Namn/ }).fill('AB Alingsåshem');
    await housing.getByRole('textbox', { name: /^Kortnamn/ }).fill('Alingsåshem');
    await page.getByRole('checkbox', { name: 'AB Alingsåshem' }).waitFor();
    // Only in Alingsås.
    await housing.getByRole('group', { name: 'Verkar i' }).getByRole('checkbox', { name: 'Vårgårda' }).uncheck();
    await page.getByRole('button', { name: 'Lägg till egen organisation' }).click();
    const own = page.getByRole('group', { name: 'Egna organisationer' }).locator('li.setup-org');
    await own.getByRole('textbox', { name: /^Namn/ }).fill('Kommunledningsförvaltningen Vårgårda');
    await own.getByRole('textbox', { name: /^Kortnamn/ }).fill('KLF');
    await own.getByRole('combobox', { name: /^Slag av organisation/ }).selectOption({ label: 'Förvaltning' });
    await own.getByRole('group', { name: 'Verkar i' }).getByRole('checkbox', { name: 'Alingsås' }).uncheck();
    await noSideways(page, 'organisations with a long name of our own');
    await axe(page, 'set-up step 2: organisations');
    await screenshot(page, 'setup-2-organisations');
    await next(page);

    // 3. Första administratör: a password the server will refuse.
    await onStep(page, 'Första administratör');
    await axe(page, 'set-up step 3: administrator');
    await page.getByRole('textbox', { name: /^Namn/ }).fill(ADMIN.name);
    await page.getByRole('textbox', { name: /^E-postadress/ }).fill(ADMIN.email);
    await page.getByLabel(/^Lösenord \(obligatoriskt\)/).fill('kort');
    await page.getByLabel(/^Lösenordet igen/).fill('kort');
    assert.equal(await page.locator('#setup-admin-organisation option:checked').innerText(), 'Kommunledningskontoret', 'the first department is proposed');
    await next(page);

    // 4. Kategorier: the default tree, to read.
    await onStep(page, 'Kategorier');
    const tree = page.getByRole('list', { name: 'Standardkategorier' });
    await tree.getByText('Skadegörelse', { exact: true }).waitFor();
    await tree.getByText('Klotter/graffiti').waitFor();
    await page.getByText('Administration → Kategorier').waitFor();
    await axe(page, 'set-up step 4: categories');
    await next(page);

    // 5. Sammanfattning → Slutför: the server names the short password at its field, and nothing is set up.
    await onStep(page, 'Sammanfattning');
    await page.getByText('AB Alingsåshem (Alingsåshem), kommunalt bolag').waitFor();
    await page.getByText(/Kommunledningsförvaltningen Vårgårda \(KLF\), förvaltning, verkar i Vårgårda$/).waitFor();
    await axe(page, 'set-up step 5: summary');
    await screenshot(page, 'setup-5-summary');
    await page.getByRole('button', { name: 'Slutför' }).click();
    await stepHeading(page, 'Första administratör').waitFor();
    const password = page.getByLabel(/^Lösenord \(obligatoriskt\)/);
    await page.getByText('Lösenord: för kort, minst 10 tecken.').waitFor();
    await page.locator('#setup-admin-password-error', { hasText: 'För kort, minst 10 tecken.' }).waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    await page.waitForFunction(() => document.activeElement?.id === 'setup-admin-password');
    await axe(page, 'set-up: the server\'s refusal at its field');
    await screenshot(page, 'setup-refused-password');
    const status = await page.evaluate((u) => fetch(u).then((r) => r.json()), `/api/setup/status?token=${new URL(link).hash.split('token=')[1]}`);
    assert.deepEqual(status, { state: 'ready' }, 'the refused set-up left the link working');

    await password.fill(ADMIN.password);
    assert.equal(await password.getAttribute('aria-invalid'), null, 'a corrected field no longer says it is wrong');
    await page.getByLabel(/^Lösenordet igen/).fill(ADMIN.password);
    await next(page);
    await onStep(page, 'Kategorier');
    await next(page);
    await onStep(page, 'Sammanfattning');
    await page.getByRole('button', { name: 'Slutför' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lägesbild är uppsatt' }).waitFor();
    await page.getByText(`Kommunerna Alingsås, Vårgårda, 13 organisationer och administratören ${ADMIN.email} är uppsatta.`).waitFor();
    await axe(page, 'set-up done');
    await screenshot(page, 'setup-done');

    // The administrator logs in as usual and reaches both municipalities.
    await page.getByRole('link', { name: 'Logga in' }).click();
    await page.getByLabel('E-postadress').fill(ADMIN.email);
    await page.getByLabel('Lösenord').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('banner').waitFor();
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    assert.deepEqual(me.user.roles, ['admin']);
    assert.deepEqual(me.municipalities.map((m: { name: string }) => m.name).sort(), ['Alingsås', 'Vårgårda']);
    const orgs = await page.evaluate(() => fetch('/api/organisations').then((r) => r.json())) as Array<{ name: string; municipalities: string[] }>;
    const worksIn = Object.fromEntries(orgs.map((o) => [o.name, o.municipalities.join(',')]));
    assert.equal(worksIn['Polisen lokalpolisområde Alingsås'], '1489,1442');
    assert.equal(worksIn['AB Alingsåshem'], '1489');
    assert.equal(worksIn['Kommunledningsförvaltningen Vårgårda'], '1442');
    assert.equal(worksIn['Det kommunala energibolaget'], undefined);

    // The link again: used.
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Länken har redan använts' }).waitFor();
    await page.getByText('En administratör loggar in som vanligt.').waitFor();
    await axe(page, 'set-up: the link used');
    await screenshot(page, 'setup-link-used');
    await page.context().close();
  });
});
