/**
 * The national-scale data set of `npm run bench -- scale`: the demo generator's incidents placed in
 * the largest municipalities of Sweden, from the shipped SCB boundaries and tätort points, sized by
 * population, written with COPY in chunks of set-based statements.
 *
 * Population: the shipped municipality boundaries carry no population, the tätort points do (`pop`,
 * SCB 2020). A municipality's weight is the summed population of its tätorter, i.e. its urban
 * population. SCB credits a tätort that spans several municipalities to one of them, so the Stockholm
 * tätort (1.6 million) counts for Stockholm municipality alone: Stockholm is the largest by far
 * (a quarter of the incidents at 50 municipalities, more than its real share — the hard case), and
 * suburbs inside that tätort (Solna, Nacka, Huddinge …) rank lower than their real populations.
 *
 * A data set is described by a marker in the database's comment (COMMENT ON DATABASE): a database that
 * holds one of the same size, municipalities and seed is reused as it is.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Database } from '../../src/db/engine.ts';
import { boundaryRings, createPointInPolygon, toSweref99tm } from '../../src/core/geo/index.ts';
import {
  ALINGSAS_HOTSPOTS, DEFAULT_ORGANISATIONS, POSITION_PRECISIONS, centresFromTatortPoints, generateIncidentColumns, uuidAt,
  type DemoCentre, type DemoHotspot, type IncidentColumns,
} from '../../src/core/demo/index.ts';
import type { OrganisationKind } from '../../src/core/organisations/types.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { listCategories } from '../../src/db/repositories/categories.ts';
import { insertOrganisation } from '../../src/db/repositories/organisations.ts';
import { insertUser, setUserGrants } from '../../src/db/repositories/users.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { municipalityBoundary, type ShippedBoundary } from '../../src/setup/boundaries.ts';
import { setUpMunicipality } from '../../src/setup/municipality.ts';
import { resourcePath } from '../../src/setup/resources.ts';
import { copyFrom, copyText } from './copy.ts';

/** Bump when what is generated changes: a kept data set of another version is not reused. */
export const DATASET_VERSION = 1;
/** What the generated incidents carry in `source`, to tell them from reports posted during the bench. */
export const SCALE_SOURCE = 'scale-bench';
export const SCALE_PASSWORD = 'lagesbild-scale-bench';

export interface ScaleMunicipality {
  code: string;
  name: string;
  /** Summed population of its tätorter (SCB 2020). */
  population: number;
  /** Incidents generated in it. */
  count: number;
  centres: DemoCentre[];
  hotspots: DemoHotspot[];
}

export interface DatasetPlan {
  incidents: number;
  seed: number;
  /** Last day of the two generated years is the day before this (UTC midnight). */
  end: string;
  municipalities: ScaleMunicipality[];
  /** The largest municipality, and the one beside it that forms the police area with it. */
  largest: string;
  partner: string;
}

export interface Marker {
  kind: 'lagesbild-scale-bench';
  version: number;
  incidents: number;
  seed: number;
  codes: string[];
  end: string;
  largest: string;
  partner: string;
  complete: boolean;
  generatedAt?: string;
  /** Seconds the generation took (set when complete). */
  seconds?: number;
}

export const USERS = {
  /** Coordinator of the largest municipality: the map of one municipality. */
  coordinator: (m: string) => `samordnare.${m}@scale.lagesbild.test`,
  /** Reporter of the largest municipality: the reports posted during the load phases. */
  reporter: (m: string) => `rapportor.${m}@scale.lagesbild.test`,
  /** Area group of the largest municipality granted the partner too: the police area's map. */
  policeArea: (m: string) => `polisomrade.${m}@scale.lagesbild.test`,
};

const ORG_KIND: Record<string, OrganisationKind> = {
  polisen: 'polis', raddningstjanst: 'forbund', alingsashem: 'kommunalt_bolag', energi: 'kommunalt_bolag', bevakning: 'bevakningsforetag',
};

/** Shares of `total` in proportion to `weights`, summing to `total` exactly (largest remainder). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new RangeError('allocate: the weights sum to 0');
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++;
  return out;
}

interface TatortFeature { properties: { name: string; mun_code: string; pop: number }; geometry: { type: 'Point'; coordinates: [number, number] } }

let tatorter: TatortFeature[] | undefined;
function readTatorter(): TatortFeature[] {
  tatorter ??= (JSON.parse(readFileSync(resourcePath('scb', 'se_tatorter_scb2020_points_wgs84.geojson'), 'utf8')) as { features: TatortFeature[] }).features;
  return tatorter;
}

/**
 * The generator's hotspots are Alingsås' places. Each municipality gets them moved by the offset
 * from Alingsås' town to its own main town (same radii, weights, affinities and trends), keeping
 * those that fall inside it, so every town has a centre, a station and housing areas that gather.
 */
function hotspotsFor(main: DemoCentre, inside: (x: number, y: number) => boolean): DemoHotspot[] {
  const a = readTatorter().find((f) => f.properties.mun_code === '1489' && f.properties.name === 'Alingsås')!;
  const { e: ax, n: ay } = toSweref99tm(a.geometry.coordinates[0], a.geometry.coordinates[1]);
  return ALINGSAS_HOTSPOTS
    .map((h) => ({ ...h, name: `${main.name}: ${h.name}`, x: h.x - ax + main.x, y: h.y - ay + main.y }))
    .filter((h) => inside(h.x, h.y));
}

/**
 * The `n` most populous municipalities (by tätort population) that have a built-up area inside
 * their SCB boundary, with `incidents` shared among them by population.
 */
export function planDataset(opts: { incidents: number; municipalities: number; seed: number; end: Date }): DatasetPlan {
  const pop = new Map<string, number>();
  for (const f of readTatorter()) pop.set(f.properties.mun_code, (pop.get(f.properties.mun_code) ?? 0) + f.properties.pop);
  const ranked = [...pop].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const chosen: Array<Omit<ScaleMunicipality, 'count'>> = [];
  for (const [code, population] of ranked) {
    if (chosen.length === opts.municipalities) break;
    const boundary = municipalityBoundary(code);
    const inside = createPointInPolygon(boundaryRings(boundary.geometry3006));
    const features = readTatorter().filter((f) => f.properties.mun_code === code);
    // Centroids of tätorter that straddle the generalised boundary can fall just outside it.
    const centres = centresFromTatortPoints({ type: 'FeatureCollection', features }).filter((c) => inside(c.x, c.y));
    if (centres.length === 0) continue;
    const main = centres.reduce((a, b) => ((b.population ?? 0) > (a.population ?? 0) ? b : a));
    chosen.push({ code, name: boundary.name, population, centres, hotspots: hotspotsFor(main, inside) });
  }
  if (chosen.length < opts.municipalities) throw new RangeError(`only ${chosen.length} municipalities have a built-up area inside their boundary`);
  const counts = allocate(opts.incidents, chosen.map((m) => m.population));
  const municipalities = chosen.map((m, i) => ({ ...m, count: counts[i] }));
  const largest = municipalities[0];
  // The police area: the largest and the municipality whose main town is nearest to its main town.
  const mainOf = (m: ScaleMunicipality) => m.centres.reduce((a, b) => ((b.population ?? 0) > (a.population ?? 0) ? b : a));
  const l = mainOf(largest);
  const partner = municipalities.slice(1).reduce((best, m) => {
    const d = (x: ScaleMunicipality) => Math.hypot(mainOf(x).x - l.x, mainOf(x).y - l.y);
    return d(m) < d(best) ? m : best;
  });
  return { incidents: opts.incidents, seed: opts.seed, end: opts.end.toISOString(), municipalities, largest: largest.code, partner: partner.code };
}

export function markerOf(plan: DatasetPlan, complete: boolean, seconds?: number): Marker {
  return {
    kind: 'lagesbild-scale-bench', version: DATASET_VERSION, incidents: plan.incidents, seed: plan.seed,
    codes: plan.municipalities.map((m) => m.code), end: plan.end, largest: plan.largest, partner: plan.partner, complete,
    ...(complete ? { generatedAt: new Date().toISOString(), seconds } : {}),
  };
}

/** The marker in the database's comment, or null when there is none (or it is not ours). */
export async function readMarker(url: string): Promise<Marker | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ d: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()`);
    const m = JSON.parse(r.rows[0]?.d ?? 'null') as Marker | null;
    return m?.kind === 'lagesbild-scale-bench' ? m : null;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

async function writeMarker(db: Database, marker: Marker): Promise<void> {
  const name = (await db.query<{ n: string }>('SELECT current_database() AS n')).rows[0].n;
  await db.exec(`COMMENT ON DATABASE "${name.replace(/"/g, '""')}" IS '${JSON.stringify(marker).replace(/'/g, "''")}'`);
}

/** Whether the marker describes the planned data set, generated to the end. */
export function sameDataset(m: Marker | null, plan: DatasetPlan): boolean {
  return !!m && m.complete && m.version === DATASET_VERSION && m.incidents === plan.incidents && m.seed === plan.seed
    && m.codes.join() === plan.municipalities.map((x) => x.code).join();
}

/** `postgres://…/name` → the same server's `postgres` database (to create and drop `name`). */
export function maintenanceUrl(url: string): { admin: string; name: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`the bench database's name must be a plain lower-case identifier, got "${name}"`);
  u.pathname = '/postgres';
  return { admin: u.toString(), name };
}

export async function databaseExists(url: string): Promise<boolean> {
  const { admin, name } = maintenanceUrl(url);
  const a = new pg.Client({ connectionString: admin });
  await a.connect();
  try {
    return (await a.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await a.end();
  }
}

export async function createDatabase(url: string): Promise<void> {
  const { admin, name } = maintenanceUrl(url);
  const a = new pg.Client({ connectionString: admin });
  await a.connect();
  try {
    await a.query(`CREATE DATABASE ${name}`);
  } finally {
    await a.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { admin, name } = maintenanceUrl(url);
  const a = new pg.Client({ connectionString: admin });
  await a.connect();
  try {
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await a.end();
  }
}

export interface DatasetInfo {
  plan: DatasetPlan;
  /** true: found complete in the database and used as it was. */
  reused: boolean;
  /** Seconds the generation took (this run's, or the one that made the kept data set). */
  seconds?: number;
  /** Incidents the generator wrote (without reports posted by earlier runs). */
  generated: number;
}

/**
 * Brings the database at `url` to the planned data set: migrated, the municipalities with their
 * organisations and the bench users, and the incidents. A database whose marker says it holds this
 * data set is only migrated; an empty one (no municipality) is filled; anything else is refused, so
 * the bench never writes into a database it did not make.
 */
export async function ensureDataset(url: string, plan: DatasetPlan, log: (m: string) => void): Promise<DatasetInfo> {
  const marker = await readMarker(url);
  const db = await openPostgres(url, { max: 2 });
  try {
    await migrate(db);
    if (sameDataset(marker, plan)) {
      const generated = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE source = $1`, [SCALE_SOURCE])).rows[0].n;
      if (generated !== plan.incidents) throw new Error(`the kept data set should hold ${plan.incidents} generated incidents, it holds ${generated}: drop the database and run again`);
      log(`data set kept from ${marker!.generatedAt} (${plan.incidents.toLocaleString('en')} incidents, generated in ${marker!.seconds?.toFixed(0)} s): reused`);
      return { plan, reused: true, seconds: marker!.seconds, generated };
    }
    const present = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM municipalities')).rows[0].n;
    if (present > 0) {
      throw new Error(marker
        ? `the database holds another scale data set (${marker.incidents.toLocaleString('en')} incidents, ${marker.codes.length} municipalities, seed ${marker.seed}${marker.complete ? '' : ', unfinished'}): drop it or name another database`
        : 'the database already holds municipalities that the scale bench did not make: name an empty database');
    }
    const t0 = performance.now();
    await writeMarker(db, markerOf(plan, false));
    await setUp(db, plan, log);
    const generated = await writeIncidents(url, db, plan, log);
    log('VACUUM ANALYZE …');
    await db.exec('VACUUM ANALYZE');
    const seconds = (performance.now() - t0) / 1000;
    await writeMarker(db, markerOf(plan, true, seconds));
    log(`data set generated: ${generated.toLocaleString('en')} incidents in ${plan.municipalities.length} municipalities in ${seconds.toFixed(1)} s`);
    return { plan, reused: false, seconds, generated };
  } finally {
    await db.close();
  }
}

/** Municipalities (SCB boundary, default categories), one organisation per reporting kind of the generator, and the bench users. */
async function setUp(db: Database, plan: DatasetPlan, log: (m: string) => void): Promise<void> {
  const boundaries = new Map<string, ShippedBoundary>(plan.municipalities.map((m) => [m.code, municipalityBoundary(m.code)]));
  for (const m of plan.municipalities) await setUpMunicipality(db, boundaries.get(m.code)!);
  const orgIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    for (const m of plan.municipalities) {
      for (const o of DEFAULT_ORGANISATIONS) {
        const org = await insertOrganisation(tx, { municipalityId: m.code, name: `${o.key} ${m.name}`, shortName: o.key, kind: ORG_KIND[o.key] ?? 'forvaltning' });
        orgIds.set(`${m.code}:${o.key}`, org.id);
      }
    }
  });
  const hash = await hashPassword(SCALE_PASSWORD);
  const l = plan.largest;
  await insertUser(db, { municipalityId: l, organisationId: orgIds.get(`${l}:samhallsbyggnad`)!, email: USERS.coordinator(l), name: 'Scale Samordnare', roles: ['coordinator'], passwordHash: hash });
  await insertUser(db, { municipalityId: l, organisationId: orgIds.get(`${l}:samhallsbyggnad`)!, email: USERS.reporter(l), name: 'Scale Rapportör', roles: ['reporter'], passwordHash: hash });
  const chief = await insertUser(db, { municipalityId: l, organisationId: orgIds.get(`${l}:polisen`)!, email: USERS.policeArea(l), name: 'Scale Polisområde', roles: ['areaGroup'], passwordHash: hash });
  await setUserGrants(db, chief, [plan.partner]);
  log(`${plan.municipalities.length} municipalities, ${orgIds.size} organisations, 3 users; police area ${l} + ${plan.partner}`);
}

const COLUMNS = 'id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, position_precision, place_name, description, organisation_id, reported_to_police, assessment, source, review_status, visibility';
const CHUNK = 25_000;

/** One municipality's generated incidents as COPY text rows [from, to). */
function rowsText(c: IncidentColumns, from: number, to: number, code: string, catIds: string[], orgIds: string[], reviewedBefore: number): string {
  const placeText = c.placeNames.map(copyText);
  const descText = c.descriptions.map(copyText);
  const police = c.organisationKeys.indexOf('polisen');
  let out = '';
  for (let i = from; i < to; i++) {
    const place = c.place[i];
    out += `${uuidAt(c, i)}\t${code}\t${catIds[c.category[i]]}\t${new Date(c.occurredFrom[i]).toISOString()}\t${new Date(c.occurredTo[i]).toISOString()}\t`
      + `${new Date(c.reportedAt[i]).toISOString()}\tSRID=3006;POINT(${c.x[i]} ${c.y[i]})\t${POSITION_PRECISIONS[c.precision[i]]}\t`
      + `${place >= 0 ? placeText[place] : '\\N'}\t${descText[c.description[i]]}\t${orgIds[c.organisation[i]]}\t${c.reportedToPolice[i] === 1 ? 't' : 'f'}\t`
      + `${c.assessment[i] || '\\N'}\t${SCALE_SOURCE}\t${c.reportedAt[i] < reviewedBefore ? 'reviewed' : 'new'}\t`
      // As the demo: the police keep every tenth of their reports to themselves.
      + `${c.organisation[i] === police && i % 10 === 0 ? 'restricted' : 'normal'}\n`;
  }
  return out;
}

/**
 * Every municipality's incidents, generated by the demo generator and copied in chunks of 25,000
 * rows, one COPY statement (and transaction) each; the next chunk's text is made while the server
 * stores the previous one.
 */
async function writeIncidents(url: string, db: Database, plan: DatasetPlan, log: (m: string) => void): Promise<number> {
  const end = new Date(plan.end);
  const reviewedBefore = end.getTime() - 14 * 86_400_000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0, genMs = 0;
  const t0 = performance.now();
  let lastLog = t0;
  try {
    for (const m of plan.municipalities) {
      if (m.count === 0) continue;
      const tg = performance.now();
      const { columns: c } = generateIncidentColumns({
        seed: plan.seed + Number(m.code), count: m.count, end, boundary: boundaryRings(municipalityBoundary(m.code).geometry3006),
        centres: m.centres, hotspots: m.hotspots, organisations: DEFAULT_ORGANISATIONS,
      });
      genMs += performance.now() - tg;
      const categories = new Map((await listCategories(db, [m.code])).map((x) => [x.code, x.id]));
      const catIds = c.categoryCodes.map((code) => categories.get(code) ?? fail(`the generator's category ${code} is not among ${m.code}'s default categories`));
      const orgs = new Map((await db.query<{ id: string; short_name: string }>('SELECT id, short_name FROM organisations WHERE municipality_id = $1', [m.code])).rows.map((r) => [r.short_name, r.id]));
      const orgIds = c.organisationKeys.map((k) => orgs.get(k) ?? fail(`no organisation ${k} in ${m.code}`));
      let pending: Promise<number> | undefined;
      for (let s = 0; s < m.count; s += CHUNK) {
        const text = rowsText(c, s, Math.min(m.count, s + CHUNK), m.code, catIds, orgIds, reviewedBefore);
        if (pending) total += await pending;
        pending = copyFrom(client, `COPY incidents (${COLUMNS}) FROM STDIN`, [text]);
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          const rate = total / ((lastLog - t0) / 1000);
          log(`${total.toLocaleString('en')} / ${plan.incidents.toLocaleString('en')} incidents (${rate.toFixed(0)}/s, about ${((plan.incidents - total) / rate / 60).toFixed(1)} min left)`);
        }
      }
      if (pending) total += await pending;
    }
  } finally {
    await client.end();
  }
  const s = (performance.now() - t0) / 1000;
  log(`${total.toLocaleString('en')} incidents copied in ${s.toFixed(1)} s (${(total / s).toFixed(0)}/s; the generator's part ${(genMs / 1000).toFixed(1)} s)`);
  return total;
}

function fail(message: string): never {
  throw new Error(message);
}
