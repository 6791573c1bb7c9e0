/**
 * The browser tests of the EST cycle run on the Alingsås demo (two years of synthetic incidents with
 * places that get better after a measure and places that get worse, Polisen's events, demo measures)
 * seeded into a private copy of the PGlite fixture database, served by a real `lagesbild serve` with
 * the scheduler off, and driven in Debian's Chromium. Users are the demo's (one per role).
 */
import type { DemoTrend } from '../../../src/core/demo/generate.ts';
import { centresFromTatortPoints, generateIncidents } from '../../../src/core/demo/index.ts';
import { boundaryRings } from '../../../src/core/geo/index.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../src/demo/organisations.ts';
import { ALINGSAS, seedDemo } from '../../../src/demo/seed.ts';
import { municipalityBoundary } from '../../../src/setup/boundaries.ts';
import { readSharedJson } from '../../../src/setup/shared-data.ts';
import { E2E_NOW } from './clock.ts';
import { startBrowserServer, type E2E } from './harness.ts';

export type DemoUser = 'coordinator' | 'reporter' | 'areaGroup' | 'viewer';
const EMAILS: Record<DemoUser, string> = {
  coordinator: DEMO_USERS.find((u) => u.roles.includes('coordinator'))!.email,
  reporter: DEMO_USERS.find((u) => u.roles.includes('reporter'))!.email,
  areaGroup: DEMO_USERS.find((u) => u.roles.includes('areaGroup'))!.email,
  viewer: DEMO_USERS.find((u) => u.roles.includes('viewer'))!.email,
};

export interface DemoE2E extends E2E<DemoUser> {
  /** The demo's end: the run's clock (`now`, the start of today UTC, as seed-demo uses), and the generator's trend places. */
  end: Date;
  trends: DemoTrend[];
}

/** The generator's trend places for the seed's options (the count does not move them). */
export function demoTrends(end: Date): DemoTrend[] {
  const centres = centresFromTatortPoints(readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson'));
  return generateIncidents({ seed: 1489, count: 10, end, boundary: boundaryRings(municipalityBoundary(ALINGSAS).geometry3006), centres }).metadata.trends;
}

/** The e2e harness on the seeded demo, with the demo's users and the scheduler off. */
export async function startDemoE2E(): Promise<DemoE2E> {
  const end = E2E_NOW;
  const e2e = await startBrowserServer<DemoUser>({
    now: end,
    credentials: (u) => ({ email: EMAILS[u], password: DEMO_PASSWORD }),
    prepare: async (db) => { await seedDemo(db, { seed: 1489, count: 8000, end }); },
    env: { LAGESBILD_SCHEDULER: 'off' },
    viewport: { width: 1280, height: 900 },
    timeout: 20_000,
  });
  return Object.assign(e2e, { end, trends: demoTrends(end) });
}
