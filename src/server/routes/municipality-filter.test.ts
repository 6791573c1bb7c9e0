/**
 * Issue 13 item 3: the web app's municipality switcher sends `municipality=<code>` on every read of
 * the lägesbild (list, export, side panel, map layers). Each endpoint must count that municipality's
 * incidents only, name it in an export's file name, draw only its areas, and give nothing for a code
 * outside the user's reach — from the in-memory index and from SQL (free text forces SQL) alike.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { setUserGrants } from '../../db/repositories/users.ts';

const square = (p: { lon: number; lat: number }, d = 0.003) => ({
  type: 'Polygon',
  coordinates: [[[p.lon - d, p.lat - d], [p.lon + d, p.lat - d], [p.lon + d, p.lat + d], [p.lon - d, p.lat + d], [p.lon - d, p.lat - d]]],
});

/** Upplands Väsby: a real code that no test user reaches and the fixture database does not have. */
const OUTSIDE = '0114';
const DAY = 86_400_000;

for (const engine of testEngines({ citus: true })) {
  describe(`the municipality filter on every lägesbild read, on ${engine}`, () => {
    let t: TestApp;
    /** The coordinator of Alingsås with a grant to Vårgårda: reaches both. */
    let both: Client;
    let viewer: Client;
    const from = new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);

    before(async () => {
      t = await startTestApp(engine);
      await setUserGrants(t.db, FX.users.coordinator.id, [FX.vargarda]);
      both = await t.as('coordinator');
      viewer = await t.as('viewer');
      const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
      const reporter = await t.as('reporter');
      const klotter = await categoryId(t, 'skadegorelse.klotter');
      for (const location of [POINTS.alingsasCentrum, POINTS.alingsasNolby]) {
        const res = await reporter.post('/api/incidents', { categoryId: klotter, occurredAt, location, description: 'MF test' });
        assert.equal(res.statusCode, 201, res.body);
      }
      const vargarda = await t.as('vargardaCoordinator');
      const res = await vargarda.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda), occurredAt, location: POINTS.vargardaCentrum, description: 'MF test' });
      assert.equal(res.statusCode, 201, res.body);
      const area = (who: Client, name: string, p: { lon: number; lat: number }) =>
        who.post('/api/areas', { kind: 'district', geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { namn: name }, geometry: square(p) }] } });
      assert.equal((await area(both, 'Centrum', POINTS.alingsasCentrum)).statusCode, 201);
      assert.equal((await area(vargarda, 'Vårgårda centrum', POINTS.vargardaCentrum)).statusCode, 201);
    });
    after(() => t.close());

    /** Every count the web app shows for a selection: the list, the export, the side panel, the heatmap grid and the points. */
    async function counts(c: Client, extra: string) {
      const q = `from=${from}&to=${to}${extra}`;
      const list = (await c.get(`/api/incidents?${q}&limit=1000`)).json().items as Array<{ municipalityId: string }>;
      const exp = await c.get(`/api/incidents/export?format=csv&${q}`);
      assert.equal(exp.statusCode, 200, exp.body);
      const stats = await c.get(`/api/stats?${q}`);
      assert.equal(stats.statusCode, 200, stats.body);
      const grid = (await c.get(`/api/map/grid?${q}&cellSize=1000`)).json().cells as Array<{ count: number }>;
      const points = (await c.get(`/api/map/points?${q}&zoom=17`)).json().features as unknown[];
      return {
        list: list.length, municipalities: [...new Set(list.map((i) => i.municipalityId))].sort(),
        export: Number(exp.headers['x-total-count']), stats: stats.json().total as number,
        grid: grid.reduce((a, g) => a + g.count, 0), points: points.length,
      };
    }
    const all = (n: number, municipalities: string[]) => ({ list: n, municipalities, export: n, stats: n, grid: n, points: n });

    for (const [source, text] of [['the index', ''], ['SQL', '&q=MF']] as const) {
      test(`${source}: one municipality counts only its own incidents; none or both count all`, async () => {
        assert.deepEqual(await counts(both, `${text}&municipality=${FX.alingsas}`), all(2, [FX.alingsas]));
        assert.deepEqual(await counts(both, `${text}&municipality=${FX.vargarda}`), all(1, [FX.vargarda]));
        assert.deepEqual(await counts(both, `${text}&municipality=${FX.alingsas},${FX.vargarda}`), all(3, [FX.vargarda, FX.alingsas].sort()));
        assert.deepEqual(await counts(both, text), all(3, [FX.vargarda, FX.alingsas].sort()));
      });

      test(`${source}: a category from either municipality's tree stands for its code in both ("alla mina kommuner" with one tree)`, async () => {
        const alingsasKlotter = await categoryId(t, 'skadegorelse.klotter', FX.alingsas);
        const vargardaParent = await categoryId(t, 'skadegorelse', FX.vargarda);
        assert.deepEqual(await counts(both, `${text}&categories=${alingsasKlotter}`), all(3, [FX.vargarda, FX.alingsas].sort()));
        assert.deepEqual(await counts(both, `${text}&categories=${vargardaParent}`), all(3, [FX.vargarda, FX.alingsas].sort()), 'with the subcategories');
        assert.deepEqual(await counts(both, `${text}&categories=${alingsasKlotter}&municipality=${FX.vargarda}`), all(1, [FX.vargarda]));
        assert.deepEqual(await counts(both, `${text}&categories=${await categoryId(t, 'brand', FX.vargarda)}`), all(0, []));
      });

      test(`${source}: a municipality outside the user's reach gives nothing`, async () => {
        assert.deepEqual(await counts(viewer, `${text}&municipality=${FX.vargarda}`), all(0, []));
        assert.deepEqual(await counts(both, `${text}&municipality=${OUTSIDE}`), all(0, []));
        assert.deepEqual(await counts(viewer, text), all(2, [FX.alingsas]));
      });
    }

    test('the clusters of one municipality named with another outside the user\'s reach, or twice, are that municipality\'s', async () => {
      // Zoom 11 clusters; the cells of one carry their incidents. On Citus the statement that finds
      // them runs on one shard only, so it must be chosen by the municipality the query names alone.
      const clusters = async (c: Client, m: string) => {
        const res = await c.get(`/api/map/points?from=${from}&to=${to}&zoom=11&municipality=${m}`);
        assert.equal(res.statusCode, 200, `${m}: ${res.body}`);
        return (res.json().features as Array<{ properties: { kind: string; count?: number; id?: string } }>)
          .map((f) => (f.properties.kind === 'incident' ? `incident ${f.properties.id}` : `cluster ${f.properties.count}`)).sort();
      };
      const alingsas = await clusters(both, FX.alingsas);
      assert.ok(alingsas.some((f) => f.startsWith('incident ')), 'a cell of one is drawn as its incident');
      assert.deepEqual(await clusters(both, `${FX.alingsas},${OUTSIDE}`), alingsas);
      assert.deepEqual(await clusters(both, `${FX.alingsas},${FX.alingsas}`), alingsas);
      assert.deepEqual(await clusters(viewer, `${FX.alingsas},${FX.vargarda}`), alingsas);
    });

    test('a new lägesbild covers the municipality asked for, one of the user\'s; another is refused', async () => {
      const day = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10);
      const made = await both.post('/api/situation-pictures', { from: day(-7), to: day(0), municipalityId: FX.vargarda });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal(made.json().municipalityId, FX.vargarda);
      const home = await both.post('/api/situation-pictures', { from: day(-7), to: day(0) });
      assert.equal(home.json().municipalityId, FX.alingsas, 'without one: the home municipality');
      const other = await both.post('/api/situation-pictures', { from: day(-7), to: day(0), municipalityId: OUTSIDE });
      assert.equal(other.statusCode, 422, other.body);
      assert.equal(other.json().error.fields[0].field, 'municipalityId');
    });

    test('the area layer draws the areas of the chosen municipality only', async () => {
      const names = async (c: Client, extra = '') => ((await c.get(`/api/map/areas?kind=district${extra}`)).json().features as Array<{ properties: { name: string; count: number } }>)
        .map((f) => `${f.properties.name}: ${f.properties.count}`).sort();
      assert.deepEqual(await names(both, `&municipality=${FX.vargarda}`), ['Vårgårda centrum: 1']);
      assert.deepEqual(await names(both, `&municipality=${FX.alingsas}`), ['Centrum: 1']);
      assert.deepEqual(await names(both), ['Centrum: 1', 'Vårgårda centrum: 1']);
      assert.deepEqual(await names(both, `&municipality=${FX.vargarda}&q=MF`), ['Vårgårda centrum: 1'], 'SQL too');
      assert.deepEqual(await names(viewer, `&municipality=${FX.vargarda}`), []);
    });

    test('an export is named for the municipalities it covers, and each GeoJSON feature carries its municipality', async () => {
      const disposition = async (extra: string, format = 'csv') => String((await both.get(`/api/incidents/export?format=${format}${extra}`)).headers['content-disposition']);
      assert.match(await disposition(`&municipality=${FX.vargarda}`), /^attachment; filename="lagesbild-Vargarda-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''lagesbild-V%C3%A5rg%C3%A5rda-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.match(await disposition(`&municipality=${FX.alingsas}`, 'excel'), /filename="lagesbild-Alingsas-\d{4}-\d{2}-\d{2}-excel\.csv"/);
      assert.match(await disposition(''), /filename\*=UTF-8''lagesbild-Alings%C3%A5s-V%C3%A5rg%C3%A5rda-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.match(await disposition('', 'geojson'), /filename="lagesbild-Alingsas-Vargarda-\d{4}-\d{2}-\d{2}\.geojson"/);
      const geo = await both.get(`/api/incidents/export?format=geojson&from=${from}&to=${to}`);
      const features = JSON.parse(geo.body).features as Array<{ properties: { municipalityId: string } }>;
      assert.deepEqual(features.map((f) => f.properties.municipalityId).sort(), [FX.vargarda, FX.alingsas, FX.alingsas].sort());
    });

    test('the list of lägesbilder says which municipality each one covers (the web app lists the chosen one\'s)', async () => {
      const period = { from: new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
      const made = [await both.post('/api/situation-pictures', period), await (await t.as('vargardaCoordinator')).post('/api/situation-pictures', period)];
      for (const r of made) assert.equal(r.statusCode, 201, r.body);
      const items = (await both.get('/api/situation-pictures')).json().items as Array<{ id: string; municipalityId: string }>;
      assert.deepEqual(made.map((r) => items.find((i) => i.id === r.json().id)?.municipalityId), [FX.alingsas, FX.vargarda]);
    });

    test('the lists of meetings and measures follow the municipality chosen', async () => {
      const heldAt = new Date(Date.now() + DAY).toISOString();
      const meetings = [await both.post('/api/meetings', { heldAt, title: 'Möte Alingsås' }), await (await t.as('vargardaCoordinator')).post('/api/meetings', { heldAt, title: 'Möte Vårgårda' })];
      for (const r of meetings) assert.equal(r.statusCode, 201, r.body);
      const titles = async (extra: string) => ((await both.get(`/api/meetings${extra}`)).json().items as Array<{ title: string }>).map((m) => m.title).filter((x) => x.startsWith('Möte ')).sort();
      assert.deepEqual(await titles(''), ['Möte Alingsås', 'Möte Vårgårda']);
      assert.deepEqual(await titles(`?municipality=${FX.vargarda}`), ['Möte Vårgårda']);
      assert.deepEqual(await titles(`?municipality=${OUTSIDE}`), []);
      const measures = await both.get(`/api/measures?municipality=${FX.vargarda}`);
      assert.equal(measures.statusCode, 200, measures.body);
      assert.equal((await both.get('/api/measures?municipality=Vårgårda')).statusCode, 422);
    });

    test('each municipality has its own action plan: the one asked for, one of the user\'s', async () => {
      const year = new Date().getFullYear();
      const own = await both.get(`/api/action-plans/${year}`);
      assert.equal(own.json().municipalityId, FX.alingsas, 'without one: the home municipality');
      const vargarda = await both.get(`/api/action-plans/${year}?municipality=${FX.vargarda}`);
      assert.equal(vargarda.statusCode, 200, vargarda.body);
      assert.equal(vargarda.json().municipalityId, FX.vargarda);
      const written = await both.put(`/api/action-plans/${year}?municipality=${FX.vargarda}`, { rowVersion: 0, adoptedBy: 'KS Vårgårda' });
      assert.equal(written.statusCode, 200, written.body);
      assert.equal((await both.get(`/api/action-plans/${year}`)).json().adoptedBy, null, 'Alingsås\' plan is untouched');
      assert.equal((await (await t.as('vargardaCoordinator')).get(`/api/action-plans/${year}`)).json().adoptedBy, 'KS Vårgårda');
      const outside = await viewer.get(`/api/action-plans/${year}?municipality=${FX.vargarda}`);
      assert.equal(outside.statusCode, 422);
      assert.equal(outside.json().error.fields[0].field, 'municipality');
      const doc = await both.get(`/api/action-plans/${year}/document?format=docx&municipality=${FX.vargarda}`);
      assert.equal(doc.statusCode, 200);
    });

    test('the list pages through both municipalities in one order (newest first, then id), ties across them included', async () => {
      const reporter = await t.as('reporter');
      const vargarda = await t.as('vargardaCoordinator');
      const klotter = { [FX.alingsas]: await categoryId(t, 'skadegorelse.klotter'), [FX.vargarda]: await categoryId(t, 'skadegorelse.klotter', FX.vargarda) };
      const base = Date.now() - 2 * DAY;
      // Interleaved in time, and three pairs at the same minute in both municipalities.
      for (let k = 0; k < 9; k++) {
        for (const [who, m, location] of [[reporter, FX.alingsas, POINTS.alingsasCentrum], [vargarda, FX.vargarda, POINTS.vargardaCentrum]] as const) {
          if (k % 3 === 1 && m === FX.vargarda) continue;
          const occurredAt = new Date(base - Math.floor(k / 2) * 3_600_000 - (k % 2 && m === FX.vargarda ? 60_000 : 0)).toISOString();
          const res = await who.post('/api/incidents', { categoryId: klotter[m], occurredAt, location, description: 'MP sida' });
          assert.equal(res.statusCode, 201, res.body);
        }
      }
      type Row = { id: string; occurredFrom: string; municipalityId: string };
      const whole = (await both.get('/api/incidents?limit=1000')).json().items as Row[];
      const key = (r: Row) => [Date.parse(r.occurredFrom), r.id] as const;
      for (let k = 1; k < whole.length; k++) {
        const [a, b] = [key(whole[k - 1]), key(whole[k])];
        assert.ok(a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]), `row ${k} is in order`);
      }
      assert.deepEqual(new Set(whole.map((r) => r.municipalityId)), new Set([FX.alingsas, FX.vargarda]));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await both.get(`/api/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        paged.push(...(res.json().items as Row[]).map((r) => r.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      assert.deepEqual(paged, whole.map((r) => r.id), 'the pages are the whole list, in its order');
      const alingsas = (await both.get(`/api/incidents?limit=1000&municipality=${FX.alingsas}`)).json().items as Row[];
      assert.deepEqual(alingsas.map((r) => r.id), whole.filter((r) => r.municipalityId === FX.alingsas).map((r) => r.id));
    });

    test('a malformed code is refused, naming the parameter', async () => {
      const res = await both.get('/api/stats?municipality=alingsas');
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().error.fields[0].field, 'municipality');
    });
  });
}
