/**
 * Issue 12, item 12, in a real browser: a number field left empty never blocks the action plan's
 * text from being saved, and a number that is no number is reported on its own cell in words
 * ("Värde, rad 2: ange ett tal, t.ex. 12,5"), never as "Fel typ av värde (förväntade number)".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axe, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: messages a person must never see', { skip: skipReason() }, () => {
  let e2e: E2E;
  const pages: Page[] = [];
  before(async () => { e2e = await startE2E(); });
  after(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await e2e?.close();
  });

  test('the action plan\'s text saves with an empty number field; a bad number is named on its own cell', async () => {
    const year = e2e.now.getUTCFullYear();
    const page = await e2e.pageAs('coordinator');
    pages.push(page);
    await page.goto(`${e2e.url}/#/handlingsplan/${year}`);
    await page.getByRole('heading', { level: 1, name: `Lägesbild och åtgärdsplan ${year}` }).waitFor();
    await page.locator('fieldset.est-plain:not([disabled])').waitFor();
    await page.getByLabel('Inledning').fill('Texten ska sparas även om en siffra saknas.');
    // A row added and left as it came (its value empty), as the user reported.
    await page.getByRole('button', { name: 'Lägg till rad' }).click();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Handlingsplanen är sparad.' }).waitFor();
    let plan = await e2e.call('coordinator', 'GET', `/api/action-plans/${year}`);
    assert.equal(plan.narrative.introduction, 'Texten ska sparas även om en siffra saknas.');
    assert.deepEqual(plan.survey, [], 'the empty row is not data');

    // One good row and one whose value is text: the text and the good row are saved, the bad row is named.
    await page.getByLabel('Analys').fill('Otryggheten har ökat kring resecentrum.');
    await page.getByRole('button', { name: 'Lägg till rad' }).click();
    await page.getByLabel('Indikator, rad 1').fill('Otrygga ute sent');
    await page.getByLabel('Värde, rad 1').fill('28,5');
    await page.getByRole('button', { name: 'Lägg till rad' }).click();
    await page.getByLabel('Indikator, rad 2').fill('Utsatta för brott');
    await page.getByLabel('Värde, rad 2').fill('ca 5');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'sparad utom de enkätrader' }).waitFor();
    const cell = page.getByLabel('Värde, rad 2');
    assert.equal(await cell.getAttribute('aria-invalid'), 'true');
    assert.equal(await cell.inputValue(), 'ca 5', 'the bad row stays as typed');
    await page.locator('td').filter({ hasText: 'Värde, rad 2: ange ett tal, t.ex. 12,5.' }).waitFor();
    const body = await page.locator('main').innerText();
    assert.doesNotMatch(body, /Fel typ av värde|förväntade|Ogiltigt format|number|date-time/);
    plan = await e2e.call('coordinator', 'GET', `/api/action-plans/${year}`);
    assert.equal(plan.narrative.analysis, 'Otryggheten har ökat kring resecentrum.');
    assert.deepEqual(plan.survey.map((r: { indicator: string; value: number }) => [r.indicator, r.value]), [['Otrygga ute sent', 28.5]]);
    await axe(page, 'action plan with a survey row to correct');
    await screenshot(page, 'action-plan-bad-number');

    // Corrected, the row is saved too.
    await cell.fill('5');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Handlingsplanen är sparad.' }).waitFor();
    plan = await e2e.call('coordinator', 'GET', `/api/action-plans/${year}`);
    assert.deepEqual(plan.survey.map((r: { value: number }) => r.value), [28.5, 5]);
  });
});
