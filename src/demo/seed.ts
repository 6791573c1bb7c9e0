import type { Role } from '../core/access/roles.ts';
import { boundaryRings } from '../core/geo/index.ts';
import { centresFromTatortPoints, generateIncidents } from '../core/demo/index.ts';
import type { Database } from '../db/engine.ts';
import { insertDiscDistricts } from '../db/repositories/areas.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { countDemoIncidents, insertDemoIncidents, type DemoIncidentRow } from '../db/repositories/demo-incidents.ts';
import { findOrganisationByName, insertOrganisation } from '../db/repositories/organisations.ts';
import { insertPointPlaces } from '../db/repositories/places.ts';
import { findUserWithPassword, insertUser } from '../db/repositories/users.ts';
import { hashPassword } from '../services/passwords.ts';
import { setUpMunicipality } from '../setup/municipality.ts';
import { municipalityBoundary } from '../setup/boundaries.ts';
import { readSharedJson } from '../setup/shared-data.ts';
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
  users: Array<{ email: string; roles: Role[]; password: string }>;
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

  const present = await countDemoIncidents(db, ALINGSAS);
  let created = 0;
  if (present === 0) {
    const t0 = Date.now();
    const { incidents, metadata } = generateIncidents({ seed, count, end, boundary: boundaryRings(boundary.geometry3006), centres });
    // The generator's hotspots become named places the map and the search know.
    await insertPointPlaces(db, ALINGSAS, 'hotspot', metadata.hotspots.map((h) => ({ name: h.name, x: h.x, y: h.y })));
    log(`${await seedDemoMeasures(db, { municipalityId: ALINGSAS, trends: metadata.trends, organisations: orgIds, end })} åtgärder vid platserna som blev bättre eller sämre`);
    const categories = new Map((await listCategories(db, [ALINGSAS])).map((c) => [c.code, c.id]));
    const orgByKey = new Map(ALINGSAS_ORGANISATIONS.filter((o) => o.demoKey).map((o) => [o.demoKey!, orgIds.get(o.name)!]));
    const reporterByOrg = new Map([...userIds].map(([org, id]) => [orgIds.get(org)!, id]));
    const reviewedBefore = end.getTime() - 14 * 86400_000;
    const rows = incidents.map((i, k): DemoIncidentRow => {
      const organisationId = orgByKey.get(i.organisationKey);
      const categoryId = categories.get(i.categoryCode);
      if (!organisationId || !categoryId) throw new Error(`demo data refers to unknown ${organisationId ? 'category ' + i.categoryCode : 'organisation ' + i.organisationKey}`);
      return {
        id: i.id, categoryId, occurredFrom: i.occurredFrom, occurredTo: i.occurredTo, reportedAt: i.reportedAt, e: i.x, n: i.y,
        positionPrecision: i.positionPrecision, placeName: i.placeName ?? null, description: i.description, organisationId,
        reporterId: reporterByOrg.get(organisationId) ?? null, reportedToPolice: i.reportedToPolice, assessment: i.assessment,
        reviewStatus: i.reportedAt.getTime() < reviewedBefore ? 'reviewed' : 'new',
        // The police keep a few of their reports to themselves.
        visibility: i.organisationKey === 'polisen' && k % 10 === 0 ? 'restricted' : 'normal',
      };
    });
    for (let s = 0; s < rows.length; s += BATCH) {
      await db.transaction((tx) => insertDemoIncidents(tx, ALINGSAS, rows.slice(s, s + BATCH)));
      log(`händelser ${Math.min(s + BATCH, rows.length)}/${rows.length}`);
    }
    created = rows.length;
    log(`${created} syntetiska händelser ${metadata.from.toISOString().slice(0, 10)} – ${metadata.to.toISOString().slice(0, 10)} (frö ${seed}) på ${Date.now() - t0} ms`);
  } else {
    log(`${present} demohändelser finns redan; inga nya skapas`);
  }
  return {
    municipalityId: ALINGSAS,
    incidentsCreated: created,
    incidentsPresent: present + created,
    users: DEMO_USERS.map((u) => ({ email: u.email, roles: u.roles, password: DEMO_PASSWORD })),
  };
}

/**
 * Districts for the statistics: a disc around each built-up area sized by its land area (SCB's
 * tätort polygons are not in the shared data, only their centroids), clipped to the municipality.
 */
async function seedDistricts(db: Database, centres: Array<{ name: string; x: number; y: number; areaHa?: number }>): Promise<void> {
  const rows = centres.map((c) => ({ name: c.name, x: c.x, y: c.y, r: Math.max(600, Math.sqrt(((c.areaHa ?? 50) * 10_000) / Math.PI) * 1.3) }));
  await insertDiscDistricts(db, ALINGSAS, rows, { source: 'demo: disc around the SCB tätort centroid' });
}
