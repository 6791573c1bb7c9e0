/**
 * Reads an area file before it is uploaded and says, in terms a coordinator can act on, what the
 * server would refuse: not JSON, not GeoJSON, a CRS it cannot read, a feature without a polygon.
 * The server checks everything again (geometry validity, inside the municipality) and its
 * per-feature errors are shown the same way (see `featureOfField`).
 */

/** What POST /api/areas accepts (server bodyLimit 20 MB; keep room for the wrapping JSON). */
export const MAX_FILE_BYTES = 19 * 1024 * 1024;
export const MAX_FEATURES = 5000;
/** Problems listed one by one; the rest are counted. */
export const MAX_LISTED = 50;

export type ProblemCode =
  | 'empty' | 'tooLarge' | 'notJson' | 'notJsonAt' | 'notGeoJson' | 'wrongType' | 'unsupportedCrs' | 'noFeatures' | 'tooManyFeatures'
  | 'looksProjected' | 'featureNotFeature' | 'featureNoGeometry' | 'featureWrongGeometry' | 'featureBadCoordinates';

export interface Problem {
  code: ProblemCode;
  /** 0-based index of the feature in the file, when the problem is in one feature. */
  feature?: number;
  params?: Record<string, string | number>;
}

export interface GeoJsonCheck {
  problems: Problem[];
  /** Problems beyond MAX_LISTED, not listed. */
  moreProblems: number;
  /** The parsed object, when it is GeoJSON at all. */
  geojson?: { type: string } & Record<string, unknown>;
  featureCount: number;
  /** Property names found in the features, for choosing the name and code columns. */
  propertyKeys: string[];
  /** EPSG code the file declares (4326 when it declares none). */
  crs?: number;
}

const POLYGONS = new Set(['Polygon', 'MultiPolygon']);
const SUPPORTED_CRS = new Set([4326, 3006, 3007]);

/** The EPSG code of a pre-RFC 7946 `crs` member (as QGIS writes it), 4326 when absent, null when unreadable. */
export function declaredCrs(obj: Record<string, unknown>): number | null {
  const name = (obj.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (obj.crs === undefined) return 4326;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  return m ? Number(m[1]) : null;
}

function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Every position of a Polygon or MultiPolygon, or null when the nesting is wrong. */
function positions(type: string, coords: unknown): number[][] | null {
  const depth = type === 'Polygon' ? 3 : 4;
  const out: number[][] = [];
  const walk = (c: unknown, d: number): boolean => {
    if (!Array.isArray(c)) return false;
    if (d === 1) { if (!isPosition(c)) return false; out.push(c); return true; }
    return c.every((x) => walk(x, d - 1));
  };
  return walk(coords, depth) && out.length > 0 ? out : null;
}

/** Checks the text of a GeoJSON file; `bytes` is the file's size. */
export function checkGeoJsonText(text: string, bytes = text.length): GeoJsonCheck {
  const result: GeoJsonCheck = { problems: [], moreProblems: 0, featureCount: 0, propertyKeys: [] };
  const add = (p: Problem) => {
    if (result.problems.length < MAX_LISTED) result.problems.push(p);
    else result.moreProblems++;
  };
  if (bytes > MAX_FILE_BYTES) { add({ code: 'tooLarge', params: { maxMb: Math.floor(MAX_FILE_BYTES / 1024 / 1024) } }); return result; }
  if (!text.trim()) { add({ code: 'empty' }); return result; }
  let obj: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    obj = JSON.parse(json);
  } catch (e) {
    // The parser's words are English and differ between browsers; the line is what the user needs.
    const at = /position (\d+)/.exec((e as Error).message);
    add(at ? { code: 'notJsonAt', params: { line: json.slice(0, Number(at[1])).split('\n').length } } : { code: 'notJson' });
    return result;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || typeof (obj as { type?: unknown }).type !== 'string') {
    add({ code: 'notGeoJson' });
    return result;
  }
  const gj = obj as { type: string } & Record<string, unknown>;
  result.geojson = gj;
  const crs = declaredCrs(gj);
  if (crs === null || !SUPPORTED_CRS.has(crs)) add({ code: 'unsupportedCrs', params: { crs: crs === null ? String((gj.crs as any)?.properties?.name ?? '?') : `EPSG:${crs}` } });
  else result.crs = crs;

  let features: Array<{ value: unknown; index?: number }>;
  if (gj.type === 'FeatureCollection') {
    if (!Array.isArray(gj.features) || gj.features.length === 0) { add({ code: 'noFeatures' }); return result; }
    features = (gj.features as unknown[]).map((value, index) => ({ value, index }));
  } else if (gj.type === 'Feature') features = [{ value: gj }];
  else if (POLYGONS.has(gj.type)) features = [{ value: { type: 'Feature', geometry: gj, properties: {} } }];
  else { add({ code: 'wrongType', params: { type: gj.type } }); return result; }
  result.featureCount = features.length;
  if (features.length > MAX_FEATURES) { add({ code: 'tooManyFeatures', params: { count: features.length, max: MAX_FEATURES } }); return result; }

  const keys = new Set<string>();
  let projectedLooking = false;
  for (const { value, index } of features) {
    const f = value as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown } | null;
    if (!f || typeof f !== 'object' || f.type !== 'Feature') { add({ code: 'featureNotFeature', feature: index }); continue; }
    if (f.properties && typeof f.properties === 'object') for (const k of Object.keys(f.properties)) keys.add(k);
    const g = f.geometry;
    if (!g || typeof g !== 'object') { add({ code: 'featureNoGeometry', feature: index }); continue; }
    if (typeof g.type !== 'string' || !POLYGONS.has(g.type)) { add({ code: 'featureWrongGeometry', feature: index, params: { type: String(g.type) } }); continue; }
    const pos = positions(g.type, g.coordinates);
    if (!pos) { add({ code: 'featureBadCoordinates', feature: index }); continue; }
    if (crs === 4326 && pos.some(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90)) projectedLooking = true;
  }
  // Metres in a file that declares no CRS: most likely a SWEREF 99 export without its crs member.
  if (projectedLooking) add({ code: 'looksProjected' });
  result.propertyKeys = [...keys].sort((a, b) => a.localeCompare(b, 'sv'));
  return result;
}

/** Reads a File (from <input type=file>) and checks it. */
export async function checkGeoJsonFile(file: Blob): Promise<GeoJsonCheck> {
  if (file.size > MAX_FILE_BYTES) return checkGeoJsonText('', file.size);
  return checkGeoJsonText(await file.text(), file.size);
}

/**
 * Which feature a server field path names: "geojson.features[3].geometry" → { feature: 3, rest: "geometry" };
 * "geojson.crs" → { rest: "crs" }; anything else → null.
 */
export function featureOfField(field: string): { feature?: number; rest: string } | null {
  const m = /^geojson(?:\.features\[(\d+)\])?(?:\.(.+))?$/.exec(field);
  if (!m) return null;
  return { feature: m[1] === undefined ? undefined : Number(m[1]), rest: m[2] ?? '' };
}
