import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/**
 * Where the shared reference data lives (SCB boundaries, tätort points, Polisen events): `../shared/data`
 * beside the clone, or LAGESBILD_SHARED_DATA. The demo and the tests read it; a production
 * municipality loads its own boundary instead.
 */
export function sharedDataDir(): string {
  const dir = process.env.LAGESBILD_SHARED_DATA ?? resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/data');
  if (!existsSync(dir)) throw new Error(`shared data not found at ${dir} (set LAGESBILD_SHARED_DATA)`);
  return dir;
}

export function readSharedJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(resolve(sharedDataDir(), relative), 'utf8')) as T;
}

interface KommunFeature { properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown } }

/** A municipality's SCB boundary in EPSG:3006 from the shared national file. */
export function municipalityBoundary(code: string): { id: string; name: string; geometry3006: KommunFeature['geometry'] } {
  const fc = readSharedJson<{ features: KommunFeature[] }>('boundaries/se_kommuner_scb2024_sweref99tm.geojson');
  const f = fc.features.find((x) => x.properties.code === code);
  if (!f) throw new Error(`no municipality with code ${code} in the SCB boundaries`);
  return { id: code, name: f.properties.name, geometry3006: f.geometry };
}
