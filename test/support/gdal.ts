/**
 * GDAL in tests: what a GIS unit's QGIS would make of a GeoPackage. `ogrinfo` (Debian's gdal-bin)
 * reads the layers, their feature counts and systems; GDAL's validator (validate_gpkg.py in
 * python3-gdal) checks the file against the standard, geometries included when the Python that runs
 * it has GDAL's bindings. The server never needs GDAL: only the tests do.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Gdal {
  ogrinfo: string;
  /** A Python that imports osgeo (Debian's python3-gdal is for /usr/bin/python3, not for another Python first on PATH). */
  python: string;
  validator: string;
}

const VALIDATOR = process.env.LB_VALIDATE_GPKG ?? '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';
const PYTHONS = [process.env.LB_GDAL_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);

const runs = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;

/**
 * The tools, or why they are missing. In CI a missing tool throws: the GeoPackage tests are the
 * proof that GDAL opens the file, and must never be skipped there.
 */
export function gdalTools(): Gdal | { skip: string } {
  const missing: string[] = [];
  if (!runs('ogrinfo', ['--version'])) missing.push('ogrinfo (apt-get install gdal-bin)');
  const python = PYTHONS.find((p) => runs(p, ['-c', 'from osgeo import ogr']));
  if (!python) missing.push('a Python with GDAL\'s bindings (apt-get install python3-gdal, or set LB_GDAL_PYTHON)');
  if (!existsSync(VALIDATOR)) missing.push(`${VALIDATOR} (apt-get install python3-gdal, or set LB_VALIDATE_GPKG)`);
  if (!missing.length) return { ogrinfo: 'ogrinfo', python: python!, validator: VALIDATOR };
  const msg = `GDAL not available: ${missing.join('; ')}`;
  if (process.env.CI === 'true') throw new Error(`${msg} — in CI the GeoPackage tests must run`);
  return { skip: `${msg}; GeoPackage checks skipped on this machine` };
}

export interface OgrLayer {
  name: string;
  geometry: string;
  count: number;
  /** The EPSG code of the layer's system as GDAL reads it (the WKT's last ID), or null. */
  epsg: number | null;
  fields: string[];
}

/** `ogrinfo -so -al`: every layer's geometry type, feature count, system and fields. */
export function ogrLayers(g: Gdal, file: string): OgrLayer[] {
  const out = execFileSync(g.ogrinfo, ['-so', '-al', file], { encoding: 'utf8' });
  return out.split(/^Layer name: /m).slice(1).map((block) => {
    const name = block.split('\n')[0].trim();
    const count = Number(/^Feature Count: (\d+)/m.exec(block)?.[1] ?? NaN);
    const geometry = /^Geometry: (.+)$/m.exec(block)?.[1].trim() ?? 'None';
    const srs = /Layer SRS WKT:\n([\s\S]*?)\n(?:Data axis|FID Column|Geometry Column)/.exec(block)?.[1] ?? '';
    const ids = [...srs.matchAll(/ID\["EPSG",(\d+)\]/g)];
    const epsg = ids.length ? Number(ids[ids.length - 1][1]) : null;
    const fields = [...block.matchAll(/^(\w+): \w+/gm)].map((m) => m[1]).filter((f) => !['Geometry', 'Extent', 'Metadata', 'FID', 'INFO'].includes(f));
    return { name, geometry, count, epsg, fields };
  });
}

/** A layer's features as GeoJSON (ogr2ogr to standard output), attributes and all. */
export function ogrFeatures(file: string, layer: string): Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }> {
  const out = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file, layer], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  return JSON.parse(out).features;
}

/** GDAL's validator with its extra checks, warnings as errors: exit status and what it said. */
export function validateGpkg(g: Gdal, file: string): { status: number | null; output: string } {
  const r = spawnSync(g.python, [g.validator, '--extra', '--warning-as-error', file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
