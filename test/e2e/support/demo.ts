/**
 * The browser tests of the EST cycle run on the Alingsås demo (two years of synthetic incidents with
 * places that get better after a measure and places that get worse, Polisen's events, demo measures)
 * seeded into a private copy of the PGlite fixture database, served by a real `lagesbild serve` with
 * the scheduler off, and driven in Debian's Chromium. Users are the demo's (one per role).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { boundaryRings } from '../../../src/core/geo/index.ts';
import { centresFromTatortPoints, generateIncidents } from '../../../src/core/demo/index.ts';
import type { DemoTrend } from '../../../src/core/demo/generate.ts';
import { ALINGSAS, seedDemo } from '../../../src/demo/seed.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../src/demo/organisations.ts';
import { municipalityBoundary, readSharedJson } from '../../../src/setup/shared-data.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { exited, httpLogin, startServer } from '../../support/process.ts';
import { ensureWebBuilt, launchChromium } from './harness.ts';

export type DemoUser = 'coordinator' | 'reporter' | 'areaGroup' | 'viewer';
const EMAILS: Record<DemoUser, string> = {
  coordinator: DEMO_USERS.find((u) => u.roles.includes('coordinator'))!.email,
  reporter: DEMO_USERS.find((u) => u.roles.includes('reporter'))!.email,
  areaGroup: DEMO_USERS.find((u) => u.roles.includes('areaGroup'))!.email,
  viewer: DEMO_USERS.find((u) => u.roles.includes('viewer'))!.email,
};

export interface DemoE2E {
  url: string;
  browser: Browser;
  /** The demo's end (start of today, UTC, as seed-demo uses) and the generator's trend places. */
  end: Date;
  trends: DemoTrend[];
  call<T = any>(user: DemoUser, method: string, path: string, body?: unknown): Promise<T>;
  /** The status and JSON body of a request, whatever the status. */
  raw(user: DemoUser, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  pageAs(user: DemoUser, opts?: { viewport?: { width: number; height: number }; mobile?: boolean }): Promise<Page>;
  output(): string;
  close(): Promise<void>;
}

/** The generator's trend places for the seed's options (the count does not move them). */
export function demoTrends(end: Date): DemoTrend[] {
  const centres = centresFromTatortPoints(readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson'));
  return generateIncidents({ seed: 1489, count: 10, end, boundary: boundaryRings(municipalityBoundary(ALINGSAS).geometry3006), centres }).metadata.trends;
}

export async function startDemoE2E(): Promise<DemoE2E> {
  await ensureWebBuilt();
  const end = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  let t: TestDatabase | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  try {
    t = await createTestDatabase('pglite');
    await seedDemo(t.db, { seed: 1489, count: 8000, end });
    await t.db.close();
    server = await startServer({ DATA_DIR: t.location.dataDir, DATABASE_URL: '', LAGESBILD_SCHEDULER: 'off' });
    browser = await launchChromium();
  } catch (e) {
    await browser?.close().catch(() => undefined);
    if (server) { server.proc.kill('SIGKILL'); await exited(server.proc); }
    await t?.drop();
    throw e;
  }
  const url = server.url;
  const headers = new Map<DemoUser, Promise<Record<string, string>>>();
  const states = new Map<DemoUser, Awaited<ReturnType<BrowserContext['storageState']>>>();
  const contexts: BrowserContext[] = [];
  const api = (user: DemoUser) => {
    if (!headers.has(user)) headers.set(user, httpLogin(url, EMAILS[user], DEMO_PASSWORD));
    return headers.get(user)!;
  };
  const e2e: DemoE2E = {
    url, browser, end, trends: demoTrends(end),
    async raw(user, method, path, body) {
      const r = await fetch(`${url}${path}`, { method, headers: { ...(await api(user)), 'accept-language': 'sv' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: r.status, body: parsed };
    },
    async call(user, method, path, body) {
      const r = await e2e.raw(user, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path} as ${user}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async pageAs(user, opts = {}) {
      const context = await browser!.newContext({
        viewport: opts.viewport ?? { width: 1280, height: 900 }, isMobile: opts.mobile ?? false, hasTouch: opts.mobile ?? false,
        locale: 'sv-SE', timezoneId: 'Europe/Stockholm', storageState: states.get(user),
      });
      contexts.push(context);
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      await page.goto(`${url}/#/`);
      if (!states.has(user)) {
        await page.getByLabel('E-postadress').fill(EMAILS[user]);
        await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Logga in' }).click();
        await page.getByRole('banner').waitFor();
        states.set(user, await context.storageState());
      } else {
        await page.getByRole('banner').waitFor();
      }
      return page;
    },
    output: () => server!.output(),
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser!.close().catch(() => undefined);
      server!.proc.kill('SIGTERM');
      const killer = setTimeout(() => server!.proc.kill('SIGKILL'), 10_000);
      await exited(server!.proc);
      clearTimeout(killer);
      await t!.drop();
    },
  };
  return e2e;
}
