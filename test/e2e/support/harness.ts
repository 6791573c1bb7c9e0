/**
 * End-to-end harness: the built web app, a real `lagesbild serve` process on a private copy of the
 * PGlite fixture database, and Debian's Chromium driven by playwright-core.
 *
 * One `startE2E()` per test file (in `before`), `close()` in `after`. Every page the harness opens
 * has its `Date` fixed to the run's clock (`e2e.now`, see ./clock.ts); the data a file seeds is
 * dated from the same instant. Helpers: `login(page, user)`,
 * `axe(page, label)` (fails on serious/critical violations with a readable list), `screenshot(page,
 * name)` (artifacts/screens/<name>.png) and `e2e.api(user)` for setting up data over HTTP.
 *
 * Without /usr/bin/chromium the e2e tests skip with a message, except in CI (CI=true), where that is a
 * failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import { FX, type FixtureUser } from '../../support/fixtures.ts';
import { exited, httpLogin, ROOT, startServer } from '../../support/process.ts';
import { E2E_NOW } from './clock.ts';

export const CHROMIUM = process.env.LB_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];
export const SCREENS = join(ROOT, 'artifacts/screens');

/**
 * Why the e2e tests cannot run here, or false when they can. In CI a missing Chromium throws: the
 * browser tests are part of the proof and must never be skipped there.
 */
export function skipReason(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const msg = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set LB_CHROMIUM)`;
  if (process.env.CI === 'true') throw new Error(`${msg} — in CI the browser tests must run`);
  return `${msg}; browser tests skipped on this machine`;
}

/** Launches Chromium with the flags that render MapLibre headless through SwiftShader. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Builds web/dist when it is missing or older than its sources (scripts/build-web.mjs decides).
 * Test files run two at a time, so the build is serialised with a lock directory.
 */
export async function ensureWebBuilt(): Promise<void> {
  const lock = join(ROOT, '.cache/e2e-build.lock');
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than three minutes was left by a killed run.
      try { if (Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock); } catch { /* gone meanwhile */ }
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the web app failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export type ApiHeaders = Record<string, string>;

export interface E2E<U extends string = FixtureUser> {
  url: string;
  browser: Browser;
  /** The run's "now": the time every page's Date is fixed to and the data is dated from. */
  now: Date;
  /** Logged-in API headers for a user (cached: logins are rate-limited per client). */
  api(user: U): Promise<ApiHeaders>;
  /** fetch against the server as a user; JSON body in, parsed JSON out, throws on non-2xx. */
  call<T = any>(user: U, method: string, path: string, body?: unknown): Promise<T>;
  /** The status and parsed body of a request as a user, whatever the status. */
  raw(user: U, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /**
   * A new context and page, logged in as `user` (the first time through the login form), with the
   * browser's clock fixed at `now`. A new context starts from the state right after the login, so a
   * page never sees what another test did in its own page.
   */
  pageAs(user: U | null, opts?: { viewport?: { width: number; height: number }; mobile?: boolean }): Promise<Page>;
  /** The server's output so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

/** The phone used by the reporter tests (an iPhone 13-sized viewport). */
export const PHONE = { viewport: { width: 390, height: 844 }, mobile: true };

export interface E2EOptions<U extends string> {
  /** E-mail and password of each user the tests log in as. */
  credentials(user: U): { email: string; password: string };
  /** Fills the private database before the server opens it (default: the fixture data only). */
  prepare?(db: TestDatabase['db']): Promise<void>;
  /** Extra environment of the server process. */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Default timeout of each page's actions (ms). */
  timeout?: number;
  /** The instant the browser's clock is fixed at (default E2E_NOW). */
  now?: Date;
}

/** The web app built, a private PGlite copy (prepared), `lagesbild serve` on it and Chromium. */
export async function startBrowserServer<U extends string>(o: E2EOptions<U>): Promise<E2E<U>> {
  const t0 = Date.now();
  await ensureWebBuilt();
  const tBuilt = Date.now();
  let t: TestDatabase | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  try {
    t = await createTestDatabase('pglite');
    await o.prepare?.(t.db);
    // The server process must own the database: a PGlite directory can only be open once.
    await t.db.close();
    server = await startServer({ DATA_DIR: t.location.dataDir, DATABASE_URL: '', ...o.env });
    browser = await launchChromium();
    if (process.env.LB_E2E_TIMING) process.stderr.write(`[e2e] build ${tBuilt - t0} ms, server + browser ${Date.now() - tBuilt} ms; the run's clock is fixed at ${(o.now ?? E2E_NOW).toISOString()}\n`);
  } catch (e) {
    await browser?.close().catch(() => undefined);
    if (server) { server.proc.kill('SIGKILL'); await exited(server.proc); }
    await t?.drop();
    throw e;
  }
  const url = server.url;
  const headers = new Map<U, Promise<ApiHeaders>>();
  const states = new Map<U, Awaited<ReturnType<BrowserContext['storageState']>>>();

  const now = o.now ?? E2E_NOW;
  const e2e: E2E<U> = {
    url,
    browser,
    now,
    api(user) {
      if (!headers.has(user)) { const c = o.credentials(user); headers.set(user, httpLogin(url, c.email, c.password)); }
      return headers.get(user)!;
    },
    async raw(user, method, path, body) {
      const r = await fetch(`${url}${path}`, { method, headers: { ...(await e2e.api(user)), 'accept-language': 'sv' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      let parsed: unknown = text;
      if ((r.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
      return { status: r.status, body: parsed };
    },
    async call(user, method, path, body) {
      const r = await e2e.raw(user, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path} as ${user}: ${r.status} ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`);
      return r.body;
    },
    async pageAs(user, opts = {}) {
      const context = await browser!.newContext({
        viewport: opts.viewport ?? o.viewport ?? { width: 1280, height: 800 },
        isMobile: opts.mobile ?? false,
        hasTouch: opts.mobile ?? false,
        locale: 'sv-SE',
        timezoneId: 'Europe/Stockholm',
        storageState: user ? states.get(user) : undefined,
      });
      contexts.push(context);
      context.setDefaultTimeout(o.timeout ?? 15_000);
      // Date only: the page's timers and animation frames keep running (MapLibre needs them).
      await context.clock.setFixedTime(now);
      await context.addInitScript(recordCspViolations);
      const page = await context.newPage();
      watchCspConsole(page);
      if (user && !states.has(user)) {
        await loginAs(page, url, o.credentials(user));
        states.set(user, await context.storageState());
      } else {
        await page.goto(`${url}/#/`);
        if (user) await page.getByRole('banner').waitFor();
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

/** The harness on the test fixtures (test/support/fixtures.ts): one per test file. */
export const startE2E = (): Promise<E2E> => startBrowserServer<FixtureUser>({ credentials: (u) => ({ email: FX.users[u].email, password: FX.password }) });

/** Logs in through the login form and waits for the app's main navigation. */
export async function login(page: Page, url: string, user: FixtureUser): Promise<void> {
  await loginAs(page, url, { email: FX.users[user].email, password: FX.password });
}

async function loginAs(page: Page, url: string, c: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/#/`);
  await page.getByLabel('E-postadress').fill(c.email);
  await page.getByLabel('Lösenord').fill(c.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  // The top bar (banner) replaces the login form; on a phone the menu itself is collapsed.
  await page.getByRole('banner').waitFor();
}

/** Writes artifacts/screens/<name>.png (the whole page). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS, { recursive: true });
  const path = join(SCREENS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Runs in every page before its own scripts (an init script, outside the page's policy): keeps each
 * content security policy violation the browser reports to the page.
 */
function recordCspViolations(): void {
  const w = window as unknown as { __cspViolations?: string[] };
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}${e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''}`);
  });
}

const cspConsole = new WeakMap<Page, string[]>();
/** The console's "Refused to …" lines: violations in workers, which the page's event does not see. */
function watchCspConsole(page: Page): void {
  const lines: string[] = [];
  cspConsole.set(page, lines);
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) lines.push(m.text()); });
}

/**
 * Waits up to 5 s for the focus to reach the element a test expects, by id or by its text. The app
 * moves the focus in an effect after the render that shows what the test waited for, so reading
 * `document.activeElement` at once races it. Fails naming where the focus is instead.
 */
export async function waitForFocus(page: Page, want: { id: string } | { text: string }, message?: string): Promise<void> {
  await page.waitForFunction((w) => {
    const el = document.activeElement;
    return 'id' in w ? el?.id === w.id : el?.textContent === w.text;
  }, want, { timeout: 5_000 }).catch(async () => {
    const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
    throw new Error(`${message ?? 'focus'}: expected ${JSON.stringify(want)}, the focus is on ${at}`);
  });
}

/** Every content security policy violation on the page so far (issue 16 item 7): there should be none. */
export async function cspViolations(page: Page): Promise<string[]> {
  const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  return [...events, ...(cspConsole.get(page) ?? [])];
}

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; helpUrl: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page as it is now and throws
 * on serious or critical violations, listing each rule, its help text and the offending elements.
 * Returns the minor/moderate ones for the caller to log.
 */
export async function axe(page: Page, label: string): Promise<AxeResult['violations']> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol, which the page's content security policy does not
  // govern: a <script> tag with axe inline would be refused (script-src 'self'), as it should be.
  if (!has) await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.slice(0, 8).map((n) => `      ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n')}${v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : ''}`);
    throw new Error(`axe on ${label}: ${bad.length} serious/critical violation(s)\n${lines.join('\n')}`);
  }
  return result.violations;
}

/** Category ids by code for a municipality, from the API. */
export async function categoryIds(e2e: E2E, user: FixtureUser = 'coordinator'): Promise<Record<string, string>> {
  const cats = await e2e.call<Array<{ id: string; code: string; municipalityId: string }>>(user, 'GET', '/api/categories');
  return Object.fromEntries(cats.filter((c) => c.municipalityId === FX.alingsas).map((c) => [c.code, c.id]));
}
