/**
 * GeoJSON input for the analyses: a FeatureCollection (or a single Feature) of Point features. The
 * coordinates become the columns `x` and `y` (in the file's order, x first), and every property becomes
 * a column of its own. Rows are numbered by feature, 1-based.
 */
import { InputError, type Cell, type Table } from './table.ts';

interface Feature {
  type?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** Parses GeoJSON text into a Table with columns x, y and the properties. */
export function parseGeoJson(text: string, opts: { source?: string } = {}): Table {
  const source = opts.source ?? 'input';
  if (text.trim() === '') throw new InputError(`${source}: the file is empty`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const d = doc as { type?: unknown; features?: unknown };
  let features: Feature[];
  if (d && d.type === 'FeatureCollection' && Array.isArray(d.features)) features = d.features as Feature[];
  else if (d && d.type === 'Feature') features = [d as Feature];
  else throw new InputError(`${source}: expected a GeoJSON FeatureCollection or Feature`);
  if (features.length === 0) throw new InputError(`${source}: the FeatureCollection has no features`);

  const columns = ['x', 'y'];
  const index = new Map<string, number>([['x', 0], ['y', 1]]);
  // Properties named x or y are kept under "properties.x" / "properties.y".
  const key = (k: string) => (k === 'x' || k === 'y' ? `properties.${k}` : k);
  for (const f of features) {
    for (const k of Object.keys(f?.properties ?? {})) {
      const name = key(k);
      if (!index.has(name)) { index.set(name, columns.length); columns.push(name); }
    }
  }
  const rows: Cell[][] = [];
  const origin: number[] = [];
  features.forEach((f, i) => {
    const n = i + 1;
    if (!f || f.type !== 'Feature') throw new InputError(`${source}, feature ${n}: not a GeoJSON Feature`);
    const g = f.geometry;
    if (!g) throw new InputError(`${source}, feature ${n}: the feature has no geometry (a Point is needed)`);
    if (g.type !== 'Point') throw new InputError(`${source}, feature ${n}: the geometry is a ${String(g.type)}, expected a Point`);
    const c = g.coordinates;
    if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' ||
        !Number.isFinite(c[0]) || !Number.isFinite(c[1])) {
      throw new InputError(`${source}, feature ${n}: the Point's coordinates are not two numbers`);
    }
    const row: Cell[] = new Array(columns.length).fill(null);
    row[0] = c[0];
    row[1] = c[1];
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      row[index.get(key(k))!] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : JSON.stringify(v);
    }
    rows.push(row);
    origin.push(n);
  });
  return { source, kind: 'geojson', named: true, columns, rows, origin };
}
