import { boundaryRings } from '../core/geo/index.ts';
import { centresFromTatortPoints, generateIncidents } from '../core/demo/index.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { findOrganisationByName, insertOrganisation } from '../db/repositories/organisations.ts';
import { findUserWithPassword, insertUser } from '../db/repositories/users.ts';
import { hashPassword } from '../services/passwords.ts';
import { setUpMunicipality } from '../setup/municipality.ts';
import { municipalityBoundary, readSharedJson } from '../setup/shared-data.ts';
import { ALINGSAS_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './organisations.ts';
import { seedDemoMeasures } from './measures.ts';
import { importPoliceEvents, parsePoliceEvents } from '../io/polisen/events.ts';

export interface SeedDemoOptions {
  /** PRNG seed of the synthetic incidents. */
  seed?: number;
  /** Number of incidents over the two years. */
  count?: number;
  /** End of the two-year period (default: the start of today, UTC). */
  end?: Date;
  log?: (message: string) => void;
}

export interface SeedDemoResult {
  municipalityId: string;
  incidentsCreated: number;
  incidentsPresent: number;
  users: Array<{ email: string; roles: string[]; password: string }>;
}

export const ALINGSAS = '1489';
const BATCH = 1000;

/**
 * Alingsås with its real boundary, the organisations of the guideline, one user per role, the
 * generator's hotspots as named places, districts around the built-up areas, and two years of
 * synthetic incidents. Idempotent: what exists is left alone, so running it twice changes nothing.
 */
export async function seedDemo(db: Database, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 1489;
  const count = opts.count ?? 8000;
  const end = opts.end ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');

  const boundary = municipalityBoundary(ALINGSAS);
  await setUpMunicipality(db, boundary);
  log(`kommun ${boundary.name} (${ALINGSAS}) med SCB-gräns och standardkategorier`);

  const orgIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    for (const o of ALINGSAS_ORGANISATIONS) {
      const existing = await findOrganisationByName(tx, ALINGSAS, o.name);
      const id = existing?.id ?? (await insertOrganisation(tx, { municipalityId: ALINGSAS, name: o.name, shortName: o.shortName, kind: o.kind })).id;
      orgIds.set(o.name, id);
    }
  });
  log(`${ALINGSAS_ORGANISATIONS.length} organisationer`);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const existing = await findUserWithPassword(db, u.email);
    userIds.set(u.organisation, existing?.id ?? (await insertUser(db, { municipalityId: ALINGSAS, organisationId: orgIds.get(u.organisation)!, email: u.email, name: u.name, roles: u.roles, passwordHash })));
  }

  const tatorter = readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson');
  const centres = centresFromTatortPoints(tatorter);
  await seedDistricts(db, centres);
  const police = await importPoliceEvents(db, ALINGSAS, parsePoliceEvents(readSharedJson('polisen/polisen_events_alingsas_2022-09_2026-08.json')));
  log(`${police} nya polishändelser (Polisens öppna händelser för Alingsås)`);

  const present = await db.query<{ n: number }>(`SELECT count(*) AS n FROM incidents WHERE municipality_id = $1 AND source = 'demo'`, [ALINGSAS]);
  let created = 0;
  if (present.rows[0].n === 0) {
    const t0 = Date.now();
    const { incidents, metadata } = generateIncidents({ seed, count, end, boundary: boundaryRings(boundary.geometry3006), centres });
    await seedPlaces(db, metadata.hotspots.map((h) => ({ name: h.name, x: h.x, y: h.y })));
    log(`${await seedDemoMeasures(db, { municipalityId: ALINGSAS, trends: metadata.trends, organisations: orgIds, end })} åtgärder vid platserna som blev bättre eller sämre`);
    const categories = new Map((await listCategories(db, [ALINGSAS])).map((c) => [c.code, c.id]));
    const orgByKey = new Map(ALINGSAS_ORGANISATIONS.filter((o) => o.demoKey).map((o) => [o.demoKey!, orgIds.get(o.name)!]));
    const reporterByOrg = new Map([...userIds].map(([org, id]) => [orgIds.get(org)!, id]));
    const reviewedBefore = end.getTime() - 14 * 86400_000;
    const rows = incidents.map((i, k) => {
      const organisationId = orgByKey.get(i.organisationKey);
      const categoryId = categories.get(i.categoryCode);
      if (!organisationId || !categoryId) throw new Error(`demo data refers to unknown ${organisationId ? 'category ' + i.categoryCode : 'organisation ' + i.organisationKey}`);
      return {
        id: i.id, category_id: categoryId, occurred_from: i.occurredFrom.toISOString(), occurred_to: i.occurredTo.toISOString(),
        reported_at: i.reportedAt.toISOString(), e: i.x, n: i.y, position_precision: i.positionPrecision, place_name: i.placeName ?? null,
        description: i.description, organisation_id: organisationId, reporter_id: reporterByOrg.get(organisationId) ?? null,
        reported_to_police: i.reportedToPolice, assessment: i.assessment,
        review_status: i.reportedAt.getTime() < reviewedBefore ? 'reviewed' : 'new',
        // The police keep a few of their reports to themselves.
        visibility: i.organisationKey === 'polisen' && k % 10 === 0 ? 'restricted' : 'normal',
      };
    });
    for (let s = 0; s < rows.length; s += BATCH) {
      await db.transaction((tx) => insertDemoBatch(tx, rows.slice(s, s + BATCH)));
      log(`händelser ${Math.min(s + BATCH, rows.length)}/${rows.length}`);
    }
    created = rows.length;
    log(`${created} syntetiska händelser ${metadata.from.toISOString().slice(0, 10)} – ${metadata.to.toISOString().slice(0, 10)} (frö ${seed}) på ${Date.now() - t0} ms`);
  } else {
    log(`${present.rows[0].n} demohändelser finns redan; inga nya skapas`);
  }
  return {
    municipalityId: ALINGSAS,
    incidentsCreated: created,
    incidentsPresent: present.rows[0].n + created,
    users: DEMO_USERS.map((u) => ({ email: u.email, roles: u.roles, password: DEMO_PASSWORD })),
  };
}

async function insertDemoBatch(tx: Queryable, rows: object[]): Promise<void> {
  await tx.query(
    `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, position_precision,
       place_name, description, organisation_id, reporter_id, reported_to_police, assessment, source, review_status, visibility)
     SELECT r.id, '${ALINGSAS}', r.category_id, r.occurred_from, r.occurred_to, r.reported_at, ST_SetSRID(ST_MakePoint(r.e, r.n), 3006),
       r.position_precision, r.place_name, r.description, r.organisation_id, r.reporter_id, r.reported_to_police, r.assessment,
       'demo', r.review_status, r.visibility
     FROM json_to_recordset($1::json) AS r(id uuid, category_id uuid, occurred_from timestamptz, occurred_to timestamptz,
       reported_at timestamptz, e float8, n float8, position_precision text, place_name text, description text,
       organisation_id uuid, reporter_id uuid, reported_to_police boolean, assessment smallint, review_status text, visibility text)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows)]);
  // Every incident has its creation in the history, as if reported through the app.
  await tx.query(
    `INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes, changed_at)
     SELECT i.municipality_id, i.id, i.reporter_id, 'create', jsonb_build_object('source', 'demo', 'categoryId', i.category_id), i.reported_at
       FROM incidents i WHERE i.id = ANY($1::uuid[])`,
    [rows.map((r) => (r as { id: string }).id)]);
}

/** The generator's hotspots become named places (points) the map and the search know. */
async function seedPlaces(db: Database, places: Array<{ name: string; x: number; y: number }>): Promise<void> {
  await db.query(
    `INSERT INTO places (municipality_id, name, kind, geom)
     SELECT '${ALINGSAS}', p.name, 'hotspot', ST_SetSRID(ST_MakePoint(p.x, p.y), 3006) FROM json_to_recordset($1::json) AS p(name text, x float8, y float8)
     WHERE NOT EXISTS (SELECT 1 FROM places q WHERE q.municipality_id = '${ALINGSAS}' AND q.name = p.name)`,
    [JSON.stringify(places)]);
}

/**
 * Districts for the statistics: a disc around each built-up area sized by its land area (SCB's
 * tätort polygons are not in the shared data, only their centroids), clipped to the municipality.
 */
async function seedDistricts(db: Database, centres: Array<{ name: string; x: number; y: number; areaHa?: number }>): Promise<void> {
  const rows = centres.map((c) => ({ name: c.name, x: c.x, y: c.y, r: Math.max(600, Math.sqrt(((c.areaHa ?? 50) * 10_000) / Math.PI) * 1.3) }));
  await db.query(
    `INSERT INTO areas (municipality_id, kind, name, geom, properties)
     SELECT m.id, 'district', c.name, ST_Multi(ST_Intersection(m.geom, ST_Buffer(ST_SetSRID(ST_MakePoint(c.x, c.y), 3006), c.r, 16))),
            jsonb_build_object('source', 'demo: disc around the SCB tätort centroid')
       FROM json_to_recordset($1::json) AS c(name text, x float8, y float8, r float8), municipalities m
      WHERE m.id = '${ALINGSAS}' AND NOT EXISTS (SELECT 1 FROM areas a WHERE a.municipality_id = m.id AND a.kind = 'district' AND a.name = c.name)`,
    [JSON.stringify(rows)]);
}
