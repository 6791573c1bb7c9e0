/**
 * One figure, one number: the map's side panel (GET /api/stats with the dates the web app sends), an
 * edition's content and its documents (HTML and PDF) count the same incidents for the same period
 * and filters, and the period before and the same period last year are the same whole Swedish days in
 * all three. The incidents sit at 23:30 and 00:30 Swedish time around every boundary, in winter and in
 * summer time, in periods that hold a clock change on a different date than the year before: a count
 * made in UTC days, or a window shifted by UTC hours, moves one of them across and fails here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { pdfText } from '../../../test/support/documents.ts';
import { transform } from '../../core/geo/index.ts';
import { localDate } from '../../core/situation-picture/period.ts';
import { parseStockholmLocal } from '../../core/time/index.ts';
import { buildApp } from '../app.ts';

const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
/** Swedish wall-clock time, 'YYYY-MM-DDTHH:MM'. */
const local = (s: string) => new Date(parseStockholmLocal(s)!);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const yearBefore = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;

type Row = { code: 'skadegorelse.klotter' | 'nedskrapning'; at: string; restricted?: boolean };
const noon = (days: string[], code: Row['code']): Row[] => days.map((d) => ({ code, at: `${d}T12:00` }));
const range = (from: string, n: number) => Array.from({ length: n }, (_, k) => addDays(from, k));

/**
 * Spring: 2–29 March 2026 ends on the day the clocks go forward (29 March 2026; 30 March in 2025).
 * Autumn: 1–25 October 2026 ends on the day they go back (25 October 2026; 26 October in 2025).
 */
const PERIODS = [{ from: '2026-03-02', to: '2026-03-29' }, { from: '2026-10-01', to: '2026-10-25' }];
const ROWS: Row[] = [
  // Spring, this period: noons, and both ends at 00:30 and 23:30.
  ...noon(range('2026-03-05', 10), 'skadegorelse.klotter'),
  { code: 'skadegorelse.klotter', at: '2026-03-02T00:30' }, { code: 'nedskrapning', at: '2026-03-29T23:30' },
  { code: 'skadegorelse.klotter', at: '2026-03-14T23:30' }, { code: 'nedskrapning', at: '2026-03-15T00:30' },
  { code: 'nedskrapning', at: '2026-03-02T00:45' }, { code: 'nedskrapning', at: '2026-03-01T23:30' }, { code: 'nedskrapning', at: '2026-03-30T00:30' },
  { code: 'skadegorelse.klotter', at: '2026-03-20T12:00', restricted: true }, { code: 'nedskrapning', at: '2026-03-21T12:00', restricted: true },
  // Spring, the period before (2 February – 1 March) and last year (2–29 March 2025).
  ...noon(range('2026-02-10', 5), 'nedskrapning'),
  { code: 'nedskrapning', at: '2026-02-02T00:30' }, { code: 'nedskrapning', at: '2026-02-01T23:30' },
  ...noon(range('2025-03-10', 6), 'skadegorelse.klotter'),
  { code: 'skadegorelse.klotter', at: '2025-03-29T23:30' }, { code: 'skadegorelse.klotter', at: '2025-03-30T00:30' },
  { code: 'nedskrapning', at: '2025-03-02T00:30' }, { code: 'nedskrapning', at: '2025-03-01T23:30' },
  // Autumn, this period.
  ...noon(range('2026-10-05', 8), 'nedskrapning'),
  { code: 'skadegorelse.klotter', at: '2026-10-01T00:30' }, { code: 'nedskrapning', at: '2026-10-01T00:15' }, { code: 'skadegorelse.klotter', at: '2026-10-25T23:30' },
  { code: 'nedskrapning', at: '2026-09-30T23:30' }, { code: 'nedskrapning', at: '2026-10-26T00:30' },
  { code: 'skadegorelse.klotter', at: '2026-10-20T12:00', restricted: true },
  // Autumn, the period before (6–30 September) and last year (1–25 October 2025).
  ...noon(range('2026-09-10', 4), 'skadegorelse.klotter'),
  { code: 'skadegorelse.klotter', at: '2026-09-05T23:30' }, { code: 'nedskrapning', at: '2026-09-06T00:30' },
  ...noon(range('2025-10-10', 3), 'nedskrapning'),
  { code: 'nedskrapning', at: '2025-10-25T23:30' }, { code: 'skadegorelse.klotter', at: '2025-10-26T00:30' },
  { code: 'skadegorelse.klotter', at: '2025-09-30T23:30' }, { code: 'nedskrapning', at: '2025-10-01T00:30' },
];

/** The oracle: incidents whose Swedish calendar day lies in [from, to] (inclusive days). */
function expected(from: string, to: string, code?: Row['code']) {
  const n = (a: string, b: string) => ROWS.filter((r) => (!code || r.code === code) && localDate(local(r.at)) >= a && localDate(local(r.at)) <= b).length;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return {
    count: n(from, to),
    previous: n(addDays(from, -days), addDays(from, -1)),
    lastYear: n(yearBefore(from), yearBefore(to)),
    restricted: ROWS.filter((r) => r.restricted && (!code || r.code === code) && localDate(local(r.at)) >= from && localDate(local(r.at)) <= to).length,
  };
}

/** The words of an HTML document, without its markup. */
const htmlText = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;|&#160;/g, ' ').replace(/\s+/g, ' ');
const num = (s: string) => Number(s.replace(/[\s\u00a0\u202f]/g, ''));

/** The counts a lägesbild document states, read from its text. */
function documentCounts(text: string) {
  const one = (re: RegExp, what: string) => {
    const m = re.exec(text);
    assert.ok(m, `the document states ${what}: ${re}`);
    return m.slice(1).map(num);
  };
  const [count] = one(/registrerades ([\d\s\u00a0\u202f]+) händelser?/, 'the period\'s count');
  const [previous] = one(/föregående period \(.*?, ([\d\s\u00a0\u202f]+) händelser?\)/, 'the previous period\'s count');
  const [lastYear] = one(/samma period förra året \(.*?, ([\d\s\u00a0\u202f]+) händelser?\)/, 'last year\'s count');
  const [keyFigure] = one(/Händelser ([\d\s\u00a0\u202f]+) \(/, 'the key figure');
  const caption = /Översiktskarta: (?:(?:De )?([\d\s\u00a0\u202f]+) av )?periodens ([\d\s\u00a0\u202f]+) händelser/.exec(text);
  assert.ok(caption, 'the overview map has a caption that counts');
  return { count, previous, lastYear, keyFigure, mapShown: caption[1] === undefined ? num(caption[2]) : num(caption[1]), mapOf: num(caption[2]) };
}

/** The coordinator's session headers on a server of its own. */
async function login(app: FastifyInstance): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: FX.users.coordinator.email, password: FX.password }) });
  assert.equal(res.statusCode, 200, res.body);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken };
}

for (const engine of testEngines({ citus: true })) {
  describe(`the map panel, an edition and its documents count alike on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    /** The same server without the incident index: the panel's and the edition's numbers from SQL. */
    let sqlApp: FastifyInstance;
    let sqlSession: Record<string, string>;
    let klotter: string;
    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      await insertIncidents(t, ROWS.map((r, k) => ({
        categoryCode: r.code, e: cx + (k % 9) * 15, n: cy + (k % 7) * 15, at: local(r.at),
        org: r.restricted ? 'polisen' : 'kommun', visibility: r.restricted ? 'restricted' : 'normal',
      })));
      klotter = await categoryId(t, 'skadegorelse.klotter');
      sqlApp = await buildApp({ db: t.db, logger: false, rollupApplier: false, loginRateLimit: { max: 1000, timeWindow: 60_000 } });
      await sqlApp.ready();
      sqlSession = await login(sqlApp);
    });
    after(async () => { await sqlApp.close(); await t.close(); });

    for (const period of PERIODS) {
      for (const code of [undefined, 'skadegorelse.klotter'] as const) {
        test(`${period.from} – ${period.to}${code ? `, ${code} only` : ''}: the same counts in the panel, the edition and the document`, async () => {
          const want = expected(period.from, period.to, code);
          const categories = code ? [klotter] : [];
          // The panel asks as the web app does: calendar dates, `to` the day after the last.
          const q = `from=${period.from}&to=${addDays(period.to, 1)}${code ? `&categories=${klotter}` : ''}`;
          const panels = [
            (await coord.get(`/api/stats?${q}`)).json(),
            (await sqlApp.inject({ method: 'GET', url: `/api/stats?${q}`, headers: sqlSession })).json(),
          ];
          for (const [k, stats] of panels.entries()) {
            const source = k ? 'SQL' : 'index';
            assert.deepEqual(
              { count: stats.total, previous: stats.comparison.previous.count, lastYear: stats.comparison.lastYear.count },
              { count: want.count, previous: want.previous, lastYear: want.lastYear }, `the panel (${source})`);
            assert.equal(stats.period.days, 28 - (period.from === '2026-10-01' ? 3 : 0));
            assert.equal(localDate(new Date(stats.comparison.lastYear.from)), yearBefore(period.from), `last year starts on the same date (${source})`);
            assert.equal(localDate(new Date(stats.comparison.lastYear.to)), yearBefore(addDays(period.to, 1)));
            assert.equal(new Date(stats.comparison.lastYear.to).getTime(), local(`${yearBefore(addDays(period.to, 1))}T00:00`).getTime(), 'and ends at Swedish midnight');
          }

          const created = await coord.post('/api/situation-pictures', { ...period, categoryIds: categories });
          assert.equal(created.statusCode, 201, created.body);
          const edition = created.json();
          const c = edition.content;
          assert.deepEqual(
            { count: c.totals.count, previous: c.totals.previous.count, lastYear: c.totals.lastYear.count },
            { count: want.count, previous: want.previous, lastYear: want.lastYear }, 'the edition');
          for (const s of panels[0].byCategory) {
            const r = c.byCategory.find((x: any) => x.id === s.id);
            assert.deepEqual([r?.count, r?.previous.count, r?.lastYear.count], [s.count, s.previous, s.lastYear], `category ${s.code}`);
          }
          assert.equal(c.points.length, want.count - want.restricted, 'the map draws all but the restricted reports');
          assert.equal(localDate(new Date(c.lastYearPeriod.from)), yearBefore(period.from));
          assert.equal(localDate(new Date(c.lastYearPeriod.to)), yearBefore(addDays(period.to, 1)));

          // The SQL path makes the same edition.
          const viaSql = await sqlApp.inject({ method: 'POST', url: '/api/situation-pictures', headers: { ...sqlSession, 'content-type': 'application/json' }, payload: JSON.stringify({ ...period, categoryIds: categories }) });
          assert.equal(viaSql.statusCode, 201, viaSql.body);
          const s = viaSql.json().content;
          assert.deepEqual([s.totals.count, s.totals.previous.count, s.totals.lastYear.count], [want.count, want.previous, want.lastYear], 'the edition (SQL)');

          for (const format of ['html', 'pdf'] as const) {
            const doc = await coord.get(`/api/situation-pictures/${edition.id}/document?format=${format}`);
            assert.equal(doc.statusCode, 200, doc.body);
            const text = format === 'html' ? htmlText(doc.body) : pdfText(doc.rawPayload).join(' ');
            const d = documentCounts(text);
            assert.deepEqual(
              { count: d.count, previous: d.previous, lastYear: d.lastYear, keyFigure: d.keyFigure, mapOf: d.mapOf, mapShown: d.mapShown },
              { count: want.count, previous: want.previous, lastYear: want.lastYear, keyFigure: want.count, mapOf: want.count, mapShown: want.count - want.restricted },
              `the ${format.toUpperCase()} document`);
            if (want.restricted) assert.ok(new RegExp(`${want.restricted} rapport(er)? med begränsad synlighet räknas i nyckeltalen men visas inte som punkter`).test(text), `the ${format} caption says why the map draws fewer`);
          }
        });
      }
    }
  });
}
