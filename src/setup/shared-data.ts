import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageRoot } from './resources.ts';

/**
 * Where the shared reference data lives (tätort points, Polisen events, analysis references):
 * `../shared/data` beside the clone, or LAGESBILD_SHARED_DATA. Only the demo's synthetic data and the
 * tests read it; what the product needs at run time ships under resources/ (./boundaries.ts).
 */
export function sharedDataDir(): string {
  const dir = process.env.LAGESBILD_SHARED_DATA ?? resolve(packageRoot(), '../shared/data');
  if (!existsSync(dir)) throw new Error(`shared data not found at ${dir} (set LAGESBILD_SHARED_DATA)`);
  return dir;
}

export function readSharedJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(resolve(sharedDataDir(), relative), 'utf8')) as T;
}
