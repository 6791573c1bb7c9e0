/**
 * Issue 12, item 8, in a real browser: the action-plan page offers the problems the year's
 * published lägesbilder prioritised; one click adds one to the plan's prioritised problems (cause
 * analysis and suggested measures included, with a link to its lägesbild) without losing what the
 * coordinator has typed and not yet saved; and the page says what the document's mapping compares.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate } from '../../src/core/situation-picture/period.ts';
import { axe, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: proposals from the year\'s lägesbilder on the action-plan page', { skip: skipReason() }, () => {
  let e2e: E2E;
  let year: number;
  let editionId: string;
  before(async () => {
    e2e = await startE2E();
    year = Number(localDate(e2e.now).slice(0, 4));
    const sp = await e2e.call('coordinator', 'POST', '/api/situation-pictures', { from: `${year}-03-02`, to: `${year}-03-08`, title: 'Lägesbild vecka 10' });
    const narrated = await e2e.call('coordinator', 'PATCH', `/api/situation-pictures/${sp.id}`, {
      rowVersion: sp.rowVersion,
      narrative: { summary: 'Skadegörelsen ökar vid stationen.', problems: [{ title: 'Skadegörelse vid stationen', offender: 'Unga i grupp fredagskvällar.', target: 'Busskurer.', place: 'Mörkt och skymt.', suggestedMeasures: 'Bättre belysning och nattvandrare.' }] },
    });
    await e2e.call('coordinator', 'POST', `/api/situation-pictures/${sp.id}/publish`, { rowVersion: narrated.rowVersion });
    editionId = sp.id;
  });
  after(async () => { await e2e?.close(); });

  test('one click adds a proposal to the plan, linked to its lägesbild; unsaved text stays', async () => {
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/handlingsplan/${year}`);
    await page.getByRole('heading', { level: 1, name: `Lägesbild och åtgärdsplan ${year}` }).waitFor();
    await page.locator('fieldset.est-plain:not([disabled])').waitFor();
    // What the document compares, in words (the year runs: the same dates last year).
    assert.match(await page.getByTestId('ap-comparison').innerText(), new RegExp(`Året är inte slut: dokumentets kartläggning omfattar ${year}-01-01 – .* och jämförs med samma datum ${year - 1}|kartläggning omfattar hela ${year}`));

    await page.getByLabel('Inledning').fill('Texten är inte sparad än.');
    const proposals = page.getByRole('region', { name: `Förslag från lägesbilderna ${year}` });
    await proposals.getByText('Bättre belysning och nattvandrare.').waitFor();
    await proposals.getByRole('link', { name: 'Lägesbild vecka 10' }).waitFor();
    await axe(page, 'action plan with proposals');
    await proposals.getByRole('button', { name: 'Lägg till ”Skadegörelse vid stationen” i planen' }).click();
    await page.getByRole('status').filter({ hasText: '”Skadegörelse vid stationen” är tillagt bland de prioriterade problemen.' }).waitFor();
    await proposals.getByText('Finns i planen.').waitFor();

    // The problem is in the plan's list with its analysis and the link to its lägesbild.
    const priorities = page.getByRole('region', { name: 'Prioriterade problem' });
    assert.equal(await priorities.getByRole('link', { name: 'Lägesbild vecka 10' }).getAttribute('href'), `#/lagesbilder/${editionId}`);
    assert.equal(await priorities.locator('fieldset.est-problem').first().getByLabel(/^Problem/).first().inputValue(), 'Skadegörelse vid stationen');
    assert.equal(await page.getByLabel('Inledning').inputValue(), 'Texten är inte sparad än.', 'the unsaved introduction is kept');
    const accepted = await e2e.call('coordinator', 'GET', `/api/action-plans/${year}`);
    assert.equal(accepted.narrative.priorities[0].source.situationPictureId, editionId);
    assert.equal(accepted.narrative.priorities[0].suggestedMeasures, 'Bättre belysning och nattvandrare.');
    assert.equal(accepted.narrative.introduction, '');

    // Saving keeps both: the text typed and the problem with its link.
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Handlingsplanen är sparad.' }).waitFor();
    const saved = await e2e.call('coordinator', 'GET', `/api/action-plans/${year}`);
    assert.equal(saved.narrative.introduction, 'Texten är inte sparad än.');
    assert.deepEqual(saved.narrative.priorities.map((p: any) => [p.title, p.source?.situationPictureId]), [['Skadegörelse vid stationen', editionId]]);
    await screenshot(page, 'action-plan-proposals');
    await page.context().close();
  });
});
