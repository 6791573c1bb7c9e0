/**
 * GeoJSON points as a table: one row per feature (numbered by its place in the file, from 1), the
 * properties' keys as columns in the order first seen, then two columns for the point. The point's
 * columns are named as detection reads them — Longitud/Latitud for WGS 84 (RFC 7946, or a file
 * without a `crs` member), E/N when a legacy `crs` member names SWEREF 99 TM or a local zone, which
 * the table then carries as given. A feature without geometry has empty coordinates (its row's
 * error); a line or a polygon is the file's error, naming the feature.
 */
import { isImportCrs } from '../../core/import/crs.ts';
import type { Cell, ImportCrs, SourceTable } from '../../core/import/types.ts';
import { ImportFileError } from './errors.ts';
import { jsonErrorAt } from './json-error.ts';
import { decodeText } from './text.ts';

/** EPSG:3006, urn:ogc:def:crs:EPSG::3006, …/CRS84 → the system; null for a name not understood. */
export function crsFromName(name: string): ImportCrs | null {
  if (/crs84$/i.test(name.trim())) return 4326;
  const m = /epsg(?::|::|\/(?:\d+\/)?)(\d+)$/i.exec(name.trim());
  if (!m) return null;
  const code = Number(m[1]);
  return isImportCrs(code) ? code : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function property(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

const coordinate = (v: unknown): Cell => (typeof v === 'number' ? v : v === undefined || v === null ? null : JSON.stringify(v));

export function readGeoJson(bytes: Uint8Array): SourceTable {
  const { text } = decodeText(bytes);
  if (text.trim() === '') throw new ImportFileError('file_empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const at = jsonErrorAt(text) ?? { line: 1, column: 1, char: null };
    throw at.char === null
      ? new ImportFileError('file_json_end', { line: at.line, position: at.column })
      : new ImportFileError('file_json', { line: at.line, position: at.column, char: at.char });
  }
  if (!isObject(doc)) throw new ImportFileError('file_geojson_type', { type: Array.isArray(doc) ? 'array' : typeof doc });
  let features: unknown[];
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) features = doc.features;
  else if (doc.type === 'Feature') features = [doc];
  else throw new ImportFileError('file_geojson_type', { type: typeof doc.type === 'string' ? doc.type : 'object' });
  if (!features.length) throw new ImportFileError('file_geojson_empty');

  let crs: ImportCrs | undefined;
  const crsMember = doc.crs;
  if (isObject(crsMember) && isObject(crsMember.properties) && typeof crsMember.properties.name === 'string') {
    const name = crsMember.properties.name;
    const found = crsFromName(name);
    if (found === null) throw new ImportFileError('file_geojson_crs', { named: name });
    crs = found;
  }

  const keys = new Map<string, number>();
  const points: Array<[Cell, Cell]> = [];
  const props: Array<Record<string, unknown>> = [];
  let ids = false;
  features.forEach((f, i) => {
    const feature = i + 1;
    if (!isObject(f) || f.type !== 'Feature') throw new ImportFileError('file_geojson_feature', { feature });
    const g = f.geometry;
    let xy: [Cell, Cell] = [null, null];
    if (g !== null && g !== undefined) {
      if (!isObject(g)) throw new ImportFileError('file_geojson_feature', { feature });
      const c = g.coordinates;
      if (g.type === 'Point' && Array.isArray(c)) xy = [coordinate(c[0]), coordinate(c[1])];
      else if (g.type === 'MultiPoint' && Array.isArray(c) && c.length === 1 && Array.isArray(c[0])) xy = [coordinate(c[0][0]), coordinate(c[0][1])];
      else throw new ImportFileError('file_geojson_geometry', { feature, type: String(g.type) });
    }
    points.push(xy);
    const p = isObject(f.properties) ? f.properties : {};
    props.push(p);
    for (const k of Object.keys(p)) if (!keys.has(k)) keys.set(k, keys.size);
    if (f.id !== undefined && f.id !== null) ids = true;
  });

  const headers = [...keys.keys()];
  // A feature's own id is the file's id for it, unless a property already is.
  const idColumn = ids && !headers.some((h) => h.trim().toLowerCase() === 'id') ? 'id' : null;
  if (idColumn) headers.unshift(idColumn);
  const unique = (name: string) => { let n = name; for (let k = 2; headers.includes(n); k++) n = `${name} (${k})`; return n; };
  const [xName, yName] = crs === undefined || crs === 4326 ? ['Longitud', 'Latitud'] : ['E', 'N'];
  const x = unique(xName); headers.push(x);
  const y = unique(yName); headers.push(y);
  const rows: Cell[][] = features.map((f, i) => {
    const p = props[i];
    const row: Cell[] = [];
    if (idColumn) row.push(property((f as Record<string, unknown>).id));
    for (const k of keys.keys()) row.push(property(p[k]));
    row.push(points[i][0], points[i][1]);
    return row;
  });
  return {
    format: 'geojson', headers, rows, rowNumbers: rows.map((_, i) => i + 1),
    coordinateColumns: { x, y }, ...(crs !== undefined ? { crs } : {}),
  };
}
