/**
 * The README's "On a PostgreSQL server" steps on an empty database, through the real entry point
 * (bin/lagesbild.mjs), on both engines (issue 13, items 1 and 2): migrate, municipality add (SCB's
 * boundary, and a precise one in a local SWEREF 99 zone), organisation add (one of them in two
 * municipalities), user add with Swedish role names, serve, log in and report in each municipality;
 * the police area's chief reads both; back up, restore into a new database and find it all there
 * (issue 13's "done means"). Every bad input exits non-zero with a message naming what is wrong and changes nothing. The
 * commands run from another working directory, with the shared reference data out of reach: the
 * product finds what it ships from its own folder and reads nothing from ../shared.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import proj4 from 'proj4';
import type { MultiPolygon } from 'geojson';
import { testEngines } from '../support/db.ts';
import { POINTS } from '../support/fixtures.ts';
import { BIN, exited, httpLogin, startServer } from '../support/process.ts';
import { municipalityBoundary } from '../../src/setup/boundaries.ts';

function lagesbild(args: string[], env: Record<string, string>, cwd: string, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => ok({ code, stdout, stderr }));
    p.stdin.end(stdin);
  });
}

const ALINGSAS = municipalityBoundary('1489').geometry3006 as MultiPolygon;
/** Alingsås as its GIS might export it: SWEREF 99 12 00 (EPSG:3007), without a crs member. */
function alingsas3007(): MultiPolygon {
  const c = proj4('+proj=utm +zone=33 +ellps=GRS80 +units=m +no_defs', '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
  return { type: 'MultiPolygon', coordinates: ALINGSAS.coordinates.map((p) => p.map((r) => r.map((pt) => c.forward([pt[0], pt[1]])))) };
}
// Straight south of SCB's southernmost Alingsås vertex that vertex is the nearest point of the boundary.
const [southE, southN] = ALINGSAS.coordinates.flat(2).reduce((a, b) => (b[1] < a[1] ? b : a));

for (const engine of testEngines()) {
  describe(`setting up a deployment from the command line on an empty ${engine} database`, () => {
    const work = mkdtempSync(join(tmpdir(), 'lb-setup-'));
    let env: Record<string, string>;
    /** PostgreSQL databases made for the test, dropped at the end. */
    const databases: string[] = [];
    /** A new, empty PostgreSQL database: its URL. */
    async function createDatabase(prefix: string): Promise<string> {
      const admin = process.env.LB_PG_ADMIN_URL!;
      const name = `${prefix}_${randomBytes(6).toString('hex')}`;
      const a = new pg.Client({ connectionString: admin });
      await a.connect();
      await a.query(`CREATE DATABASE ${name}`);
      await a.end();
      databases.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    }
    let restores = 0;
    /** A new, empty database (or data directory) of the same engine, for a restore. */
    async function emptyTarget(): Promise<Record<string, string>> {
      if (engine === 'pglite') return { ...env, DATA_DIR: join(work, `restored-${++restores}`) };
      return { ...env, DATABASE_URL: await createDatabase('lb_restored') };
    }
    const run = (args: string[], stdin?: string) => lagesbild(args, env, work, stdin);
    const json = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

    before(async () => {
      const shared = { LAGESBILD_SHARED_DATA: join(work, 'no-shared-data') };
      if (engine === 'pglite') {
        env = { ...shared, DATA_DIR: join(work, 'data'), DATABASE_URL: '' };
      } else {
        env = { ...shared, DATABASE_URL: await createDatabase('lb_setup'), DATA_DIR: join(work, 'unused') };
      }
      writeFileSync(join(work, 'alingsas-3007.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { namn: 'Alingsås' }, geometry: alingsas3007() }] }));
      writeFileSync(join(work, 'point.geojson'), JSON.stringify({ type: 'Point', coordinates: [12.53, 57.93] }));
      writeFileSync(join(work, 'says-3006.geojson'), JSON.stringify({ type: 'Feature', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } }, properties: {}, geometry: { type: 'Polygon', coordinates: [[[12.4, 57.9], [12.6, 57.9], [12.6, 58.0], [12.4, 57.9]]] } }));
    });
    after(async () => {
      if (databases.length) {
        const b = new pg.Client({ connectionString: process.env.LB_PG_ADMIN_URL! });
        await b.connect();
        for (const name of databases) await b.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await b.end();
      }
      rmSync(work, { recursive: true, force: true });
    });

    // Each command opens the database afresh (seconds on PGlite), so the refusals that need the
    // database are few here; src/services/municipality-setup.test.ts has every one on both engines.
    test('migrate, municipality add and list; bad municipalities and boundaries are refused and change nothing', async () => {
      assert.equal((await run(['migrate'])).code, 0);
      const early = await run(['user', 'add', '--email', 'a@kommun.se', '--name', 'A', '--org', 'Kommunledningskontoret', '--role', 'admin', '--password-stdin'], 'ett-långt-lösenord');
      assert.equal(early.code, 1);
      assert.match(early.stderr, /no municipality is set up yet: start with `lagesbild municipality add CODE`/);

      const vargarda = await run(['municipality', 'add', '1442']);
      assert.equal(vargarda.code, 0, vargarda.stderr);
      assert.deepEqual(json(vargarda.stdout)[0].source, 'scb');
      assert.match(vargarda.stderr, /skapade Vårgårda kommun \(1442\) med SCB:s gräns/);
      const alingsas = await run(['municipality', 'add', '1489', '--boundary', 'alingsas-3007.geojson']);
      assert.equal(alingsas.code, 0, alingsas.stderr);
      assert.deepEqual([json(alingsas.stdout)[0].crs, json(alingsas.stdout)[0].crsFrom], [3007, 'coordinates']);

      const refusals: Array<[string[], RegExp]> = [
        [['municipality', 'add', '1424'], /no municipality "1424"[\s\S]*did you mean[\s\S]*1442 Vårgårda/],
        [['municipality', 'add', '1442'], /Vårgårda \(1442\) is already set up/],
        [['municipality', 'add', '1441', '--boundary', 'point.geojson'], /the file is a Point, not a Polygon or MultiPolygon/],
        [['municipality', 'add', '1441', '--boundary', 'says-3006.geojson'], /"crs" member says SWEREF 99 TM \(EPSG:3006\), but the coordinates are WGS 84/],
        [['municipality', 'add', '1441', '--boundary', 'alingsas-3007.geojson', '--crs', '3006'], /--crs says SWEREF 99 TM \(EPSG:3006\), but the coordinates are metres of a local SWEREF 99 zone/],
        [['municipality', 'add', '1441', '--boundary', 'missing.geojson'], /cannot read the boundary file missing\.geojson: no such file/],
      ];
      for (const [args, message] of refusals) {
        const r = await run(args);
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message, args.join(' '));
        assert.equal(r.stdout, '', args.join(' '));
      }
      const listed = json((await run(['municipality', 'list', '--json'])).stdout);
      assert.deepEqual(listed.map((m) => [m.id, m.name, m.organisations, m.users]), [['1442', 'Vårgårda', 0, 0], ['1489', 'Alingsås', 0, 0]], 'the refusals added nothing');
      assert.equal(listed[1].vertices, ALINGSAS.coordinates.flat(2).length);
      const available = await run(['municipality', 'list', '--available']);
      assert.equal(available.stdout.trim().split('\n').length, 290);
      assert.match(available.stdout, /^\* 1442 {2}Vårgårda$/m);
      assert.match(available.stdout, /^ {2}1441 {2}Lerum$/m);
    });

    test('organisation add in one or two municipalities, and list; a missing municipality or an unknown kind is refused', async () => {
      const police = await run(['organisation', 'add', '--municipality', '1489,1442', '--name', 'Polisen lokalpolisområde Alingsås', '--kind', 'polis', '--short', 'Polisen']);
      assert.equal(police.code, 0, police.stderr);
      assert.deepEqual([json(police.stdout)[0].municipalityId, json(police.stdout)[0].municipalities], ['1489', ['1489', '1442']]);
      assert.match(police.stderr, /i 1489, 1442/);
      const refusals: Array<[string[], RegExp]> = [
        [['organisation', 'add', '--municipality', '1489,1484', '--name', 'X', '--kind', 'polis'], /does not have 1484 \(Lysekil\): add it first with `lagesbild municipality add 1484`/],
        [['organisation', 'add', '--municipality', '1442', '--name', 'X', '--kind', 'skola'], /unknown organisation kind "skola"/],
      ];
      for (const [args, message] of refusals) {
        const r = await run(args);
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message, args.join(' '));
      }
      const kommun = await run(['organisation', 'add', '--municipality', 'Vårgårda', '--name', 'Vårgårda kommun', '--kind', 'förvaltning']);
      assert.equal(kommun.code, 0, kommun.stderr);
      const listed = json((await run(['organisation', 'list', '--json'])).stdout);
      assert.deepEqual(listed.map((o) => [o.municipalityId, o.name, o.kind]), [['1442', 'Vårgårda kommun', 'forvaltning'], ['1489', 'Polisen lokalpolisområde Alingsås', 'polis']]);
    });

    test('user add takes the Swedish role names; serve; each user reports in its municipalities, near the border within the tolerance', async () => {
      // The police area's organisation works in both: its users need no grant.
      const polis = await run(['user', 'add', '--email', 'polis@polisen.se', '--name', 'Petra Polis', '--org', 'Polisen', '--role', 'rapportör', '--password-stdin'], 'ett-långt-lösenord\n');
      assert.equal(polis.code, 0, polis.stderr);
      assert.deepEqual([json(polis.stdout)[0].roles, json(polis.stdout)[0].municipalities.sort()], [['reporter'], ['1442', '1489']]);
      const admin = await run(['user', 'add', '--email', 'admin@vargarda.se', '--name', 'Ada Admin', '--org', 'Vårgårda kommun', '--role', 'administratör,samordnare', '--password-stdin'], 'ett-långt-lösenord\n');
      assert.equal(admin.code, 0, admin.stderr);
      assert.deepEqual(json(admin.stdout)[0].roles, ['admin', 'coordinator']);
      const unknown = await run(['user', 'add', '--email', 'x@vargarda.se', '--name', 'X', '--org', 'Vårgårda kommun', '--role', 'chef', '--password-stdin'], 'ett-långt-lösenord\n');
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /unknown role chef; choose from rapportör \(reporter\), samordnare \(coordinator\)/);

      const { proc, url, output } = await startServer({ ...env, BOUNDARY_TOLERANCE_M: '100', LAGESBILD_SCHEDULER: 'off' });
      try {
        const h = await httpLogin(url, 'polis@polisen.se', 'ett-långt-lösenord');
        const categories = (await (await fetch(`${url}/api/categories`, { headers: h })).json()) as Array<{ id: string; code: string; municipalityId: string }>;
        const klotter = (m: string) => categories.find((c) => c.code === 'skadegorelse.klotter' && c.municipalityId === m)!.id;
        const report = (categoryId: string, location: object) => fetch(`${url}/api/incidents`, {
          method: 'POST', headers: h, body: JSON.stringify({ categoryId, occurredAt: new Date(Date.now() - 3600_000).toISOString(), location }),
        });
        const inVargarda = await report(klotter('1442'), POINTS.vargardaCentrum);
        assert.equal(inVargarda.status, 201, await inVargarda.clone().text());
        assert.deepEqual(((await inVargarda.json()) as { municipalityId: string }).municipalityId, '1442');
        const near = await report(klotter('1489'), { e: southE, n: southN - 60, crs: 3006 });
        assert.equal(near.status, 201, await near.clone().text());
        assert.deepEqual(((await near.json()) as { municipalityId: string; outsideBoundaryM: number }).outsideBoundaryM, 60);
        // 150 m is within the default 200 m, but this deployment said 100.
        const far = await report(klotter('1489'), { e: southE, n: southN - 150, crs: 3006 });
        assert.equal(far.status, 422, output());

        // A Vårgårda-only organisation's user is told why Alingsås is refused.
        const v = await httpLogin(url, 'admin@vargarda.se', 'ett-långt-lösenord');
        const refused = await fetch(`${url}/api/incidents`, {
          method: 'POST', headers: { ...v, 'accept-language': 'sv' },
          body: JSON.stringify({ categoryId: klotter('1442'), occurredAt: new Date(Date.now() - 3600_000).toISOString(), location: POINTS.alingsasCentrum }),
        });
        assert.equal(refused.status, 422);
        assert.match(await refused.text(), /ligger i Alingsås kommun, där din organisation inte verkar\. Du kan rapportera i Vårgårda kommun/);
      } finally {
        proc.kill('SIGTERM');
        await exited(proc);
      }
    });

    test('the police area across both; back up, restore into a new database, and find everything there', async () => {
      const chief = await run(['user', 'add', '--email', 'chef@polisen.se', '--name', 'Chef', '--org', 'Polisen', '--role', 'områdesgrupp', '--password-stdin'], 'ett-långt-lösenord\n');
      assert.equal(chief.code, 0, chief.stderr);
      /** What the police area's chief sees: the police's reports, by municipality. */
      async function policeArea(target: Record<string, string>): Promise<string[]> {
        const { proc, url } = await startServer({ ...target, LAGESBILD_SCHEDULER: 'off' });
        try {
          const h = await httpLogin(url, 'chef@polisen.se', 'ett-långt-lösenord');
          const list = (await (await fetch(`${url}/api/incidents?limit=500`, { headers: h })).json()) as { items: Array<{ id: string; municipalityId: string; outsideBoundaryM: number | null }> };
          return list.items.map((i) => `${i.municipalityId} ${i.id} ${i.outsideBoundaryM ?? ''}`).sort();
        } finally {
          proc.kill('SIGTERM');
          await exited(proc);
        }
      }
      const seen = await policeArea(env);
      assert.deepEqual(seen.map((x) => x.slice(0, 4)), ['1442', '1489'], 'one report in each municipality, read together');

      const file = join(work, `lagesbild-${engine}.backup.gz`);
      const backup = await run(['backup', '--out', file]);
      assert.equal(backup.code, 0, backup.stderr);
      const target = await emptyTarget();
      const restore = await lagesbild(['restore', '--file', file], target, work);
      assert.equal(restore.code, 0, restore.stderr);
      assert.deepEqual(await policeArea(target), seen, 'the restored database holds the same reports');
      const listed = await lagesbild(['organisation', 'list', '--json'], target, work);
      assert.deepEqual(json(listed.stdout).map((o) => `${o.municipalities.join(',')} ${o.name}`).sort(), ['1442 Vårgårda kommun', '1489,1442 Polisen lokalpolisområde Alingsås']);
      // A second restore into it is refused: it is no longer empty.
      const again = await lagesbild(['restore', '--file', file], target, work);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /inte tom/);
    });
  });
}
