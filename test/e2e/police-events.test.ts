/**
 * Issue 15 item 7 in a real browser, against a real `lagesbild serve` that polls a local replay of
 * polisen.se (never the real API): the server fetches the recorded answer by itself and the admin
 * page says so; a coordinator uploads the recorded Alingsås file on Administration → Polishändelser
 * and reads the result (announced in a live region); a file with a bad event is refused with the
 * event and the field named, and nothing of it is stored. axe checks each state.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startPolisenReplay, type PolisenReplay } from '../support/polisen.ts';
import { FX, type FixtureUser } from '../support/fixtures.ts';
import { axe, screenshot, skipReason, startBrowserServer, waitForFocus, type E2E } from './support/harness.ts';

const ALINGSAS_FILE = fileURLToPath(new URL('../../../shared/data/polisen/polisen_events_alingsas_2022-09_2026-08.json', import.meta.url));

describe('e2e: police events (upload on the admin page, the poller\'s status)', { skip: skipReason() }, () => {
  let e2e: E2E;
  let replay: PolisenReplay;
  before(async () => {
    replay = await startPolisenReplay();
    e2e = await startBrowserServer<FixtureUser>({
      credentials: (u) => ({ email: FX.users[u].email, password: FX.password }),
      env: { LAGESBILD_POLICE_POLL: 'on', LAGESBILD_POLICE_CONTACT: 'it@alingsas.test', LAGESBILD_POLICE_URL: replay.url },
    });
  });
  after(async () => {
    await e2e?.close();
    await replay?.close();
  });

  test('the server polls the replay by itself; a coordinator uploads the recorded file and reads the result', async () => {
    // The poller's first pass comes 5 s after the server starts.
    const deadline = Date.now() + 30_000;
    while (!replay.requests.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(replay.requests.length, 1, `one call to the replay\n${e2e.output()}`);
    assert.match(String(replay.requests[0].headers['user-agent']), /^Lagesbild\/\S+ \(municipalities 1442 1489; contact it@alingsas\.test\)$/);
    // Wait until the answer is stored: the status says when the last fetch succeeded.
    while (!(await e2e.call('coordinator', 'GET', '/api/police-events/status')).poller.lastSuccessAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/admin`);
    await page.getByRole('navigation', { name: 'Administration, undersidor' }).getByRole('link', { name: 'Polishändelser' }).click();
    await page.waitForURL(/#\/admin\/polishandelser/);
    await page.getByRole('heading', { level: 2, name: 'Polishändelser' }).waitFor();
    const held = page.getByRole('region', { name: 'Inlästa händelser' });
    // What the poller brought: the answer's one Alingsås event and the county's 17.
    await held.getByText(/^Alingsås: 18 händelser, den senaste publicerad /).waitFor();
    const poller = page.getByRole('region', { name: 'Automatisk hämtning från polisen.se' });
    await poller.getByText('Händelserna hämtas automatiskt, av en server i taget.').waitFor();
    await poller.getByText(/500 händelser i svaret \(nya: 35\)/).waitFor();
    await axe(page, 'police events: the poller has fetched');

    // No file chosen: the field says so and gets the focus.
    await page.getByRole('button', { name: 'Läs in' }).click();
    const input = page.getByLabel(/Fil med polisens händelser \(JSON\)/);
    await page.getByText('Välj en fil först.').waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await waitForFocus(page, { id: 'police-file' });
    await axe(page, 'police events: no file chosen');

    await input.setInputFiles(ALINGSAS_FILE);
    await page.getByRole('button', { name: 'Läs in' }).click();
    // The live region announces it; the result lists what happened per municipality.
    await page.getByRole('status').filter({ hasText: 'Filen är inläst: 120 nya händelser.' }).waitFor();
    const result = page.getByRole('region', { name: 'Resultat' });
    await result.getByText('121 händelser lästa ur filen.').waitFor();
    await result.getByText('Alingsås: 121 händelser – nya: 120, fanns redan: 1.').waitFor();
    await held.getByText(/^Alingsås: 138 händelser, den senaste publicerad /).waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), null);
    await axe(page, 'police events: a file loaded');
    await screenshot(page, 'admin-polishandelser');

    // A file with a bad third event: refused, the event and the field named, nothing stored.
    const good = { id: 990001, datetime: '2026-08-21 19:14:52 +02:00', name: '21 augusti 19.14, Brand, Alingsås', type: 'Brand', location: { name: 'Alingsås', gps: '57.930021,12.536211' } };
    const bad = [good, { ...good, id: 990002 }, { ...good, id: 990003, datetime: 'igår' }];
    await input.setInputFiles({ name: 'fel.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByRole('button', { name: 'Läs in' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Tidpunkt (händelse 3): ange tiden som polisen skriver den, t.ex. 2026-08-22 9:48:12 +02:00.').waitFor();
    assert.equal(await result.count(), 0, 'the earlier result is gone');
    await axe(page, 'police events: a bad file');
    const status = await e2e.call('coordinator', 'GET', '/api/police-events/status');
    assert.equal(status.municipalities[0].held, 138, 'nothing of the bad file stored');
    await page.context().close();
  });
});
