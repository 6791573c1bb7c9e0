import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;
let version: string | null = null;

/**
 * The installed product's own folder: the nearest folder above this module whose package.json is
 * Lägesbild's. Found by walking up rather than by a fixed `../..`, so the shipped data is found the
 * same from the TypeScript sources, from a compiled build in another folder depth, and whatever the
 * working directory is.
 */
export function packageRoot(): string {
  if (root) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'lagesbild') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`the Lägesbild package (its package.json) was not found above ${start}`);
  }
}

/** The product's version, from its package.json. */
export function packageVersion(): string {
  return (version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}

/** A file shipped under `resources/`, e.g. `resourcePath('scb', 'se_kommuner_scb2024_sweref99tm.geojson')`. */
export function resourcePath(...parts: string[]): string {
  return join(packageRoot(), 'resources', ...parts);
}
