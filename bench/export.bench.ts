/**
 * The export suite (`npm run bench -- export`, issue 15): a GeoPackage of 100,000 incidents on
 * PostgreSQL and on PGlite, against the CSV export of the same selection in the same run (the same
 * pages read from the database, written as text: what the GeoPackage adds is the file), and the XLSX
 * on PostgreSQL. Target: the GeoPackage in under 10 s.
 *
 * Each engine gets its own database (PostgreSQL: CREATE DATABASE lb_bench_export_… on
 * TEST_DATABASE_URL's server; PGlite: a temporary directory), migrated, with the test fixtures and
 * 100,000 synthetic Alingsås incidents over two years (the demo generator, bulk INSERT … SELECT FROM
 * unnest). The export runs in this process through the service the route calls (exportIncidents, as a
 * coordinator, the whole selection), and every byte is read as a download would read it. The
 * database is dropped after the last benchmark of the engine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Benchmark } from './lib.ts';
import type { Actor } from '../src/core/access/roles.ts';
import { boundaryRings } from '../src/core/geo/index.ts';
import { centresFromTatortPoints, generateIncidentColumns, uuidAt } from '../src/core/demo/index.ts';
import type { ExportFormat } from '../src/core/incidents/export-formats.ts';
import type { Database } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { exportIncidents } from '../src/services/incident-reads.ts';
import { municipalityBoundary } from '../src/setup/boundaries.ts';
import { readSharedJson } from '../src/setup/shared-data.ts';
import { FX, seedFixtures } from '../test/support/fixtures.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const INCIDENTS = Number(process.env.LB_EXPORT_BENCH_INCIDENTS ?? 100_000);
const ITERATIONS = 3;
const CHUNK = 50_000;
const log = (m: string) => process.stderr.write(`    [export] ${m}\n`);

type EngineLabel = 'PostgreSQL' | 'PGlite';
interface Env { db: Database; drop: () => Promise<void>; peakRssMB: number; sizes: Map<string, number> }

const COORDINATOR: Actor = {
  userId: FX.users.coordinator.id, organisationId: FX.orgs.kommun, municipalityId: FX.alingsas, municipalities: [FX.alingsas], roles: ['coordinator'],
};

/** Two years ending at tomorrow's midnight (UTC): the data of a municipality that has used the app a while. */
const END = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
END.setUTCDate(END.getUTCDate() + 1);

async function fill(db: Database): Promise<void> {
  const t0 = performance.now();
  const cats = await db.query<{ id: string; code: string }>('SELECT id, code FROM categories WHERE municipality_id = $1', [FX.alingsas]);
  const categoryIds = Object.fromEntries(cats.rows.map((c) => [c.code, c.id]));
  const boundary = municipalityBoundary(FX.alingsas);
  const centres = centresFromTatortPoints(readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson'));
  const { columns: c } = generateIncidentColumns({ seed: 1489, count: INCIDENTS, end: END, boundary: boundaryRings(boundary.geometry3006), centres });
  const orgOf: Record<string, string> = { alingsashem: FX.orgs.alingsashem, polisen: FX.orgs.polisen, bevakning: FX.orgs.bevakning };
  const orgIds = c.organisationKeys.map((k) => orgOf[k] ?? FX.orgs.kommun);
  const catIds = c.categoryCodes.map((code) => {
    const id = categoryIds[code];
    if (!id) throw new Error(`the generator's category ${code} is not among the fixture's categories`);
    return id;
  });
  const precisions = ['gps', 'map', 'place'];
  for (let s = 0; s < INCIDENTS; s += CHUNK) {
    const m = Math.min(CHUNK, INCIDENTS - s);
    const ids: string[] = [], cat: string[] = [], from: number[] = [], to: number[] = [], rep: number[] = [], x: number[] = [], y: number[] = [];
    const prec: string[] = [], place: (string | null)[] = [], desc: string[] = [], org: string[] = [], police: boolean[] = [], assess: (number | null)[] = [];
    const vis: string[] = [];
    for (let k = 0; k < m; k++) {
      const i = s + k;
      ids.push(uuidAt(c, i));
      cat.push(catIds[c.category[i]]);
      from.push(c.occurredFrom[i] / 1000); to.push(c.occurredTo[i] / 1000); rep.push(c.reportedAt[i] / 1000);
      x.push(c.x[i]); y.push(c.y[i]);
      prec.push(precisions[c.precision[i]]);
      place.push(c.place[i] >= 0 ? c.placeNames[c.place[i]] : null);
      desc.push(c.descriptions[c.description[i]]);
      org.push(orgIds[c.organisation[i]]);
      police.push(c.reportedToPolice[i] === 1);
      assess.push(c.assessment[i] || null);
      vis.push(c.organisationKeys[c.organisation[i]] === 'polisen' && i % 10 === 0 ? 'restricted' : 'normal');
    }
    await db.query(
      `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, position_precision,
         place_name, description, organisation_id, reported_to_police, assessment, source, visibility)
       SELECT id, '${FX.alingsas}', cat, to_timestamp(f), to_timestamp(t), to_timestamp(r), ST_SetSRID(ST_MakePoint(x, y), 3006), prec,
         place, descr, org, police, assess, 'bench', vis
         FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::text[],
                     $9::text[], $10::text[], $11::uuid[], $12::boolean[], $13::smallint[], $14::text[])
           AS u(id, cat, f, t, r, x, y, prec, place, descr, org, police, assess, vis)`,
      [ids, cat, from, to, rep, x, y, prec, place, desc, org, police, assess, vis]);
  }
  await db.query('ANALYZE incidents');
  log(`${INCIDENTS.toLocaleString('en')} incidents inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function createEnv(label: EngineLabel): Promise<Env> {
  const t0 = performance.now();
  let db: Database, drop: () => Promise<void>;
  if (label === 'PostgreSQL') {
    const name = `lb_bench_export_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    db = await openPostgres(u.toString());
    drop = async () => {
      await db.close();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      log(`PostgreSQL: database ${name} dropped`);
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'lb-bench-export-'));
    db = await openPglite(dir);
    drop = async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      log('PGlite: directory removed');
    };
  }
  try {
    await migrate(db);
    await seedFixtures(db);
    await fill(db);
  } catch (e) {
    await drop();
    throw e;
  }
  log(`${label}: ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { db, drop, peakRssMB: 0, sizes: new Map() };
}

const envs = new Map<EngineLabel, Promise<Env>>();
const pendingDrop = new Map<EngineLabel, NodeJS.Timeout>();

/** The engine's database, made once; the next benchmark's setup cancels the drop its predecessor's teardown scheduled. */
function env(label: EngineLabel): Promise<Env> {
  clearTimeout(pendingDrop.get(label));
  let e = envs.get(label);
  if (!e) { e = createEnv(label); envs.set(label, e); }
  return e;
}

function scheduleDrop(label: EngineLabel): void {
  clearTimeout(pendingDrop.get(label));
  pendingDrop.set(label, setTimeout(() => {
    const e = envs.get(label);
    envs.delete(label);
    void e?.then((x) => {
      log(`${label}: peak RSS ${x.peakRssMB.toFixed(0)} MB; files ${[...x.sizes].map(([f, b]) => `${f} ${(b / 2 ** 20).toFixed(1)} MB`).join(', ')}`);
      return x.drop();
    });
  }, 1000));
}

/** One whole export, every byte read; the file's size. */
async function exportOnce(e: Env, format: ExportFormat): Promise<number> {
  const { chunks, count } = await exportIncidents(e.db, COORDINATOR, { municipalities: [FX.alingsas] }, format, { format, bench: true });
  if (count !== INCIDENTS) throw new Error(`${format}: ${count} incidents exported, ${INCIDENTS} expected`);
  let bytes = 0;
  for await (const c of chunks) bytes += typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength;
  e.peakRssMB = Math.max(e.peakRssMB, process.memoryUsage().rss / 2 ** 20);
  e.sizes.set(format, bytes);
  return bytes;
}

const size = INCIDENTS.toLocaleString('en');
function bench(label: EngineLabel, format: ExportFormat, what: string, baseline?: string): Benchmark<Env> {
  return {
    suite: 'export',
    name: `${what} of ${size} incidents (${label})`,
    iterations: ITERATIONS,
    baseline,
    target: format === 'gpkg' ? { ms: 10_000, description: 'under 10 s' } : undefined,
    setup: () => env(label),
    run: (e) => exportOnce(e, format),
    teardown: () => scheduleDrop(label),
  };
}

const benchmarks: Benchmark<Env>[] = [];
for (const label of ['PostgreSQL', 'PGlite'] as const) {
  const base = `export baseline: CSV of ${size} incidents (${label})`;
  benchmarks.push(
    { ...bench(label, 'csv', 'export baseline: CSV'), name: base },
    bench(label, 'gpkg', 'export: GeoPackage', base),
  );
  if (label === 'PostgreSQL') benchmarks.push(bench(label, 'xlsx', 'export: XLSX', base));
}
export default benchmarks;
