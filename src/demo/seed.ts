import type { Role } from '../core/access/roles.ts';
import { boundaryRings } from '../core/geo/index.ts';
import { centresFromTatortPoints, DEFAULT_ORGANISATIONS, generateIncidents, type DemoCentre, type DemoHotspot } from '../core/demo/index.ts';
import { toSweref99tm } from '../core/geo/index.ts';
import { builtUpAreas } from '../node/base-map/built-up-areas.ts';
import type { Database } from '../db/engine.ts';
import { insertDiscDistricts } from '../db/repositories/areas.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { countDemoIncidents, insertDemoIncidents, type DemoIncidentRow } from '../db/repositories/demo-incidents.ts';
import { findOrganisationByName, insertOrganisation, setOrganisationMunicipalities } from '../db/repositories/organisations.ts';
import { insertPointPlaces } from '../db/repositories/places.ts';
import { findUserWithPassword, insertUser } from '../db/repositories/users.ts';
import { hashPassword } from '../services/passwords.ts';
import { setUpMunicipality } from '../setup/municipality.ts';
import { municipalityBoundary } from '../setup/boundaries.ts';
import { readSharedJson } from '../setup/shared-data.ts';
import { ALINGSAS_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS, VARGARDA_ORGANISATIONS, type DemoOrganisation } from './organisations.ts';
import { seedDemoMeasures } from './measures.ts';
import { importPoliceEvents, parsePoliceEvents } from '../io/polisen/events.ts';
import type { PoliceEventRecord } from '../core/police-events/types.ts';

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
export const VARGARDA = '1442';
const BATCH = 1000;
/** Vårgårda has about 12,000 inhabitants to Alingsås' 42,000: about a quarter of the reports. */
const VARGARDA_SHARE = 0.27;

/** Where Vårgårda's reports gather (SWEREF 99 TM; the generator's hotspots are Alingsås'). */
const VARGARDA_HOTSPOTS: DemoHotspot[] = [
  { name: 'Vårgårda resecentrum', x: 370720, y: 6434560, radius: 120, weight: 1.2, affinity: { ordningsstorning: 2, otrygg_samling: 2, skadegorelse: 1.5 } },
  { name: 'Centrumtorget Vårgårda', x: 370480, y: 6434900, radius: 100, weight: 1, affinity: { nedskrapning: 2, otrygg_samling: 1.5, buskorning: 1.5 } },
];

interface DemoMunicipality {
  code: string;
  organisations: ReadonlyArray<DemoOrganisation>;
  centres: DemoCentre[];
  hotspots?: DemoHotspot[];
  count: number;
  seed: number;
  policeEvents: () => PoliceEventRecord[];
}

/**
 * The police area of the guideline: Alingsås with its real boundary, the organisations of the
 * guideline, one user per role, the generator's hotspots as named places, districts around the
 * built-up areas and two years of synthetic incidents; and Vårgårda beside it with its own
 * organisations, users and incidents, sharing the police area and the rescue-services association.
 * Idempotent: what exists is left alone, so running it twice changes nothing.
 */
export async function seedDemo(db: Database, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 1489;
  const count = opts.count ?? 8000;
  const end = opts.end ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const municipalities: DemoMunicipality[] = [
    {
      code: ALINGSAS, organisations: ALINGSAS_ORGANISATIONS, count, seed,
      centres: centresFromTatortPoints(readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson')),
      policeEvents: () => parsePoliceEvents(readSharedJson('polisen/polisen_events_alingsas_2022-09_2026-08.json')),
    },
    {
      code: VARGARDA, organisations: VARGARDA_ORGANISATIONS, count: Math.round(count * VARGARDA_SHARE), seed: seed + 1442,
      centres: builtUpAreas(VARGARDA).map((b) => { const { e, n } = toSweref99tm(b.lon, b.lat); return { name: b.name, x: e, y: n, population: b.population }; }),
      hotspots: VARGARDA_HOTSPOTS,
      policeEvents: () => parsePoliceEvents(readSharedJson('polisen/polisen_events_vastra_gotaland_2022-09_2026-08.json'))
        .filter((e) => e.locationName === 'Vårgårda'),
    },
  ];
  const boundaries = new Map(municipalities.map((m) => [m.code, municipalityBoundary(m.code)]));
  for (const m of municipalities) {
    await setUpMunicipality(db, boundaries.get(m.code)!);
    log(`kommun ${boundaries.get(m.code)!.name} (${m.code}) med SCB-gräns och standardkategorier`);
  }

  // Organisations by name across the police area: the shared ones are found from either side.
  const orgIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    for (const m of municipalities) {
      for (const o of m.organisations) {
        const existing = await findOrganisationByName(tx, m.code, o.name);
        const id = existing?.id ?? (await insertOrganisation(tx, { municipalityId: m.code, name: o.name, shortName: o.shortName, kind: o.kind })).id;
        // Also when it was there before Vårgårda was (a demo database from an earlier version).
        if (o.alsoIn) await setOrganisationMunicipalities(tx, id, m.code, [...o.alsoIn], [...o.alsoIn]);
        orgIds.set(o.name, id);
      }
    }
  });
  log(`${municipalities.reduce((s, m) => s + m.organisations.length, 0)} organisationer`);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const reporterByOrg = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const existing = await findUserWithPassword(db, u.email);
    const organisationId = orgIds.get(u.organisation)!;
    const id = existing?.id ?? (await insertUser(db, { municipalityId: u.municipality ?? ALINGSAS, organisationId, email: u.email, name: u.name, roles: u.roles, passwordHash }));
    if (!reporterByOrg.has(organisationId)) reporterByOrg.set(organisationId, id);
  }

  let created = 0, present = 0;
  for (const m of municipalities) {
    const boundary = boundaries.get(m.code)!;
    await seedDistricts(db, m.code, m.centres);
    const police = await importPoliceEvents(db, m.code, m.policeEvents());
    log(`${police} nya polishändelser (Polisens öppna händelser för ${boundary.name})`);
    const before = await countDemoIncidents(db, m.code);
    present += before;
    if (before > 0) { log(`${before} demohändelser finns redan i ${boundary.name}; inga nya skapas`); continue; }
    const t0 = Date.now();
    const keys = new Set([...m.organisations, ...ALINGSAS_ORGANISATIONS.filter((o) => o.alsoIn?.includes(m.code))].map((o) => o.demoKey).filter(Boolean));
    const { incidents, metadata } = generateIncidents({
      seed: m.seed, count: m.count, end, boundary: boundaryRings(boundary.geometry3006), centres: m.centres,
      ...(m.hotspots ? { hotspots: m.hotspots } : {}),
      organisations: DEFAULT_ORGANISATIONS.filter((o) => keys.has(o.key)),
    });
    // The generator's hotspots become named places the map and the search know.
    await insertPointPlaces(db, m.code, 'hotspot', metadata.hotspots.map((h) => ({ name: h.name, x: h.x, y: h.y })));
    if (m.code === ALINGSAS) log(`${await seedDemoMeasures(db, { municipalityId: m.code, trends: metadata.trends, organisations: orgIds, end })} åtgärder vid platserna som blev bättre eller sämre`);
    const categories = new Map((await listCategories(db, [m.code])).map((c) => [c.code, c.id]));
    const orgByKey = new Map([...m.organisations, ...ALINGSAS_ORGANISATIONS.filter((o) => o.alsoIn?.includes(m.code))]
      .filter((o) => o.demoKey).map((o) => [o.demoKey!, orgIds.get(o.name)!]));
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
      await db.transaction((tx) => insertDemoIncidents(tx, m.code, rows.slice(s, s + BATCH)));
      log(`händelser i ${boundary.name} ${Math.min(s + BATCH, rows.length)}/${rows.length}`);
    }
    created += rows.length;
    log(`${rows.length} syntetiska händelser i ${boundary.name} ${metadata.from.toISOString().slice(0, 10)} – ${metadata.to.toISOString().slice(0, 10)} (frö ${m.seed}) på ${Date.now() - t0} ms`);
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
async function seedDistricts(db: Database, municipalityId: string, centres: Array<{ name: string; x: number; y: number; areaHa?: number; population?: number }>): Promise<void> {
  const rows = centres.map((c) => ({ name: c.name, x: c.x, y: c.y, r: Math.max(600, Math.sqrt(((c.areaHa ?? 50) * 10_000) / Math.PI) * 1.3) }));
  await insertDiscDistricts(db, municipalityId, rows, { source: 'demo: disc around the SCB tätort centroid' });
}
