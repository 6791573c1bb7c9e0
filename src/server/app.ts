import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/engine.ts';
import { packageRoot, packageVersion } from '../setup/resources.ts';
import { authPlugin } from './plugins/auth.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { personalDataHeaderPlugin } from './plugins/personal-data-header.ts';
import { guardedValidators } from './plugins/input.ts';
import { lazySerializers } from './plugins/serializers.ts';
import { authRoutes } from './routes/auth.ts';
import { configurationRoutes } from './routes/configuration.ts';
import { healthRoutes } from './routes/health.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { lagesbildRoutes } from './routes/lagesbild.ts';
import { situationPictureRoutes } from './routes/situation-pictures.ts';
import { actionPlanRoutes } from './routes/action-plans.ts';
import { documentRoutes } from './routes/documents.ts';
import { startRollupApplier } from '../services/rollup-applier.ts';
import { openSessionCache } from '../services/session-cache.ts';
import { startPolicePoller, type PolicePoller, type PolicePollerOptions } from '../services/police-poller.ts';
import { accountRoutes } from './routes/accounts.ts';
import { accountLinksOf } from './account-mail.ts';
import type { MailerOptions } from '../jobs/mailer.ts';
import { policeEventRoutes } from './routes/police-events.ts';
import { photoRoutes } from './routes/photos.ts';
import { importRoutes } from './routes/imports.ts';
import { settingsRoutes } from './routes/settings.ts';
import { baseMapRoutes } from './routes/base-map.ts';
import type { TileProxy } from '../node/base-map/tile-proxy.ts';
import { measureRoutes } from './routes/measures.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { scheduleSettingsRoutes } from './routes/schedule-settings.ts';
import { setupRoutes } from './routes/setup.ts';
import { ssoRoutes } from './routes/sso.ts';
import type { SsoSettings } from '../services/sso.ts';
import { retentionRoutes } from './routes/retention.ts';
import { registerExtractRoutes } from './routes/register-extract.ts';
import { auditRoutes } from './routes/audit.ts';
import { mfaRoutes } from './routes/mfa.ts';
import { DEFAULT_SIGN_IN, type SignInPolicy } from '../services/auth.ts';
import { open311Routes } from './routes/open311.ts';
import { open311KeyRoutes } from './routes/open311-keys.ts';
import { apiTokenRoutes } from './routes/api-tokens.ts';
import { ogcRoutes } from './routes/ogc.ts';
import { Area, Category, ErrorBody, Incident, Organisation, Place, UserOut } from '../contract/index.ts';

export interface AppOptions {
  db: Database;
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | object;
  /** Set Secure on cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** Largest JSON body in bytes (413 above). */
  bodyLimit?: number;
  loginRateLimit?: { max: number; timeWindow: number };
  /** Trust X-Forwarded-* from a reverse proxy (for the client IP in rate limits and the audit log). */
  trustProxy?: boolean;
  /** The built browser app to serve at / (default web/dist when it exists; false for none). */
  webRoot?: string | false;
  /** Move the queued incident deltas into the rollup tables in this process (default true; any number of processes may). */
  rollupApplier?: boolean;
  /** How long /ready waits for the database before it answers 503 (default 2000 ms). */
  readyTimeoutMs?: number;
  /** Metres outside a municipality's boundary within which a report is accepted and flagged (BOUNDARY_TOLERANCE_M; default 200). */
  boundaryToleranceM?: number;
  /**
   * The OpenStreetMap tile proxy the maps draw their background from (the entry point makes it from
   * LAGESBILD_TILE_*); null or absent: none, the maps draw their offline base.
   */
  tiles?: TileProxy | null;
  /**
   * Fetch Polisen's events in this process (LAGESBILD_POLICE_POLL=on; src/services/police-poller.ts):
   * started when the server is ready, stopped on close. Absent or null: not.
   */
  policePoll?: Omit<PolicePollerOptions, 'log' | 'version'> | null;
  /** Why this process does not poll although asked to (the contact is missing), for the admin page. */
  policePollRefused?: string | null;
  /**
   * Invitation and password-reset e-mail (src/services/accounts.ts): PUBLIC_URL for their links
   * (default http://127.0.0.1:3000) and, when this process sends the outbox (SMTP_URL and the
   * scheduler on), the mailer settings, so such a message goes out at once instead of at the next
   * minute's pass.
   */
  accounts?: { publicUrl: string; mail?: MailerOptions | null };
  /** Single sign-on: the deployment's OpenID provider (OIDC_*) and PUBLIC_URL for the redirect URI (default: none, the request's address). */
  sso?: SsoSettings;
  /**
   * Session lifetimes and the roles that must sign in with a second factor (SESSION_IDLE_HOURS,
   * SESSION_ABSOLUTE_HOURS, MFA_REQUIRED_ROLES; src/cli/config.ts). Absent: DEFAULT_SIGN_IN, which
   * forces a second factor on nobody.
   */
  signIn?: SignInPolicy;
  /** PUBLIC_URL: the app's address as users reach it; a write from another origin than this or the Host is refused. */
  publicUrl?: string | null;
  /** Requests to /open311/v2 per api_key (or client address) and window (LAGESBILD_OPEN311_RATE_LIMIT; default 60 a minute). */
  open311RateLimit?: { max: number; timeWindow: number };
  /**
   * How long the process may keep a resumed session (LAGESBILD_SESSION_CACHE_MS; src/services/
   * session-cache.ts). Default 0, none: a test or an embedder that changes sessions with SQL of its
   * own sees the change at the next request.
   */
  sessionCacheMs?: number;
}

// From the package's folder, not from this module's: the same from the sources and from the build in dist/.
const DEFAULT_WEB_ROOT = join(packageRoot(), 'web/dist/');

/**
 * One line per request at debug, none at the default level: a newcomer's console shows the start-up
 * line and what went wrong, not two JSON lines for every request of the map. Errors stay at error.
 */
class RequestsAtDebug extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    // The set-up guide's reads carry the one-time link's token, which a log must not keep.
    const url = request.url.replace(/([?&]token=)[^&]*/g, '$1…');
    request.log.debug({ method: request.method, url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  }
}

/** Builds the whole HTTP application; only the entry point calls listen(). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? 1024 * 1024;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit,
    trustProxy: opts.trustProxy ?? false,
    logController: new RequestsAtDebug(),
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true } },
    // Every body, query string and path parameter passes here: the bad input no schema names (NUL,
    // lone surrogates, blank names, infinite numbers, dates beyond year 8999) is a 422 for every route.
    schemaController: { compilersFactory: { ...guardedValidators(), buildSerializer: lazySerializers() } },
  });

  // The API speaks JSON only; anything else is 415 rather than a string the schema then rejects.
  app.removeContentTypeParser('text/plain');
  for (const s of [ErrorBody, Incident, Organisation, UserOut, Category, Area, Place]) app.addSchema(s);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Lägesbild API',
        version: packageVersion(),
        description: 'Gemensam lägesbild över brott och otrygghet (EST). Cookie session from POST /api/auth/login; send the csrfToken as X-CSRF-Token on every state-changing request. Errors: { error: { code, status, message, fields[] } } in the language of Accept-Language (sv, en).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lb_session' } } },
      security: [{ session: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(errorsPlugin, { bodyLimit });
  // Before the session check: its refusals carry the headers too.
  await app.register(securityHeadersPlugin, { db: opts.db, secureCookies: opts.secureCookies ?? false });
  await app.register(rateLimit, { global: false });
  const closeSessionCache = await openSessionCache(opts.db, opts.sessionCacheMs ?? 0);
  app.addHook('onClose', closeSessionCache);
  await app.register(authPlugin, { db: opts.db, secureCookies: opts.secureCookies ?? false, signIn: opts.signIn ?? DEFAULT_SIGN_IN, publicUrl: opts.publicUrl ?? null });
  await app.register(personalDataHeaderPlugin);

  await app.register(healthRoutes, { db: opts.db, version: packageVersion(), readyTimeoutMs: opts.readyTimeoutMs });
  await app.register(authRoutes, { db: opts.db, loginRateLimit: opts.loginRateLimit ?? { max: 10, timeWindow: 60_000 }, signIn: opts.signIn ?? DEFAULT_SIGN_IN });
  await app.register(setupRoutes, { db: opts.db, rateLimit: opts.loginRateLimit ?? { max: 10, timeWindow: 60_000 } });
  await app.register(incidentRoutes, { db: opts.db, boundaryToleranceM: opts.boundaryToleranceM });
  const accountLinks = accountLinksOf(opts.db, opts.accounts, app.log);
  app.addHook('onClose', () => accountLinks.settled());
  await app.register(configurationRoutes, { db: opts.db, accountLinks });
  await app.register(accountRoutes, { db: opts.db, accountLinks, rateLimit: opts.loginRateLimit ?? { max: 10, timeWindow: 60_000 } });
  await app.register(lagesbildRoutes, { db: opts.db });
  await app.register(situationPictureRoutes, { db: opts.db });
  await app.register(actionPlanRoutes, { db: opts.db });
  await app.register(documentRoutes, { db: opts.db });
  if (opts.rollupApplier ?? true) {
    // Started once the server is ready and stopped before the database is closed under it.
    let applier: ReturnType<typeof startRollupApplier> | null = null;
    app.addHook('onReady', async () => { applier = startRollupApplier(opts.db, { error: (m, e) => app.log.error({ err: e }, m) }); });
    app.addHook('onClose', async () => { await applier?.stop(); });
  }
  await app.register(policeEventRoutes, { db: opts.db, poller: { enabled: !!opts.policePoll, refused: opts.policePollRefused ?? null } });
  if (opts.policePoll) {
    const settings = opts.policePoll;
    let poller: PolicePoller | null = null;
    app.addHook('onReady', async () => {
      poller = startPolicePoller(opts.db, {
        ...settings, version: packageVersion(),
        log: { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m, e) => app.log.error({ err: e }, m) },
      });
    });
    app.addHook('onClose', async () => { await poller?.stop(); });
  }
  await app.register(photoRoutes, { db: opts.db });
  await app.register(importRoutes, { db: opts.db, boundaryToleranceM: opts.boundaryToleranceM });
  await app.register(settingsRoutes, { db: opts.db, osmProxy: !!opts.tiles });
  await app.register(baseMapRoutes, { tiles: opts.tiles ?? null });
  await app.register(measureRoutes, { db: opts.db });
  await app.register(meetingRoutes, { db: opts.db });
  await app.register(scheduleSettingsRoutes, { db: opts.db });
  await app.register(ssoRoutes, { db: opts.db, sso: { ...(opts.sso ?? { deployment: null, publicUrl: null }), signIn: opts.signIn ?? DEFAULT_SIGN_IN }, rateLimit: opts.loginRateLimit ?? { max: 10, timeWindow: 60_000 } });
  await app.register(retentionRoutes, { db: opts.db });
  await app.register(registerExtractRoutes, { db: opts.db });
  await app.register(auditRoutes, { db: opts.db });
  await app.register(mfaRoutes, { db: opts.db, signIn: opts.signIn ?? DEFAULT_SIGN_IN });
  await app.register(open311Routes, { db: opts.db, boundaryToleranceM: opts.boundaryToleranceM, rateLimit: opts.open311RateLimit, prefix: '/open311/v2' });
  await app.register(open311KeyRoutes, { db: opts.db });
  await app.register(apiTokenRoutes, { db: opts.db });
  await app.register(ogcRoutes, { db: opts.db, prefix: '/ogc' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = opts.webRoot ?? (existsSync(DEFAULT_WEB_ROOT) ? DEFAULT_WEB_ROOT : false);
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: ['index.html'],
      // Hashed assets never change; the shell and the service worker must be revalidated.
      setHeaders(reply, path) {
        reply.header('cache-control', /[\/]assets[\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}
