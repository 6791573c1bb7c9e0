import type { Reach } from '../access/policy.ts';
import type { IncidentTable } from './table.ts';

/**
 * Who is looking, in the table's integer codes: the municipalities and the reach that the access
 * policy (core/access/policy.ts, action 'incident.read') gives the actor. The row test below is that
 * policy's `reachAdmits` on the table's columns.
 */
export interface IndexActor {
  municipalities: ReadonlySet<number>;
  /** The actor's organisation code, or -1 when it has no incidents yet. */
  organisation: number;
  reach: Reach;
}

/** Whether the actor's reach admits a row of the given organisation and restriction (0 or 1). */
export function reachTest(actor: IndexActor): (organisation: number, restricted: number) => boolean {
  const own = actor.organisation;
  switch (actor.reach) {
    case 'all': return () => true;
    case 'shared': return (org, restricted) => org === own || restricted === 0;
    case 'own': return (org) => org === own;
    case 'none': return () => false;
  }
}

/** A filter in table codes. Sets absent = no condition. */
export interface IndexFilter {
  from: number;
  to: number;
  municipalities?: ReadonlySet<number>;
  categories?: ReadonlySet<number>;
  organisations?: ReadonlySet<number>;
  statuses?: ReadonlySet<number>;
  restricted?: 0 | 1;
  /** Reporter code + 1 (as in the table). */
  reporter?: number;
  /** Spatial condition in EPSG:3006 with a quick bounding box. */
  within?: {
    minX: number; minY: number; maxX: number; maxY: number;
    contains: (x: number, y: number) => boolean;
    /** A rectangle wholly inside the shape: points in it are accepted without the exact test. */
    inner?: { minX: number; minY: number; maxX: number; maxY: number };
    /** Whether a rectangle lies wholly inside the shape (then none of its points needs a test). */
    covers?: (r: { minX: number; minY: number; maxX: number; maxY: number }) => boolean;
    /**
     * Whether an edge of the shape passes within d of (x, y): when none does, a position known
     * only to within d is decided by `contains` without the exact coordinates.
     */
    nearEdge?: (x: number, y: number, d: number) => boolean;
  };
}

/**
 * The rows of the table that the actor may see and that match the filter, in a typed array (at
 * most `cap`; with order 'newest', a capped selection holds the newest rows) that is only valid until the next `select` on the same table. The work is limited to the rows whose window can overlap [from, to) — a binary
 * search on the sorted start times — and, for part of the map, to the spatial buckets it touches.
 */
export function select(t: IncidentTable, actor: IndexActor, f: IndexFilter, cap = Infinity, order: 'any' | 'newest' = 'any'): Uint32Array {
  const matches = rowTest(t, actor, f);
  // One buffer per table, reused by every selection: the result is valid until the next select on
  // the same table (every aggregate consumes it synchronously), and no request allocates megabytes.
  const out = scratch.get(t) ?? new Uint32Array(t.length);
  scratch.set(t, out);
  let n = 0;
  const push = (i: number) => {
    out[n++] = i;
    return n >= cap;
  };
  const within = f.within;
  if (within && t.length) {
    // Part of the map: visit only the buckets the box touches, each from the start of the period.
    const s = t.bucketSize;
    const c0 = Math.max(t.bucketCol0, Math.floor(Math.max(within.minX, t.minX) / s)) - t.bucketCol0;
    const c1 = Math.min(t.bucketCol0 + t.bucketCols - 1, Math.floor(Math.min(within.maxX, t.maxX) / s)) - t.bucketCol0;
    const r0 = Math.max(t.bucketRow0, Math.floor(Math.max(within.minY, t.minY) / s)) - t.bucketRow0;
    const r1 = Math.min(t.bucketRow0 + t.bucketRowsN - 1, Math.floor(Math.min(within.maxY, t.maxY) / s)) - t.bucketRow0;
    if (c0 > c1 || r0 > r1) return out.subarray(0, 0);
    // The buckets are read out of time order (scattered memory): worth it only when the box holds
    // a small share of the rows; a box over the dense town centre is faster scanned in order.
    let inBox = 0;
    for (let r = r0; r <= r1; r++) inBox += t.bucketStart[r * t.bucketCols + c1 + 1] - t.bucketStart[r * t.bucketCols + c0];
    if (inBox * 6 < t.length) {
      // Bucket by bucket is not newest first: the caller sorts, so no row may be left out.
      if (order === 'newest') cap = Infinity;
      const earliest = f.from - t.maxWindow;
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const b = r * t.bucketCols + c;
          let lo = t.bucketStart[b], hi = t.bucketStart[b + 1];
          const end = hi;
          while (lo < hi) { // first row of the bucket whose window can reach the period
            const mid = (lo + hi) >>> 1;
            if (t.from[t.bucketRows[mid]] < earliest) lo = mid + 1; else hi = mid;
          }
          for (let k = lo; k < end; k++) {
            const i = t.bucketRows[k];
            if (t.from[i] >= f.to) break;
            if (matches(i) && push(i)) return out.subarray(0, n);
          }
        }
      }
      return out.subarray(0, n);
    }
  }
  const [start, end] = t.range(f.from, f.to);
  if (order === 'newest') {
    for (let i = end - 1; i >= start; i--) if (matches(i) && push(i)) break;
  } else {
    for (let i = start; i < end; i++) if (matches(i) && push(i)) break;
  }
  return out.subarray(0, n);
}

const scratch = new WeakMap<IncidentTable, Uint32Array>();

/** Calls `visit(row)` for each row {@link select} picks; a visitor returning true stops the scan. */
export function scan(t: IncidentTable, actor: IndexActor, f: IndexFilter, visit: (row: number) => void | boolean): void {
  // A copy: a visitor may itself select on this table.
  const rows = select(t, actor, f).slice();
  for (let k = 0; k < rows.length; k++) if (visit(rows[k]) === true) return;
}

interface Masks { municipality: Uint8Array; category: Uint8Array | null; organisation: Uint8Array | null; status: Uint8Array | null }

/** The filter's sets as lookup tables by code (a typed-array read per row instead of a Set lookup). */
function masksOf(t: IncidentTable, actor: IndexActor, f: IndexFilter): Masks {
  const mask = (size: number, set: ReadonlySet<number>, and?: ReadonlySet<number>) => {
    const m = new Uint8Array(size + 1);
    for (const v of set) if (v >= 0 && v < size && (!and || and.has(v))) m[v] = 1;
    return m;
  };
  const d = t.dict;
  return {
    municipality: mask(d.municipality.values.length, actor.municipalities, f.municipalities),
    category: f.categories ? mask(d.category.values.length, f.categories) : null,
    organisation: f.organisations ? mask(d.organisation.values.length, f.organisations) : null,
    status: f.statuses ? mask(4, f.statuses) : null,
  };
}

/**
 * The per-row test (period overlap, access, then each filter) with the filter's fields read once:
 * reading them from `f` per row made the property loads polymorphic across the callers' filter
 * objects (spread copies of one another), and that cost more than the test itself. With
 * `keepDeleted`, rows hidden by a newer version pass too (the pre-aggregated cells count them and
 * take them off afterwards).
 */
export function rowTest(t: IncidentTable, actor: IndexActor, f: IndexFilter, keepDeleted = false): (i: number) => boolean {
  const m = masksOf(t, actor, f);
  const muni = m.municipality, cat = m.category, org = m.organisation, st = m.status;
  const from = f.from, to = f.to, restricted = f.restricted ?? -1, reporter = f.reporter ?? -1;
  const all = actor.reach === 'all', admits = reachTest(actor);
  const del = t.deleted, tFrom = t.from, tTo = t.to, tMuni = t.municipality, tOrg = t.organisation, tCat = t.category;
  const tStatus = t.status, tRestricted = t.restricted, tReporter = t.reporter, tx = t.x, ty = t.y;
  const inside = f.within ? withinTest(f.within) : null;
  return (i) => {
    if ((del[i] && !keepDeleted) || tTo[i] < from || tFrom[i] >= to) return false;
    if (muni[tMuni[i]] !== 1) return false;
    if (!all && !admits(tOrg[i], tRestricted[i])) return false;
    if (cat !== null && cat[tCat[i]] !== 1) return false;
    if (org !== null && org[tOrg[i]] !== 1) return false;
    if (st !== null && st[tStatus[i]] !== 1) return false;
    if (restricted >= 0 && tRestricted[i] !== restricted) return false;
    if (reporter >= 0 && tReporter[i] !== reporter) return false;
    if (inside !== null && !inside(tx[i], ty[i])) return false;
    return true;
  };
}

/** The spatial condition as one test: the quick box, the inner rectangle, then the exact shape. */
export function withinTest(w: NonNullable<IndexFilter['within']>): (x: number, y: number) => boolean {
  const { minX, minY, maxX, maxY, contains, inner } = w;
  const iMinX = inner ? inner.minX : Infinity, iMinY = inner ? inner.minY : Infinity, iMaxX = inner ? inner.maxX : -Infinity, iMaxY = inner ? inner.maxY : -Infinity;
  return (x, y) => {
    if (x < minX || x > maxX || y < minY || y > maxY) return false;
    return (x >= iMinX && x <= iMaxX && y >= iMinY && y <= iMaxY) || contains(x, y);
  };
}
