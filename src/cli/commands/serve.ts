import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import type { Database } from '../../db/engine.ts';
import type { JobLoop } from '../../jobs/runner.ts';
import type { ServerConfig } from '../config.ts';
import { setupLink, setupMessage, startMessage, type DemoLogin } from '../start-message.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);

/** Starts the HTTP server on an open database and closes both cleanly on SIGINT/SIGTERM. */
export async function serve(db: Database, config: ServerConfig, demo: readonly DemoLogin[] = []): Promise<void> {
  // The flag cannot go in NODE_OPTIONS; V8 reads it whenever it sets the next collection's limit.
  if (config.heapGrowthPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
  // The server is loaded when it starts, not by every `lagesbild` call (`lagesbild --help` stays quick).
  const { buildApp } = await import('../../server/app.ts');
  const { TileProxy, tileUserAgent } = await import('../../node/base-map/tile-proxy.ts');
  const { startJobLoop } = await import('../../jobs/runner.ts');
  const { issueSetupLink } = await import('../../services/first-start.ts');
  // The maps' OpenStreetMap background, fetched through this server (warnings go to the log).
  let warnTiles: (m: string) => void = log;
  const tiles = config.tiles.upstream
    ? new TileProxy({ upstream: config.tiles.upstream, cacheDir: config.tiles.cacheDir, userAgent: tileUserAgent(config.tiles.contact), warn: (m) => warnTiles(m) })
    : null;
  const { policePollRefusal } = await import('../config.ts');
  // Asked to poll Polisen without saying who asks: the server runs, the poller does not.
  const refused = policePollRefusal(config.police);
  if (refused) log(refused);
  const police = config.police;
  const app = await buildApp({
    db,
    logger: { level: config.logLevel },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    tiles,
    boundaryToleranceM: config.boundaryToleranceM,
    policePoll: police.poll && police.contact ? { baseUrl: police.baseUrl, contact: police.contact, deployment: police.deployment, intervalMs: police.intervalMs } : null,
    policePollRefused: refused,
    // Invitation and reset e-mail leaves at once when this process sends the outbox.
    accounts: { publicUrl: config.jobs.publicUrl, mail: config.jobs.scheduler && config.jobs.smtpUrl ? { smtpUrl: config.jobs.smtpUrl, from: config.jobs.mailFrom } : null },
    sso: { deployment: config.oidc, publicUrl: config.publicUrl },
    signIn: config.signIn,
    sessionCacheMs: config.sessionCacheMs,
    publicUrl: config.publicUrl,
    open311RateLimit: { max: config.open311RatePerMinute, timeWindow: 60_000 },
  });
  warnTiles = (m) => app.log.warn(m);
  // A laptop demo need not say who runs it; a server others reach should.
  if (tiles && !config.tiles.contact && !/^(127\.|localhost$|::1$)/.test(config.host)) log('kartbilder från OpenStreetMap: ange LAGESBILD_TILE_CONTACT (e-post eller webbadress) så att OpenStreetMap kan nå den som driver servern');
  let closing = false;
  let jobs: JobLoop | null = null;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: stänger …`);
    await jobs?.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  // The scheduled lägesbild draft and its e-mail, every minute (src/jobs/runner.ts).
  if (config.jobs.scheduler) jobs = startJobLoop(db, config.jobs, { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m, e) => app.log.error({ err: e }, m) });
  else log('schemalagda jobb avstängda (LAGESBILD_SCHEDULER=off)');
  log(startMessage(address, demo));
  // A database without a municipality is a new installation: the set-up guide's one-time link.
  const token = await issueSetupLink(db).catch((e: Error) => { log(`länken för första start kunde inte skapas: ${e.message}`); return null; });
  if (token) log(setupMessage(setupLink(process.env.PUBLIC_URL, address, token)));
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Start the server (PORT, HOST, DATA_DIR, DATABASE_URL, SECURE_COOKIES, TRUST_PROXY, LOG_LEVEL)')
    .addHelpText('after', `
Environment:
  PORT            port to listen on (default 3000)
  HOST            address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)
  DATA_DIR        directory of the embedded database (default ./data)
  DATABASE_URL    postgres://user:password@host:5432/db — use a PostgreSQL server instead
  SECURE_COOKIES  true behind HTTPS
  TRUST_PROXY     true behind a reverse proxy (client address from X-Forwarded-For)
  SMTP_URL        smtp://host:port for the scheduler's e-mail (without it e-mail stays queued)
  MAIL_FROM       sender of that e-mail (default Lägesbild <lagesbild@localhost>)
  PUBLIC_URL      the app's address for links in e-mail (default http://127.0.0.1:3000)
  LAGESBILD_SCHEDULER  off: no scheduled drafts or e-mail in this process
  BOUNDARY_TOLERANCE_M  metres outside a municipality's boundary within which a report is accepted and flagged (default 200)
  LAGESBILD_TILE_UPSTREAM  the maps' raster tiles, fetched through this server (default OpenStreetMap; off: none)
  LAGESBILD_TILE_CACHE     where fetched tiles are kept (default DATA_DIR/tile-cache)
  LAGESBILD_TILE_CONTACT   e-mail or web address of whoever runs this server, sent to the tile server
  LAGESBILD_POLICE_POLL      on: fetch Polisen's events (polisen.se/api/events) by themselves; one process of the deployment polls (default off)
  LAGESBILD_POLICE_CONTACT   e-mail or web address Polisen can reach whoever runs this deployment at; required to poll
  LAGESBILD_POLICE_INTERVAL  seconds between calls, 60 to 86400 (default 300)
  LAGESBILD_POLICE_URL       where Polisen's API is (default https://polisen.se)
  OIDC_ISSUER        single sign-on: the OpenID provider's issuer (Entra ID: https://login.microsoftonline.com/<tenant>/v2.0)
  OIDC_CLIENT_ID     the app's client id there; OIDC_CLIENT_SECRET its secret
  OIDC_USER_CLAIM    the claim that names the user: email (default), preferred_username, oid or sub
  OIDC_LABEL         the button's name ("Logga in med <label>"); OIDC_CREATE_USERS true: create unknown users
  OIDC_GROUP_MAP     JSON list of {"group","organisationId","roles"} for the users it creates (docs/it/sso.md)
  LAGESBILD_OPEN311_RATE_LIMIT  requests a minute per api_key (or client address) to /open311/v2 (default 60)`)
    .action(async () => {
      const { serverConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const config = serverConfig();
      const db = await openMigrated(config, log);
      await serve(db, config);
    });
}
