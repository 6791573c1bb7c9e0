/**
 * The EST cycle in a real browser on the Alingsås demo: the demo coordinator creates a lägesbild for
 * the last four weeks, writes a cause analysis, publishes it, holds a meeting from its agenda, decides
 * a measure at one of the places the demo makes better (starting the day it got better), marks it
 * done and sees a measured effect in the follow-up. Bad input on the way — a period that ends before
 * it starts, a measure without an owner, saving a published edition — gets an error next to the
 * field and changes nothing (checked over the API). axe on every page, screenshots est-*.png, and the
 * measures list on a phone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axe, PHONE, screenshot, skipReason } from './support/harness.ts';
import { startDemoE2E, type DemoE2E } from './support/demo.ts';

const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

describe('e2e: the EST cycle on the demo data', { skip: skipReason() }, () => {
  let e2e: DemoE2E;
  let page: Page;
  let editionId = '';
  let meetingId = '';
  let measureId = '';
  const count = async (path: string) => ((await e2e.call('coordinator', 'GET', path)) as { items: unknown[] }).items.length;

  before(async () => {
    e2e = await startDemoE2E();
    page = await e2e.pageAs('coordinator');
  });
  after(async () => { await e2e?.close(); });

  test('a period that ends before it starts is named on the "to" field and creates nothing', async () => {
    const before = await count('/api/situation-pictures');
    await page.goto(`${e2e.url}/#/lagesbilder`);
    await page.getByRole('heading', { level: 1, name: 'Lägesbilder' }).waitFor();
    await axe(page, 'lägesbilder list');
    await page.getByRole('link', { name: 'Ny lägesbild' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny lägesbild' }).waitFor();
    await page.getByLabel('Från och med').fill('2026-03-10');
    await page.getByLabel('Till och med').fill('2026-03-01');
    assert.equal(await page.getByLabel('Anpassad').isChecked(), true);
    await page.getByRole('button', { name: 'Skapa lägesbild' }).click();
    const toError = page.locator('#sp-to-error');
    await toError.waitFor();
    assert.match(await toError.innerText(), /\S/);
    assert.equal(await page.locator('#sp-to').getAttribute('aria-invalid'), 'true');
    await axe(page, 'new lägesbild with an error');
    await screenshot(page, 'est-new-error');
    assert.equal(await count('/api/situation-pictures'), before, 'nothing was created');
  });

  test('a lägesbild for the last four weeks is computed and shown', async () => {
    await page.getByLabel('Senaste 4 veckorna').check();
    const to = await page.locator('#sp-to').inputValue();
    assert.equal(to, day(new Date()));
    await page.getByRole('button', { name: 'Skapa lägesbild' }).click();
    await page.waitForURL(/#\/lagesbilder\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    editionId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 2, name: 'Nyckeltal' }).waitFor();
    assert.ok(Number((await page.getByTestId('sp-total').innerText()).replace(/\s/g, '')) > 0, 'the demo has incidents in the last four weeks');
    await page.locator('.est-map[data-map-state="idle"]').waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { level: 2, name: 'Hotspots' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Polisens händelser' }).waitFor();
    await axe(page, 'edition (draft)');
    await screenshot(page, 'est-edition-draft');
  });

  test('the coordinator writes a cause analysis and a status level and saves them', async () => {
    await page.getByLabel('Sammanfattning').fill('Skadegörelsen i centrum ökar; klotter vid resecentrum kvällstid.');
    await page.getByRole('button', { name: 'Lägg till problem' }).click();
    await page.locator('#sp-p0-title').fill('Klotter vid resecentrum');
    await page.locator('#sp-p0-offender').fill('Ungdomar som samlas kvällstid, helger.');
    await page.locator('#sp-p0-target').fill('Fasader och väntkurer som inte saneras snabbt.');
    await page.locator('#sp-p0-place').fill('Dålig belysning och skymd sikt bakom cykelparkeringen.');
    await page.locator('#sp-p0-suggestedMeasures').fill('Belysning, snabb sanering, vuxennärvaro fredagkvällar.');
    const level = page.locator('select.est-level-select').first();
    if (await level.count()) await level.selectOption('red');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Analysen är sparad.' }).waitFor();
    const sp = await e2e.call('coordinator', 'GET', `/api/situation-pictures/${editionId}`);
    assert.equal(sp.narrative.problems[0].title, 'Klotter vid resecentrum');
    assert.match(sp.narrative.problems[0].place, /belysning/);
    await axe(page, 'edition with the narrative');
  });

  test('publishing asks first; the published edition is read-only and offers a new version', async () => {
    await page.getByRole('button', { name: 'Publicera' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publicera lägesbilden?' });
    await dialog.waitFor();
    await axe(page, 'publish dialog');
    await dialog.getByRole('button', { name: 'Ja, publicera' }).click();
    await page.getByText('Lägesbilden är publicerad och kan inte ändras.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Spara', exact: true }).count(), 0, 'no save button on a published edition');
    assert.equal(await page.getByLabel('Sammanfattning').count(), 0, 'no editable summary');
    await page.getByText('Klotter vid resecentrum').first().waitFor();
    assert.equal((await e2e.call('coordinator', 'GET', `/api/situation-pictures/${editionId}`)).status, 'published');
    await axe(page, 'edition (published)');
    await screenshot(page, 'est-edition-published');
  });

  test('saving a draft that was published meanwhile shows the API\'s 409 and changes nothing', async () => {
    await page.getByRole('button', { name: 'Ny version' }).click();
    await page.waitForURL((u) => !u.toString().endsWith(editionId) && /#\/lagesbilder\/[0-9a-f-]{36}$/.test(u.toString()), { timeout: 60_000 });
    const v2 = page.url().split('/').pop()!;
    await page.getByLabel('Sammanfattning').waitFor();
    const draft = await e2e.call('coordinator', 'GET', `/api/situation-pictures/${v2}`);
    assert.equal(draft.version, 2);
    // Someone publishes version 2 in another window while this page still shows the draft.
    await e2e.call('coordinator', 'POST', `/api/situation-pictures/${v2}/publish`, { rowVersion: draft.rowVersion });
    await page.getByLabel('Sammanfattning').fill('Ändrad efter publicering');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    const alert = page.locator('.est-narrative .form-error');
    await alert.waitFor();
    assert.match(await alert.innerText(), /\S/);
    const after = await e2e.call('coordinator', 'GET', `/api/situation-pictures/${v2}`);
    assert.equal(after.narrative.summary, draft.narrative.summary, 'the published edition is unchanged');
    const forced = await e2e.raw('coordinator', 'PATCH', `/api/situation-pictures/${v2}`, { rowVersion: after.rowVersion, narrative: { summary: 'x', problems: [] } });
    assert.equal(forced.status, 409);
    await screenshot(page, 'est-edition-409');
    // Comparing the two versions.
    await page.reload();
    await page.getByLabel('Jämför med …').selectOption(editionId);
    await page.getByRole('button', { name: 'Jämför' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jämförelse' }).waitFor();
    await axe(page, 'comparison');
    await screenshot(page, 'est-compare');
  });

  test('a hotspot becomes a place; a measure there without an owner is refused and nothing is created', async () => {
    await page.goto(`${e2e.url}/#/lagesbilder/${editionId}`);
    const makePlace = page.getByRole('button', { name: 'Skapa plats' }).first();
    await page.getByRole('heading', { level: 2, name: 'Hotspots' }).waitFor();
    if (await makePlace.count() === 0) return; // no significant hotspot in these four weeks: nothing to turn into a place
    await makePlace.click();
    await page.getByLabel('Namn på platsen').first().fill(`Hotspot e2e ${Date.now()}`);
    await page.getByRole('button', { name: 'Spara plats' }).click();
    await page.getByRole('link', { name: 'Ny åtgärd här' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny åtgärd' }).waitFor();
    assert.notEqual(await page.locator('#m-placeId').inputValue(), '', 'the new place is chosen');
    const before = await count('/api/measures');
    await page.locator('#m-type').selectOption({ index: 1 });
    await page.locator('#m-title').fill('Belysning vid hotspoten');
    await page.getByRole('button', { name: 'Skapa åtgärd' }).click();
    await page.locator('#m-organisationId-error').waitFor();
    assert.equal(await page.locator('#m-organisationId').getAttribute('aria-invalid'), 'true');
    assert.equal(await count('/api/measures'), before, 'no measure was created');
    await axe(page, 'new measure with an error');
    await screenshot(page, 'est-measure-no-owner');
  });

  test('a meeting from the lägesbild has its agenda; a decision creates a measure at an improving place', async () => {
    const improving = e2e.trends.find((tr) => tr.kind === 'improving' && tr.measureDate)!;
    assert.ok(improving, 'the demo has a place that got better');
    const places = await e2e.call<Array<{ id: string; name: string }>>('coordinator', 'GET', '/api/places');
    const place = places.find((p) => p.name === improving.placeName)!;
    assert.ok(place, `the demo place ${improving.placeName} exists`);

    await page.goto(`${e2e.url}/#/lagesbilder/${editionId}`);
    await page.getByRole('link', { name: 'Nytt möte från lägesbilden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nytt möte' }).waitFor();
    await page.locator(`#mt-picture option[value="${editionId}"]`).waitFor({ state: 'attached' });
    assert.equal(await page.locator('#mt-picture').inputValue(), editionId);
    await page.getByLabel('Polisen lokalpolisområde Alingsås').check();
    await page.getByLabel('AB Alingsåshem').check();
    await axe(page, 'new meeting');
    await page.getByRole('button', { name: 'Skapa möte' }).click();
    await page.waitForURL(/#\/moten\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    meetingId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 2, name: 'Dagordning' }).waitFor();
    const meeting = await e2e.call('coordinator', 'GET', `/api/meetings/${meetingId}`);
    assert.ok(meeting.agenda.length > 0, 'the agenda is generated from the lägesbild');
    await axe(page, 'meeting');
    await screenshot(page, 'est-meeting');

    // Decide on the first agenda item, first without an owner for the measure.
    const measuresBefore = await count('/api/measures');
    await page.locator('.est-agenda > li').first().getByRole('button', { name: 'Fatta beslut' }).click();
    const form = page.locator('form.est-decision');
    await form.locator('textarea[id$="-text"]').fill(`Belysning och vuxennärvaro vid ${improving.placeName}`);
    await form.getByLabel('Skapa åtgärd').check();
    await form.locator('select[id$="-m-type"]').selectOption('belysning');
    await form.locator('input[id$="-m-title"]').fill(`Ny belysning vid ${improving.placeName}`);
    await form.locator('select[id$="-m-placeId"]').selectOption(place.id);
    await form.locator('input[id$="-m-actualStart"]').fill(day(improving.measureDate!));
    await form.getByRole('button', { name: 'Spara beslutet' }).click();
    await form.locator('select[id$="-m-organisationId"][aria-invalid="true"]').waitFor();
    assert.match(await form.locator('[id$="-m-organisationId-error"]').innerText(), /\S/);
    assert.equal(await count('/api/measures'), measuresBefore, 'no measure without an owner');
    assert.equal((await e2e.call('coordinator', 'GET', `/api/meetings/${meetingId}`)).decisions.length, 0, 'and no decision either');
    await axe(page, 'decision form with an error');

    await form.locator('select[id$="-m-organisationId"]').selectOption({ label: 'Samhällsbyggnadsförvaltningen' });
    await form.getByRole('button', { name: 'Spara beslutet' }).click();
    const link = page.getByRole('link', { name: new RegExp(`Åtgärd: Ny belysning vid ${improving.placeName}`) });
    await link.waitFor();
    assert.equal(await count('/api/measures'), measuresBefore + 1);
    await page.getByRole('textbox', { name: 'Protokoll' }).fill('Områdesgruppen gick igenom lägesbilden och beslutade om belysning.');
    await page.getByRole('button', { name: 'Spara protokollet' }).click();
    await page.getByRole('status').filter({ hasText: 'Protokollet är sparat.' }).waitFor();
    await screenshot(page, 'est-meeting-decided');
    await link.click();
    await page.waitForURL(/#\/atgarder\/[0-9a-f-]{36}$/);
    measureId = page.url().split('/').pop()!;
  });

  test('the measure is marked done and its follow-up shows the effect', async () => {
    await page.getByRole('button', { name: 'Markera som genomförd' }).click();
    await page.getByRole('status').filter({ hasText: 'Åtgärden är sparad.' }).waitFor();
    const m = await e2e.call('coordinator', 'GET', `/api/measures/${measureId}`);
    assert.equal(m.status, 'done');
    const gross = page.getByTestId('fu-gross');
    await gross.waitFor({ timeout: 60_000 });
    assert.match(await gross.innerText(), /^−\d/, 'fewer incidents after the measure (negative gross effect)');
    assert.match(await page.getByTestId('fu-wdq').innerText(), /\S/);
    assert.match(await page.getByTestId('fu-interpretation').innerText(), /\S/);
    const fu = await e2e.call('coordinator', 'GET', `/api/measures/${measureId}/follow-up`);
    assert.ok(fu.result.grossEffect < 0, `gross effect ${fu.result.grossEffect}`);
    await axe(page, 'measure with follow-up');
    await screenshot(page, 'est-follow-up');
  });

  test('the measures list filters and reads well on a phone', async () => {
    await page.goto(`${e2e.url}/#/atgarder`);
    await page.getByRole('heading', { level: 1, name: 'Åtgärder' }).waitFor();
    await page.getByTestId('measures').waitFor();
    await axe(page, 'measures list');
    await page.getByLabel('Status').selectOption('done');
    await page.getByRole('link', { name: /Ny belysning vid/ }).waitFor();
    await screenshot(page, 'est-measures');
    const phone = await e2e.pageAs('coordinator', PHONE);
    await phone.goto(`${e2e.url}/#/atgarder`);
    await phone.getByTestId('measures').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await axe(phone, 'measures list (phone)');
    await screenshot(phone, 'est-measures-phone');
    await phone.context().close();
  });

  test('meetings list and the action plan page', async () => {
    await page.goto(`${e2e.url}/#/moten`);
    await page.getByRole('link', { name: /Möte|möte/ }).first().waitFor();
    await axe(page, 'meetings list');
    const year = new Date().getFullYear();
    await page.goto(`${e2e.url}/#/handlingsplan/${year}`);
    await page.getByRole('heading', { level: 1, name: `Lägesbild och åtgärdsplan ${year}` }).waitFor();
    await page.locator('fieldset.est-plain:not([disabled])').waitFor();
    await page.getByLabel('Inledning').fill('Alingsås arbetar med EST-metoden i områdesgrupper.');
    // A prioritised problem with its cause analysis (the same fields as a lägesbild's).
    await page.getByRole('button', { name: 'Lägg till problem' }).click();
    const problem = page.locator('fieldset.est-problem').first();
    await problem.getByLabel(/^Problem/).first().fill('Otrygghet kvällstid kring resecentrum');
    await page.getByRole('button', { name: 'Lägg till rad' }).click();
    await page.getByLabel('Indikator, rad 1').fill('Andel som känner sig otrygga ute sent en kväll');
    await page.getByLabel('Värde, rad 1').fill('28');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Handlingsplanen är sparad.' }).waitFor();
    const plan = await e2e.call('coordinator', 'GET', `/api/action-plans/${year}`);
    assert.match(plan.narrative.introduction, /EST-metoden/);
    assert.equal(plan.survey[0].value, 28);
    assert.equal(plan.narrative.priorities[0].title, 'Otrygghet kvällstid kring resecentrum');
    await axe(page, 'action plan');
    await screenshot(page, 'est-action-plan');
  });

  test('the reporter sees återkoppling from the published lägesbild', async () => {
    const reporter = await e2e.pageAs('reporter', PHONE);
    await reporter.goto(`${e2e.url}/#/mina-rapporter`);
    await reporter.getByRole('heading', { level: 2, name: 'Återkoppling' }).waitFor();
    await reporter.locator('.feedback li').first().waitFor();
    await axe(reporter, 'my reports with återkoppling');
    await screenshot(reporter, 'est-feedback-phone');
    await reporter.context().close();
  });
});
