import { utcToLocal } from '../time/index.ts';

/**
 * A columnar, in-memory copy of the incidents (kdbush style: flat typed arrays, one index per
 * incident), sorted by the start of the occurred window. It holds what the lägesbild aggregates
 * need and nothing else — no free text — so a million incidents take about 70 MB and a full
 * aggregate is a scan over typed arrays, not a database query.
 */
export interface IncidentRow {
  id: string;
  municipalityId: string;
  categoryId: string;
  organisationId: string;
  reporterId: string | null;
  placeKey: string | null;
  occurredFrom: number;
  occurredTo: number;
  x: number;
  y: number;
  reviewStatus: 'new' | 'reviewed' | 'rejected' | 'duplicate';
  visibility: 'normal' | 'restricted';
}

export const STATUSES = ['new', 'reviewed', 'rejected', 'duplicate'] as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Side of a spatial bucket (metres) and the most buckets a table keeps. */
const BUCKET = 1000;
const MAX_BUCKETS = 1 << 18;

/** Interns strings as small integers (categories, organisations, places …). */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
  find(value: string): number | undefined {
    return this.index.get(value);
  }
}

export interface Dictionaries {
  municipality: Dictionary;
  category: Dictionary;
  organisation: Dictionary;
  user: Dictionary;
  place: Dictionary;
  incident: Dictionary;
}

export const createDictionaries = (): Dictionaries => ({
  municipality: new Dictionary(), category: new Dictionary(), organisation: new Dictionary(),
  user: new Dictionary(), place: new Dictionary(), incident: new Dictionary(),
});

export class IncidentTable {
  readonly length: number;
  /** Index into dict.incident (the uuid). */
  readonly id: Uint32Array;
  readonly municipality: Uint16Array;
  readonly category: Uint32Array;
  readonly organisation: Uint32Array;
  /** Index into dict.user + 1; 0 = no reporter. */
  readonly reporter: Uint32Array;
  /** Index into dict.place + 1; 0 = no place. */
  readonly place: Uint32Array;
  /** Epoch ms, sorted ascending. */
  readonly from: Float64Array;
  readonly to: Float64Array;
  /** EPSG:3006 metres. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly status: Uint8Array;
  /** 1 = restricted. */
  readonly restricted: Uint8Array;
  /** Swedish local time of `from`: day number (days since 1970-01-01 local), weekday 0 = Monday, hour. */
  readonly localDay: Int32Array;
  readonly weekday: Uint8Array;
  readonly hour: Uint8Array;
  /** Rows whose newer version lives in the delta (set by {@link hide}), skipped by every scan. */
  readonly deleted: Uint8Array;
  /** The rows hidden so far, in the order they were hidden. */
  readonly hiddenRows: number[] = [];
  /** The longest occurred window in the table: bounds how far before `from` a scan must start. */
  readonly maxWindow: number;
  /** Extent of the positions (EPSG:3006); empty table: Infinity/−Infinity. */
  readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number;
  /**
   * A spatial partition for views that show part of the map: the rows of each square bucket of
   * BUCKET metres, listed in time order (bucketRows[bucketStart[b] .. bucketStart[b+1]]), so a
   * bounding box visits only its buckets and, in each, only the period.
   */
  readonly bucketCol0: number; readonly bucketRow0: number; readonly bucketCols: number; readonly bucketRowsN: number;
  readonly bucketStart: Uint32Array;
  readonly bucketRows: Uint32Array;

  constructor(rows: readonly IncidentRow[], readonly dict: Dictionaries) {
    const order = rows.map((_, i) => i).sort((a, b) => rows[a].occurredFrom - rows[b].occurredFrom);
    const n = (this.length = rows.length);
    this.id = new Uint32Array(n); this.municipality = new Uint16Array(n); this.category = new Uint32Array(n);
    this.organisation = new Uint32Array(n); this.reporter = new Uint32Array(n); this.place = new Uint32Array(n);
    this.from = new Float64Array(n); this.to = new Float64Array(n); this.x = new Float64Array(n); this.y = new Float64Array(n);
    this.status = new Uint8Array(n); this.restricted = new Uint8Array(n); this.localDay = new Int32Array(n);
    this.weekday = new Uint8Array(n); this.hour = new Uint8Array(n); this.deleted = new Uint8Array(n);
    let maxWindow = 0, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let k = 0; k < n; k++) {
      const r = rows[order[k]];
      this.id[k] = dict.incident.id(r.id);
      this.municipality[k] = dict.municipality.id(r.municipalityId);
      this.category[k] = dict.category.id(r.categoryId);
      this.organisation[k] = dict.organisation.id(r.organisationId);
      this.reporter[k] = r.reporterId ? dict.user.id(r.reporterId) + 1 : 0;
      this.place[k] = r.placeKey ? dict.place.id(r.placeKey) + 1 : 0;
      this.from[k] = r.occurredFrom;
      this.to[k] = r.occurredTo;
      this.x[k] = r.x;
      this.y[k] = r.y;
      this.status[k] = STATUSES.indexOf(r.reviewStatus);
      this.restricted[k] = r.visibility === 'restricted' ? 1 : 0;
      const local = utcToLocal(r.occurredFrom);
      const day = Math.floor(local / DAY);
      this.localDay[k] = day;
      this.weekday[k] = (day + 3) % 7; // 1970-01-01 was a Thursday
      this.hour[k] = Math.floor((local - day * DAY) / HOUR);
      maxWindow = Math.max(maxWindow, r.occurredTo - r.occurredFrom);
      if (r.x < minX) minX = r.x;
      if (r.x > maxX) maxX = r.x;
      if (r.y < minY) minY = r.y;
      if (r.y > maxY) maxY = r.y;
    }
    this.maxWindow = maxWindow;
    this.minX = minX; this.minY = minY; this.maxX = maxX; this.maxY = maxY;
    // Buckets over the extent (capped in number; a national table gets larger buckets).
    let size = BUCKET;
    const span = (lo: number, hi: number) => (n ? Math.floor(hi / size) - Math.floor(lo / size) + 1 : 1);
    while (span(minX, maxX) * span(minY, maxY) > MAX_BUCKETS) size *= 2;
    this.bucketSize = size;
    this.bucketCol0 = n ? Math.floor(minX / size) : 0;
    this.bucketRow0 = n ? Math.floor(minY / size) : 0;
    this.bucketCols = span(minX, maxX);
    this.bucketRowsN = span(minY, maxY);
    const nb = this.bucketCols * this.bucketRowsN;
    const start = new Uint32Array(nb + 1);
    const bucketOf = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const b = (Math.floor(this.y[k] / size) - this.bucketRow0) * this.bucketCols + (Math.floor(this.x[k] / size) - this.bucketCol0);
      bucketOf[k] = b;
      start[b + 1]++;
    }
    for (let b = 0; b < nb; b++) start[b + 1] += start[b];
    const fill = start.slice(0, nb);
    const list = new Uint32Array(n);
    for (let k = 0; k < n; k++) list[fill[bucketOf[k]]++] = k; // k ascends, so each bucket is in time order
    this.bucketStart = start;
    this.bucketRows = list;
  }

  /** Hides row i: a newer version of it lives elsewhere (the index's delta). */
  hide(i: number): void {
    if (this.deleted[i]) return;
    this.deleted[i] = 1;
    this.hiddenRows.push(i);
  }

  /** Side of a bucket in metres. */
  readonly bucketSize: number;

  /** First row whose `from` is ≥ t (binary search on the sorted column). */
  lowerBound(t: number): number {
    let lo = 0, hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.from[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Row range that can overlap [from, to): from − the longest window up to `to`. */
  range(from: number, to: number): [number, number] {
    return [this.lowerBound(from - this.maxWindow), this.lowerBound(to)];
  }
}
