/**
 * A stand-in for tile.openstreetmap.org on 127.0.0.1, so no test ever reaches the internet: it serves
 * one real PNG (made here, 256 × 256 in a colour no map style uses) for every /{z}/{x}/{y}.png, with
 * OSM's caching headers, and records each request. `mode` makes it fail the way upstreams do.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** The tiles' colour: a magenta that neither the offline base nor any data layer draws. */
export const TILE_RGB = { r: 200, g: 40, b: 160 } as const;

/** Where nothing listens (the discard port): what an unreachable upstream looks like in the tests. */
export const UNREACHABLE_TILES = 'http://127.0.0.1:9/{z}/{x}/{y}.png';

export type UpstreamMode =
  /** 200 with the PNG (304 when the request's If-None-Match matches). */
  | 'ok'
  /** 500 for every tile but the world tile 0/0/0 (the proxy's status probe then succeeds). */
  | 'fail-tiles'
  /** 500 for everything. */
  | 'fail'
  /** 429 Too Many Requests with Retry-After: 120. */
  | 'throttle'
  /** 200 with an HTML page, as a captive portal answers. */
  | 'portal'
  /** Never answers. */
  | 'hang';

export interface TileUpstream {
  /** XYZ template for LAGESBILD_TILE_UPSTREAM / TileProxy. */
  template: string;
  png: Buffer;
  etag: string;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  mode: UpstreamMode;
  /** Requests being answered right now, and the most there ever were at once. */
  active: number;
  mostActive: number;
  /** Delay before each answer (ms). */
  delayMs: number;
  close(): Promise<void>;
}

export async function tilePng(): Promise<Buffer> {
  return sharp({ create: { width: 256, height: 256, channels: 3, background: TILE_RGB } }).png().toBuffer();
}

export async function startTileUpstream(): Promise<TileUpstream> {
  const png = await tilePng();
  const hanging = new Set<ServerResponse>();
  const up: TileUpstream = {
    template: '', png, etag: '"lagesbild-test-tile"', requests: [], mode: 'ok', active: 0, mostActive: 0, delayMs: 0,
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((req, res) => {
    up.requests.push({ path: req.url ?? '', headers: req.headers });
    up.active++;
    up.mostActive = Math.max(up.mostActive, up.active);
    res.on('close', () => { up.active--; hanging.delete(res); });
    const answer = () => {
      const m = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
      if (up.mode === 'hang') { hanging.add(res); return; }
      if (up.mode === 'throttle') { res.writeHead(429, { 'retry-after': '120' }).end(); return; }
      if (up.mode === 'portal') { res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Logga in på gästnätet</body></html>'); return; }
      if (!m) { res.writeHead(404).end(); return; }
      const world = m[1] === '0' && m[2] === '0' && m[3] === '0';
      if (up.mode === 'fail' || (up.mode === 'fail-tiles' && !world)) { res.writeHead(500, { 'content-type': 'text/plain' }).end('render failed'); return; }
      if (req.headers['if-none-match'] === up.etag) { res.writeHead(304, { etag: up.etag, 'cache-control': 'max-age=172800' }).end(); return; }
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, etag: up.etag, 'cache-control': 'max-age=172800, stale-while-revalidate=604800' }).end(png);
    };
    if (up.delayMs > 0) setTimeout(answer, up.delayMs); else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  up.template = `http://127.0.0.1:${(server.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
  return up;
}
