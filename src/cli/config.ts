import { join, resolve } from 'node:path';
import type { DatabaseConfig } from '../db/open.ts';
import { DEFAULT_BOUNDARY_TOLERANCE_M } from '../core/incidents/rules.ts';
import { DEPLOYMENT_PROVIDER, USER_CLAIMS, type GroupMapping, type OidcProvider, type UserClaim } from '../core/sso/types.ts';
import { ROLES, type Role } from '../core/access/roles.ts';
import { DEFAULT_MFA_REQUIRED_ROLES } from '../core/users/mfa.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, type SignInPolicy } from '../services/auth.ts';

/** Configuration from the environment; every setting has a default that runs the demo on a laptop. */
export interface ServerConfig extends DatabaseConfig {
  port: number;
  host: string;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  jobs: JobsConfig;
  tiles: TilesConfig;
  /** Metres outside a municipality's boundary within which a report is accepted and flagged. */
  boundaryToleranceM: number;
  police: PoliceConfig;
  /** The deployment's single sign-on provider (OIDC_ISSUER …), or null. */
  oidc: OidcProvider | null;
  /** PUBLIC_URL when set: the base of the single sign-on redirect URI (else the address a request came to). */
  publicUrl: string | null;
  signIn: SignInPolicy;
  /** LAGESBILD_OPEN311_RATE_LIMIT: requests to /open311/v2 per api_key (or client address) and minute. */
  open311RatePerMinute: number;
  /** LAGESBILD_HEAP_GROWTH_PERCENT: V8's heap growth before its next full collection (0: V8's own choice). */
  heapGrowthPercent: number;
  /** LAGESBILD_SESSION_CACHE_MS: how long a process may keep a resumed session (0: never; src/services/session-cache.ts). */
  sessionCacheMs: number;
}

/** Polisen's events fetched by the server itself (src/services/police-poller.ts); off unless asked for. */
export interface PoliceConfig {
  /** LAGESBILD_POLICE_POLL=on: poll (one process of the deployment does, however many run). */
  poll: boolean;
  /** LAGESBILD_POLICE_CONTACT: how Polisen reaches whoever runs the deployment (e-mail or web address), in the User-Agent. Required to poll. */
  contact: string | null;
  /** LAGESBILD_POLICE_URL: where the API is (default https://polisen.se; the path /api/events is added). */
  baseUrl: string;
  /** LAGESBILD_POLICE_INTERVAL: seconds between calls (default 300, at least 60: Polisen allows 60 calls an hour). */
  intervalMs: number;
  /** The deployment's public address (PUBLIC_URL's host unless it is this machine), named in the User-Agent. */
  deployment: string | null;
}

export const POLISEN_API = 'https://polisen.se';

export function policeConfig(env = process.env): PoliceConfig {
  const poll = env.LAGESBILD_POLICE_POLL?.trim() || 'off';
  if (!['on', 'off'].includes(poll)) throw new Error(`LAGESBILD_POLICE_POLL must be on or off, got "${poll}"`);
  const contact = env.LAGESBILD_POLICE_CONTACT?.trim() || null;
  // It goes into an HTTP header.
  if (contact !== null && !/^[\x21-\x7e]+$/.test(contact)) throw new Error(`LAGESBILD_POLICE_CONTACT must be an e-mail or web address without spaces or letters outside ASCII, got "${contact}"`);
  const baseUrl = env.LAGESBILD_POLICE_URL?.trim() || POLISEN_API;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new Error(`LAGESBILD_POLICE_URL must be an http(s) address, got "${baseUrl}"`);
  const raw = env.LAGESBILD_POLICE_INTERVAL?.trim() || '300';
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 60 || seconds > 86_400) throw new Error(`LAGESBILD_POLICE_INTERVAL must be a number of seconds from 60 to 86400 (Polisen allows at most 60 calls an hour), got "${raw}"`);
  const publicHost = /^https?:\/\/(?!localhost\b|127\.|\[::1\])([^/:]+)/.exec(env.PUBLIC_URL?.trim() || '')?.[1] ?? null;
  return { poll: poll === 'on', contact, baseUrl, intervalMs: seconds * 1000, deployment: publicHost };
}

/** Why polling that was asked for cannot start (no contact given), in Swedish for the log; null when it can or was not asked for. */
export function policePollRefusal(c: PoliceConfig): string | null {
  if (!c.poll || c.contact) return null;
  return 'polishändelser hämtas inte: LAGESBILD_POLICE_POLL=on kräver LAGESBILD_POLICE_CONTACT, en e-postadress eller webbadress där polisen kan nå den som driver installationen (deras regler för API:et)';
}

/** OpenStreetMap's raster tiles through the server (src/node/base-map/tile-proxy.ts). */
export interface TilesConfig {
  /** XYZ template the proxy fetches from; null (LAGESBILD_TILE_UPSTREAM=off): no proxy, the maps draw their offline base. */
  upstream: string | null;
  /** Where fetched tiles are kept. */
  cacheDir: string;
  /** How the tile server's operators reach whoever runs this server (e-mail or web address), in the User-Agent; default PUBLIC_URL unless it is local; null: not given. */
  contact: string | null;
}

/** OpenStreetMap's standard tile layer, as its tile usage policy names it. */
export const OSM_TILE_UPSTREAM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export function tilesConfig(env = process.env): TilesConfig {
  const raw = env.LAGESBILD_TILE_UPSTREAM?.trim() || OSM_TILE_UPSTREAM;
  const upstream = raw === 'off' ? null : raw;
  if (upstream !== null && (!/^https?:\/\/[^/]+/.test(upstream) || !['{z}', '{x}', '{y}'].every((p) => upstream.includes(p)))) {
    throw new Error(`LAGESBILD_TILE_UPSTREAM must be off or an http(s) address with {z}, {x} and {y}, got "${upstream}"`);
  }
  // The app's public address says who runs it, unless it is this machine's own.
  const publicUrl = env.PUBLIC_URL?.trim() || '';
  const contact = env.LAGESBILD_TILE_CONTACT?.trim() || (/^https?:\/\/(?!localhost\b|127\.|\[::1\])[^/]+/.test(publicUrl) ? publicUrl : null);
  // It goes into an HTTP header.
  if (contact !== null && !/^[\x21-\x7e]+$/.test(contact)) throw new Error(`LAGESBILD_TILE_CONTACT must be an e-mail or web address without spaces, got "${contact}"`);
  return { upstream, cacheDir: resolve(env.LAGESBILD_TILE_CACHE?.trim() || join(env.DATA_DIR ?? './data', 'tile-cache')), contact };
}

/** The scheduled work in the server process: the lägesbild draft and the e-mail it sends. */
export interface JobsConfig {
  /** Run the scheduler and mailer every minute in the server (LAGESBILD_SCHEDULER=off: not). */
  scheduler: boolean;
  /** smtp://host:port, smtps://user:password@host:465; null = e-mail is queued but not sent. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The app's address as users reach it, for links in e-mail. */
  publicUrl: string;
}

export function jobsConfig(env = process.env): JobsConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) throw new Error(`SMTP_URL must be smtp://host:port or smtps://host:port, got "${smtpUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}"`);
  const publicUrl = env.PUBLIC_URL?.trim() || 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) throw new Error(`PUBLIC_URL must be an http(s) address, got "${publicUrl}"`);
  const scheduler = env.LAGESBILD_SCHEDULER ?? 'on';
  if (!['on', 'off'].includes(scheduler)) throw new Error(`LAGESBILD_SCHEDULER must be on or off, got "${scheduler}"`);
  return { scheduler: scheduler === 'on', smtpUrl, mailFrom: env.MAIL_FROM?.trim() || 'Lägesbild <lagesbild@localhost>', publicUrl };
}

/** BOUNDARY_TOLERANCE_M: how far outside SCB's coarse boundary a report is still taken (default 200 m). */
export function boundaryToleranceM(env = process.env): number {
  const raw = env.BOUNDARY_TOLERANCE_M?.trim();
  if (!raw) return DEFAULT_BOUNDARY_TOLERANCE_M;
  const m = Number(raw);
  // Beyond a couple of kilometres a report is in the neighbouring municipality, not by the border.
  if (!/^\d+(\.\d+)?$/.test(raw) || m > 5000) throw new Error(`BOUNDARY_TOLERANCE_M must be a number of metres from 0 to 5000, got "${raw}"`);
  return m;
}

/**
 * Session lifetimes and the roles that must sign in with a second factor (docs/it/mfa-and-sign-in.md):
 * SESSION_IDLE_HOURS (default 8), SESSION_ABSOLUTE_HOURS (default 12, at least the idle time), and
 * MFA_REQUIRED_ROLES, a comma-separated list of roles or `none` (default coordinator,admin).
 */
export function signInConfig(env = process.env): SignInPolicy {
  const hours = (name: string, fallbackMs: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallbackMs;
    const h = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || h < 0.25 || h > 24 * 30) throw new Error(`${name} must be a number of hours from 0.25 to 720, got "${raw}"`);
    return h * 3_600_000;
  };
  const idleMs = hours('SESSION_IDLE_HOURS', SESSION_IDLE_MS);
  const absoluteMs = hours('SESSION_ABSOLUTE_HOURS', SESSION_ABSOLUTE_MS);
  if (absoluteMs < idleMs) throw new Error(`SESSION_ABSOLUTE_HOURS (${absoluteMs / 3_600_000}) must be at least SESSION_IDLE_HOURS (${idleMs / 3_600_000})`);
  return { idleMs, absoluteMs, mfaRequiredRoles: mfaRequiredRoles(env) };
}

function mfaRequiredRoles(env: NodeJS.ProcessEnv): Role[] {
  const raw = env.MFA_REQUIRED_ROLES?.trim();
  if (!raw) return [...DEFAULT_MFA_REQUIRED_ROLES];
  if (raw === 'none') return [];
  const roles = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`MFA_REQUIRED_ROLES must be none or roles among ${ROLES.join(', ')} separated by commas, got "${unknown.join(', ')}"`);
  return roles as Role[];
}

/** LAGESBILD_OPEN311_RATE_LIMIT: requests a minute per api_key (or, without one, per client address) to /open311/v2 (default 60). */
export function open311RatePerMinute(env = process.env): number {
  const raw = env.LAGESBILD_OPEN311_RATE_LIMIT?.trim();
  if (!raw) return 60;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100_000) throw new Error(`LAGESBILD_OPEN311_RATE_LIMIT must be a whole number of requests a minute from 1 to 100000, got "${raw}"`);
  return n;
}

/**
 * LAGESBILD_HEAP_GROWTH_PERCENT: how far V8 lets the server's heap grow past what it held after its
 * last full collection before it collects again (default 20). On a machine with much memory V8
 * otherwise lets it grow to several times that: a server holding 70 MB sat at 400–500 MB resident
 * (bench/README.md, "server memory"). 0 leaves V8's own choice. No upper limit on the heap: an import
 * that needs more memory still gets it.
 */
export function heapGrowthPercent(env = process.env): number {
  const raw = env.LAGESBILD_HEAP_GROWTH_PERCENT?.trim();
  if (!raw) return 20;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 400) throw new Error(`LAGESBILD_HEAP_GROWTH_PERCENT must be a whole number of percent from 0 to 400 (0: V8's own choice), got "${raw}"`);
  return n;
}

export function databaseConfig(env = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: resolve(env.DATA_DIR ?? './data') };
}

export function serverConfig(env = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    ...databaseConfig(env),
    port,
    host: env.HOST ?? '127.0.0.1',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    jobs: jobsConfig(env),
    tiles: tilesConfig(env),
    boundaryToleranceM: boundaryToleranceM(env),
    police: policeConfig(env),
    oidc: oidcConfig(env),
    publicUrl: env.PUBLIC_URL?.trim() || null,
    signIn: signInConfig(env),
    open311RatePerMinute: open311RatePerMinute(env),
    heapGrowthPercent: heapGrowthPercent(env),
    sessionCacheMs: sessionCacheMs(env),
  };
}

/** Default 2 s. Changes through the app reach every process's cache at once; this bounds a change made past it. */
export const DEFAULT_SESSION_CACHE_MS = 2000;

export function sessionCacheMs(env = process.env): number {
  const raw = env.LAGESBILD_SESSION_CACHE_MS?.trim();
  if (!raw) return DEFAULT_SESSION_CACHE_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms > 60_000) throw new Error(`LAGESBILD_SESSION_CACHE_MS must be a number of milliseconds from 0 (no cache) to 60000, got "${raw}"`);
  return ms;
}

/**
 * The deployment's OpenID provider (services/sso.ts), for every municipality's users: OIDC_ISSUER and
 * OIDC_CLIENT_ID switch it on; null without them. A municipality can instead set its own in
 * Administration → Inloggning (SSO).
 */
export function oidcConfig(env = process.env): OidcProvider | null {
  const issuer = env.OIDC_ISSUER?.trim().replace(/\/+$/, '') || null;
  const clientId = env.OIDC_CLIENT_ID?.trim() || null;
  if (!issuer && !clientId) return null;
  if (!issuer || !clientId) throw new Error('OIDC_ISSUER and OIDC_CLIENT_ID go together: set both for single sign-on, or neither');
  if (!/^https:\/\/[^/]+/.test(issuer) && !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?(\/|$)/.test(issuer)) throw new Error(`OIDC_ISSUER must be an https address (the provider's issuer), got "${issuer}"`);
  const userClaim = (env.OIDC_USER_CLAIM?.trim() || 'email') as UserClaim;
  if (!USER_CLAIMS.includes(userClaim)) throw new Error(`OIDC_USER_CLAIM must be one of ${USER_CLAIMS.join(', ')}, got "${userClaim}"`);
  const create = env.OIDC_CREATE_USERS?.trim() || 'false';
  if (!['true', 'false'].includes(create)) throw new Error(`OIDC_CREATE_USERS must be true or false, got "${create}"`);
  return {
    id: DEPLOYMENT_PROVIDER, municipalityId: null, label: env.OIDC_LABEL?.trim() || 'SSO', issuer, clientId,
    clientSecret: env.OIDC_CLIENT_SECRET?.trim() || null, userClaim, groupMapping: groupMap(env.OIDC_GROUP_MAP),
    createUsers: create === 'true', enabled: true,
  };
}

/** OIDC_GROUP_MAP: a JSON list of { "group", "organisationId", "roles": [...] }. */
function groupMap(raw: string | undefined): GroupMapping[] {
  if (!raw?.trim()) return [];
  const fail = (why: string) => new Error(`OIDC_GROUP_MAP must be a JSON list of {"group": "…", "organisationId": "<uuid>", "roles": ["reporter", …]}: ${why}`);
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch (e) { throw fail((e as Error).message); }
  if (!Array.isArray(parsed)) throw fail('not a list');
  return parsed.map((m: { group?: unknown; organisationId?: unknown; roles?: unknown }, i) => {
    const roles = Array.isArray(m?.roles) ? m.roles : [];
    if (typeof m?.group !== 'string' || !m.group.trim()) throw fail(`entry ${i + 1} has no group`);
    if (typeof m.organisationId !== 'string' || !/^[0-9a-f-]{36}$/i.test(m.organisationId)) throw fail(`entry ${i + 1} has no organisationId`);
    if (!roles.length || !roles.every((r) => (ROLES as readonly unknown[]).includes(r))) throw fail(`entry ${i + 1}: roles must be some of ${ROLES.join(', ')}`);
    return { group: m.group.trim(), organisationId: m.organisationId, roles };
  });
}

/** Where the data lives, for messages (never prints a password). */
export function describeDatabase(c: DatabaseConfig): string {
  if (c.databaseUrl) return `PostgreSQL ${c.databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}`;
  return `inbäddad PGlite i ${c.dataDir}`;
}
