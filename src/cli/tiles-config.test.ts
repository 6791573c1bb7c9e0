import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { OSM_TILE_UPSTREAM, tilesConfig } from './config.ts';

test('the tile proxy: OpenStreetMap by default, off or another template by LAGESBILD_TILE_UPSTREAM, cached under DATA_DIR', () => {
  assert.deepEqual(tilesConfig({}), { upstream: OSM_TILE_UPSTREAM, cacheDir: resolve('data/tile-cache'), contact: null });
  assert.equal(tilesConfig({ LAGESBILD_TILE_UPSTREAM: 'off' }).upstream, null);
  assert.equal(tilesConfig({ LAGESBILD_TILE_UPSTREAM: 'http://127.0.0.1:8080/{z}/{x}/{y}.png' }).upstream, 'http://127.0.0.1:8080/{z}/{x}/{y}.png');
  assert.throws(() => tilesConfig({ LAGESBILD_TILE_UPSTREAM: 'https://tile.example/{z}/{x}.png' }), /LAGESBILD_TILE_UPSTREAM must be off or an http\(s\) address with \{z\}, \{x\} and \{y\}/);
  assert.equal(tilesConfig({ DATA_DIR: '/srv/lagesbild' }).cacheDir, '/srv/lagesbild/tile-cache');
  assert.equal(tilesConfig({ LAGESBILD_TILE_CACHE: '/var/cache/tiles' }).cacheDir, '/var/cache/tiles');
});

test('the contact in the User-Agent: LAGESBILD_TILE_CONTACT, else the public address unless it is this machine\'s', () => {
  assert.equal(tilesConfig({ LAGESBILD_TILE_CONTACT: 'gis@alingsas.se' }).contact, 'gis@alingsas.se');
  assert.equal(tilesConfig({ PUBLIC_URL: 'https://lagesbild.alingsas.se' }).contact, 'https://lagesbild.alingsas.se');
  assert.equal(tilesConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).contact, null);
  assert.equal(tilesConfig({ PUBLIC_URL: 'http://localhost:3000' }).contact, null);
  assert.throws(() => tilesConfig({ LAGESBILD_TILE_CONTACT: 'Åsa på kommunen' }), /LAGESBILD_TILE_CONTACT must be an e-mail or web address without spaces/);
});
