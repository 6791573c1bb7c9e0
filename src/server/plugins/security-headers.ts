import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Database } from '../../services/database.ts';
import { customTileOrigins } from '../../services/tile-origins.ts';

export interface SecurityHeadersOptions {
  db: Database;
  /** SECURE_COOKIES: the app is reached over HTTPS only, so browsers may be told never to use HTTP (HSTS). */
  secureCookies: boolean;
  /** How long another process's change of the tile source may go unseen here (default 30 s). */
  tileOriginsTtlMs?: number;
}

/**
 * What the browser may do in the app: the phone's position for a report (the report form), its
 * camera for a photo (`<input capture>`); nothing else a page could ask for.
 */
export const PERMISSIONS_POLICY = [
  'geolocation=(self)', 'camera=(self)', 'microphone=()', 'payment=()', 'usb=()', 'serial=()', 'bluetooth=()', 'hid=()',
  'midi=()', 'magnetometer=()', 'gyroscope=()', 'accelerometer=()', 'ambient-light-sensor=()', 'display-capture=()',
  'fullscreen=(self)', 'screen-wake-lock=()', 'xr-spatial-tracking=()', 'publickey-credentials-get=(self)',
  'browsing-topics=()', 'interest-cohort=()',
].join(', ');

/** API answers that hold no personal or restricted data and may be cached: the map's background tiles. */
const CACHEABLE_API = /^\/api\/tiles\/osm\/\d+\/\d+\/\d+\.png$/;

/**
 * Pages that carry their styles inline: the Swagger UI (@fastify/swagger-ui) and the documents the
 * API answers as HTML (meeting minutes, reports), each one self-contained file with a <style>.
 * Only styles: no page may run an inline script.
 */
const inlineStyled = (req: IncomingMessage) => /^\/(docs|api)(\/|$|\?)/.test(req.url ?? '');

/**
 * The security headers of every answer (issue 16 item 7; docs/it/headers-and-database-roles.md):
 * the content security policy the app and MapLibre work under, nosniff, a referrer policy, a
 * permissions policy, no framing, HSTS behind HTTPS, and `Cache-Control: no-store` on the API.
 *
 * The built app has no inline script or style (vite writes external files only), so scripts come
 * from the app's own origin. MapLibre starts its worker from a blob: URL and decodes tiles to blob:
 * and data: images. Tiles come from the server's own proxy (/api/tiles, same origin) unless an
 * administrator has set another source in Administration → Bakgrundskarta: every such source's
 * origin is allowed as an image and fetch source, read at start and again when a map setting is
 * saved here, and at most `tileOriginsTtlMs` old when another process saved it.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: SecurityHeadersOptions) => {
  const ttl = opts.tileOriginsTtlMs ?? 30_000;
  let tileOrigins: string[] = [];
  let readAt = 0;
  let reading: Promise<void> | null = null;
  const refresh = () => {
    reading ??= customTileOrigins(opts.db)
      .then((o) => { tileOrigins = o; readAt = Date.now(); })
      // Without the list the maps fall back to their offline base: the policy stays as it was.
      .catch((e: unknown) => { app.log.warn({ err: e }, 'could not read the tile sources for the content security policy'); })
      .finally(() => { reading = null; });
    return reading;
  };
  app.addHook('onReady', refresh);

  // Before helmet's hooks, which build the header synchronously from `tileOrigins`.
  app.addHook('onRequest', async (req) => {
    if (Date.now() - readAt > ttl && (req.headers.accept?.includes('text/html') || req.url === '/' || req.url.startsWith('/index.html'))) await refresh();
  });
  // A saved map setting is in the next page's policy: read before the answer leaves, so a page the
  // browser asks for once it has the answer finds it (after it, the next request could come first).
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' && req.url.startsWith('/api/settings/map') && reply.statusCode < 300) await refresh();
    return payload;
  });

  const tiles = () => tileOrigins.join(' ');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // MapLibre and Preact set element styles through the DOM, which a policy does not govern.
        styleSrc: ["'self'", (req) => (inlineStyled(req) ? "'unsafe-inline'" : '')],
        imgSrc: ["'self'", 'data:', 'blob:', tiles],
        connectSrc: ["'self'", tiles],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ['blob:'],
        manifestSrc: ["'self'"],
        frameSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: opts.secureCookies ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // The app loads nothing from other origins that would need to opt in.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // Personal or restricted data, in every API answer but the map's tiles: nothing kept in a cache.
    const path = req.url.split('?')[0];
    if (path.startsWith('/api/') && !(CACHEABLE_API.test(path) && reply.statusCode === 200)) reply.header('cache-control', 'no-store');
    return payload;
  });
});
