/**
 * The first start in the browser over HTTP (issue 13, item 2), on both engines: the set-up guide's
 * reads need the live link, the set-up takes Alingsås and Vårgårda with their organisations and the
 * first administrator, who then logs in as usual, and the link is used up. Every bad input is
 * refused with each problem at its field, in Swedish, and changes nothing — the link keeps working.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Database } from '../../db/engine.ts';
import { buildApp } from '../app.ts';
import { DEFAULT_CATEGORIES } from '../../core/categories/defaults.ts';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/api.ts';
import { issueSetupLink } from '../../services/first-start.ts';

/** The fixture database emptied of every municipality (and all that hangs on them): a new installation. */
async function emptyApp(engine: Parameters<typeof startTestApp>[0]): Promise<TestApp> {
  const t = await startTestApp(engine, { rollupApplier: false });
  await t.db.query('TRUNCATE municipalities CASCADE');
  return t;
}

/** Everything a set-up writes, and whether the link is still unused. */
async function written(t: TestApp) {
  const r = await t.db.query<Record<string, number | boolean | null>>(
    `SELECT (SELECT count(*) FROM municipalities) AS municipalities, (SELECT count(*) FROM categories) AS categories,
            (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM organisation_municipalities) AS "worksIn",
            (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM user_municipality_grants) AS grants,
            (SELECT count(*) FROM audit_log) AS audit, (SELECT used_at IS NULL FROM setup_token) AS unused`);
  return r.rows[0];
}

const setup = (token: string) => ({
  token,
  municipalities: ['1489', '1442'],
  organisations: [
    { name: 'Kommunledningskontoret', shortName: 'KLK', kind: 'forvaltning', municipalities: ['1489'] },
    { name: 'Kommunledningsförvaltningen', shortName: 'KLF', kind: 'forvaltning', municipalities: ['1442'] },
    { name: 'Polisen lokalpolisområde Alingsås', shortName: 'Polisen', kind: 'polis', municipalities: ['1489', '1442'] },
    { name: 'AB Alingsåshem', shortName: null, kind: 'kommunalt_bolag', municipalities: ['1489'] },
  ],
  administrator: { name: 'Ada Admin', email: ' Ada.Admin@Alingsas.se ', password: 'ett-långt-lösenord', organisation: 0 },
});
type Setup = ReturnType<typeof setup>;

const post = (t: TestApp, body: unknown, lang = 'sv') => t.app.inject({
  method: 'POST', url: '/api/setup', headers: { 'content-type': 'application/json', 'accept-language': lang }, payload: JSON.stringify(body),
});
const fieldsOf = (res: { json(): any }) => (res.json().error.fields as Array<{ field: string; code: string; message: string }>).map((f) => [f.field, f.code, f.message]);

for (const engine of testEngines()) {
  describe(`the first start in the browser over HTTP on ${engine}`, () => {
    let t: TestApp;
    let token: string;
    before(async () => {
      t = await emptyApp(engine);
      token = (await issueSetupLink(t.db))!;
      assert.ok(token, 'an empty deployment gets a set-up link');
    });
    after(() => t.close());

    /** Sends the set-up and checks that it was refused as expected and wrote nothing. */
    async function refused(body: unknown, status: number, code: string, fields: Array<[string, string, RegExp]> = []) {
      const before = await written(t);
      const res = await post(t, body);
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().error.code, code);
      const got = fieldsOf(res);
      assert.deepEqual(got.map(([f, c]) => [f, c]), fields.map(([f, c]) => [f, c]), res.body);
      fields.forEach(([, , message], i) => assert.match(got[i][2], message));
      assert.deepEqual(await written(t), before, 'nothing was written');
      assert.equal((await written(t)).unused, true, 'the link still works');
      return res.json().error;
    }
    const changed = (f: (b: Setup) => void) => { const b = setup(token); f(b); return b; };

    test('the status says whether the link can set up, and nothing else', async () => {
      const status = async (q: string) => {
        const res = await t.app.inject({ method: 'GET', url: `/api/setup/status${q}` });
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(Object.keys(res.json()), ['state']);
        return res.json().state;
      };
      assert.equal(await status(`?token=${token}`), 'ready');
      assert.equal(await status('?token=not-the-token'), 'invalid');
      assert.equal(await status(''), 'invalid');
    });

    test('the guide\'s reads need the live link: SCB\'s municipalities, the template, the default categories', async () => {
      const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'sv' } });
      const m = await get(`/api/setup/municipalities?token=${token}`);
      assert.equal(m.statusCode, 200, m.body);
      assert.equal(m.json().length, 290);
      assert.deepEqual(m.json().find((x: any) => x.code === '1442'), { code: '1442', name: 'Vårgårda' });
      const tpl = await get(`/api/setup/organisation-template?token=${token}&municipalities=1489&municipalities=1442`);
      assert.equal(tpl.statusCode, 200, tpl.body);
      const kinds = tpl.json().kinds.map((k: any) => k.kind);
      assert.deepEqual(kinds, ['forvaltning', 'kommunalt_bolag', 'forbund', 'polis', 'region_vard', 'bevakningsforetag', 'civilsamhalle']);
      assert.equal(tpl.json().kinds[3].organisations[0].name, 'Polisen lokalpolisområde Alingsås', 'the police area is named after the first chosen');
      const cats = await get(`/api/setup/categories?token=${token}`);
      assert.equal(cats.statusCode, 200, cats.body);
      assert.deepEqual(cats.json().map((c: any) => [c.code, c.parentCode]), DEFAULT_CATEGORIES.map((c) => [c.code, c.parentCode]));
      for (const url of ['/api/setup/municipalities?token=fel', '/api/setup/organisation-template?token=fel', '/api/setup/categories?token=fel']) {
        const res = await get(url);
        assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
        assert.equal(res.json().error.code, 'setup_token_invalid');
        assert.match(res.json().error.message, /^Länken för att sätta upp Lägesbild gäller inte/);
      }
      assert.equal((await get('/api/setup/municipalities')).statusCode, 422, 'the token is required');
    });

    test('a link this deployment did not issue is refused (403)', async () => {
      const e = await refused({ ...setup(token), token: 'x'.repeat(43) }, 403, 'setup_token_invalid');
      assert.match(e.message, /Använd länken som servern skrev ut senast den startade/);
    });

    test('an unknown municipality code is named at its place in the list', async () => {
      await refused(changed((b) => { b.municipalities = ['1489', '9999']; }), 422, 'validation_failed', [
        ['municipalities[1]', 'unknown_municipality', /^Kommuner \(kommun 2\): det finns ingen kommun med koden 9999/],
        ['organisations[1].municipalities', 'municipality_not_chosen', /Vårgårda \(1442\) är inte bland de valda kommunerna/],
        ['organisations[2].municipalities', 'municipality_not_chosen', /Vårgårda \(1442\)/],
      ]);
    });

    test('an organisation in a municipality not chosen is refused', async () => {
      await refused(changed((b) => { b.organisations[1].municipalities = ['1442', '1441']; }), 422, 'validation_failed', [
        ['organisations[1].municipalities', 'municipality_not_chosen', /^Kommuner \(organisation 2\): kommunen Lerum \(1441\) är inte bland de valda kommunerna/],
      ]);
    });

    test('the administrator\'s organisation must be one of those set up', async () => {
      await refused(changed((b) => { b.administrator.organisation = 4; }), 422, 'validation_failed', [
        ['administrator.organisation', 'organisation_not_listed', /^Administratörens organisation: välj en av organisationerna som sätts upp/],
      ]);
    });

    test('a bad e-mail address and a short password are named, with what to enter', async () => {
      await refused(changed((b) => { b.administrator.email = 'ada@kommun'; b.administrator.password = 'kort'; }), 422, 'validation_failed', [
        ['administrator.email', 'format', /^E-postadress: ange en e-postadress, t\.ex\. namn@kommun\.se/],
        ['administrator.password', 'too_short', /^Lösenord: för kort, minst 10 tecken/],
      ]);
    });

    test('two organisations of one municipality with the same name or short name are refused', async () => {
      await refused(changed((b) => {
        b.organisations.push({ name: 'kommunledningskontoret', shortName: 'KLK2', kind: 'forvaltning', municipalities: ['1489'] });
        b.organisations.push({ name: 'Alingsåshem', shortName: 'Polisen', kind: 'kommunalt_bolag', municipalities: ['1489'] });
      }), 422, 'validation_failed', [
        ['organisations[4].name', 'duplicate_name', /^Namn \(organisation 5\): namnet används redan av Kommunledningskontoret/],
        ['organisations[5].shortName', 'duplicate_name', /^Kortnamn \(organisation 6\): namnet används redan av Polisen lokalpolisområde Alingsås/],
      ]);
    });

    test('every problem at once, in one answer; in English when asked', async () => {
      const body = changed((b) => {
        b.municipalities = ['1489', '0000'];
        b.organisations[0].name = '  ';
        b.administrator = { name: '', email: 'nej', password: '123', organisation: 9 };
      });
      const before = await written(t);
      const res = await post(t, body, 'en');
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(fieldsOf(res).map(([f]) => f).sort(), [
        'administrator.email', 'administrator.name', 'administrator.organisation', 'administrator.password', 'municipalities[1]',
        'organisations[0].name', 'organisations[1].municipalities', 'organisations[2].municipalities',
      ]);
      assert.match(fieldsOf(res).find(([f]) => f === 'municipalities[1]')![2], /^Municipalities \(municipality 2\): there is no municipality with the code 0000/);
      assert.deepEqual(await written(t), before);
    });

    test('the shape is checked first: a missing administrator, an unknown kind', async () => {
      const { administrator: _, ...without } = setup(token);
      await refused(without, 422, 'validation_failed', [['administrator', 'required', /^Första administratör: fältet måste fyllas i/]]);
      await refused(changed((b) => { (b.organisations[0] as { kind: string }).kind = 'skola'; }), 422, 'validation_failed', [['organisations[0].kind', 'not_allowed_value', /^Typ \(organisation 1\)/]]);
    });

    test('the set-up creates everything in one go; the administrator logs in as usual; the link is used up', async () => {
      const res = await post(t, setup(token));
      assert.equal(res.statusCode, 201, res.body);
      const done = res.json();
      assert.deepEqual(done.municipalities, [{ id: '1489', name: 'Alingsås' }, { id: '1442', name: 'Vårgårda' }]);
      assert.deepEqual(done.organisations.map((o: any) => o.name), ['Kommunledningskontoret', 'Kommunledningsförvaltningen', 'Polisen lokalpolisområde Alingsås', 'AB Alingsåshem']);
      assert.equal(done.administrator.email, 'ada.admin@alingsas.se');
      const w = await written(t);
      assert.equal(w.municipalities, 2);
      assert.equal(w.categories, 2 * DEFAULT_CATEGORIES.length);
      assert.equal(w.organisations, 4);
      assert.equal(w.worksIn, 5, 'the police area works in both');
      assert.equal(w.users, 1);
      assert.equal(w.unused, false);
      const police = await t.db.query<{ m: string[] }>(`SELECT ARRAY(SELECT municipality_id FROM organisation_municipalities WHERE organisation_id = o.id ORDER BY 1) AS m FROM organisations o WHERE short_name = 'Polisen'`);
      assert.deepEqual(police.rows[0].m, ['1442', '1489']);
      const audit = await t.db.query<{ action: string; details: { municipalities: string[] } }>(`SELECT action, details FROM audit_log WHERE action = 'setup.complete'`);
      assert.deepEqual(audit.rows.map((a) => a.details.municipalities), [['1489', '1442']]);

      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'ada.admin@alingsas.se', password: 'ett-långt-lösenord' }) });
      assert.equal(login.statusCode, 200, login.body);
      assert.deepEqual(login.json().user.roles, ['admin']);
      assert.deepEqual(login.json().municipalities.map((m: any) => m.id).sort(), ['1442', '1489'], 'the first administrator reaches every municipality set up');

      // The second use of the link: refused with what happened, and nothing changes.
      const before = await written(t);
      const again = await post(t, setup(token));
      assert.equal(again.statusCode, 410, again.body);
      assert.equal(again.json().error.code, 'setup_token_used');
      assert.match(again.json().error.message, /^Länken för att sätta upp Lägesbild har redan använts och gäller inte längre\. Lägesbild är uppsatt: logga in som vanligt\.$/);
      assert.deepEqual(await written(t), before);
      const status = await t.app.inject({ method: 'GET', url: `/api/setup/status?token=${token}` });
      assert.deepEqual(status.json(), { state: 'used' });
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/setup/municipalities?token=${token}` })).statusCode, 410);
      assert.equal(await issueSetupLink(t.db), null, 'a set-up deployment gets no new link');
    });
  });
}

test('the set-up link\'s token never reaches the request log', async () => {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  // No route here touches the database: an address the app does not have is answered 404 and logged.
  const app = await buildApp({ db: {} as Database, logger: { level: 'debug', stream }, rollupApplier: false, webRoot: false });
  try {
    await app.inject({ method: 'GET', url: '/api/setup/nowhere?lang=sv&token=hemlig-token-123&x=1' });
  } finally {
    await app.close();
  }
  const logged = lines.join('');
  assert.match(logged, /"url":"\/api\/setup\/nowhere\?lang=sv&token=…&x=1"/);
  assert.equal(logged.includes('hemlig-token-123'), false);
});

