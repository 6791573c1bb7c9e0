/**
 * Accounts people manage themselves, in a real browser against `lagesbild serve` with a real SMTP
 * server started here (issue 16 item 5): an administrator invites a user, the link from the
 * e-mail the server sent opens the page that sets a password, the user sets one and logs in; the
 * forgotten-password flow from the login page; one's own password change. axe on each new page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { FX } from '../support/fixtures.ts';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp.ts';
import { axe, screenshot, skipReason, startBrowserServer, type E2E } from './support/harness.ts';

const PUBLIC_URL = 'https://lagesbild.example';
const EMAIL = 'inbjuden@alingsashem.test';

/** The e-mail to an address (the nth), as the server's mailer delivered it. */
async function mailTo(smtp: TestSmtp, address: string, n = 1): Promise<ReceivedMail> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const got = smtp.messages.filter((m) => m.to.includes(address));
    if (got.length >= n) return got[n - 1];
    if (Date.now() > deadline) throw new Error(`no e-mail #${n} to ${address}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The link of an e-mail, pointed at this test's server instead of PUBLIC_URL. */
function linkIn(m: ReceivedMail, url: string): string {
  const hit = /https:\/\/lagesbild\.example(\/#\/valj-losenord\?token=[A-Za-z0-9_-]+)/.exec(m.text);
  assert.ok(hit, `a link in:\n${m.text}`);
  return `${url}${hit[1]}`;
}

async function choosePassword(page: Page, link: string, password: string, heading: string, shot: string) {
  await page.goto(link);
  await page.getByRole('heading', { name: heading }).waitFor();
  await axe(page, `set password (${heading})`);
  await page.getByLabel(/^Nytt lösenord/).fill('kort');
  await page.getByLabel(/^Upprepa/).fill('kort');
  await page.getByRole('button', { name: 'Spara lösenordet' }).click();
  await page.getByText('Lösenordet måste ha minst 10 tecken.').waitFor();
  await axe(page, `set password with an error (${heading})`);
  await screenshot(page, shot);
  await page.getByLabel(/^Nytt lösenord/).fill(password);
  await page.getByLabel(/^Upprepa/).fill(password);
  await page.getByRole('button', { name: 'Spara lösenordet' }).click();
  await page.getByText('Ditt lösenord är sparat. Logga in med det.').waitFor();
}

async function logIn(page: Page, email: string, password: string) {
  assert.equal(await page.getByLabel('E-postadress').inputValue(), email, 'the address is filled in');
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('banner').waitFor();
}

describe('e2e: accounts people manage themselves', { skip: skipReason() }, () => {
  let e2e: E2E;
  let smtp: TestSmtp;
  before(async () => {
    smtp = await startTestSmtp();
    e2e = await startBrowserServer({
      credentials: (u: keyof typeof FX.users) => ({ email: FX.users[u].email, password: FX.password }),
      env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Lägesbild <lagesbild@alingsas.test>', LAGESBILD_SCHEDULER: 'on' },
    });
  });
  after(async () => { await e2e?.close(); await smtp?.close(); });

  test('an administrator invites a user; the e-mailed link sets the password; the user logs in', async () => {
    const admin = await e2e.pageAs('admin');
    await admin.goto(`${e2e.url}/#/admin/anvandare`);
    await admin.getByRole('button', { name: 'Ny användare' }).click();
    const form = admin.locator('form.admin-form');
    await form.getByText('Användaren får en inbjudan per e-post').waitFor();
    assert.equal(await form.locator('input[type=password]').count(), 0, 'no password to type for someone else');
    assert.equal(await form.getByLabel('Samordnare').isDisabled(), true, 'an administrator cannot make a coordinator');
    await form.getByLabel(/^E-postadress/).fill(EMAIL);
    await form.getByLabel(/^Namn/).fill('Inez Inbjuden');
    await form.getByLabel(/^Organisation/).selectOption({ label: 'Alingsåshem' });
    assert.equal(await form.getByLabel(/^Organisation/).locator('option', { hasText: 'Polisen' }).count(), 0, 'the police\'s accounts are not the municipality\'s to make');
    await form.getByLabel('Rapportör').check();
    await axe(admin, 'admin/anvandare new user with invitation');
    await form.getByRole('button', { name: 'Spara' }).click();
    await admin.getByRole('rowheader', { name: 'Inez Inbjuden' }).waitFor();
    await admin.context().close();

    const mail = await mailTo(smtp, EMAIL);
    assert.equal(mail.subject, 'Du är inbjuden till Lägesbild');
    const page = await e2e.pageAs(null);
    await choosePassword(page, linkIn(mail, e2e.url), 'ett-eget-långt-lösenord', 'Välkommen till Lägesbild', 'account-invitation');
    await logIn(page, EMAIL, 'ett-eget-långt-lösenord');
    await page.getByRole('link', { name: 'Rapportera' }).first().waitFor();

    // One's own password, from the top bar.
    await page.getByRole('banner').getByRole('link', { name: 'Mitt konto' }).click();
    await page.getByRole('link', { name: 'Byt lösenord' }).click();
    await page.getByRole('heading', { name: 'Byt lösenord' }).waitFor();
    await axe(page, 'change password');
    await page.getByLabel(/^Nuvarande lösenord/).fill('fel-lösenord');
    await page.getByLabel(/^Nytt lösenord/).fill('ett-tredje-långt-lösenord');
    await page.getByLabel(/^Upprepa/).fill('ett-tredje-långt-lösenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Lösenordet stämmer inte.').first().waitFor();
    await axe(page, 'change password with an error');
    await page.getByLabel(/^Nuvarande lösenord/).fill('ett-eget-långt-lösenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Lösenordet är bytt.').waitFor();
    await screenshot(page, 'account-change-password');
    assert.equal((await mailTo(smtp, EMAIL, 2)).subject, 'Ditt lösenord till Lägesbild har ändrats');

    // The link works once.
    await page.goto(linkIn(mail, e2e.url));
    await page.getByText('Länken har redan använts').waitFor();
    await page.context().close();
  });

  test('a forgotten password: the login page\'s link, the e-mail, a new password, logged in', async () => {
    const page = await e2e.pageAs(null);
    await page.goto(`${e2e.url}/#/`);
    await page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
    await page.getByRole('heading', { name: 'Glömt lösenordet' }).waitFor();
    await axe(page, 'forgotten password');
    await page.getByLabel(/^E-postadress/).fill(FX.users.reporter.email);
    await page.getByRole('button', { name: 'Skicka länken' }).click();
    await page.getByText(`Om adressen ${FX.users.reporter.email} har ett konto`).waitFor();
    await axe(page, 'forgotten password sent');
    await screenshot(page, 'account-forgotten-password');
    const mail = await mailTo(smtp, FX.users.reporter.email);
    assert.equal(mail.subject, 'Nytt lösenord till Lägesbild');
    await choosePassword(page, linkIn(mail, e2e.url), 'ett-nytt-långt-lösenord', 'Välj ett nytt lösenord', 'account-reset');
    await logIn(page, FX.users.reporter.email, 'ett-nytt-långt-lösenord');
    await page.context().close();
  });
});
