import { createDictionaries, IncidentTable, prepareCells, type Dictionaries, type IncidentRow, type IndexFilter } from '../core/incident-index/index.ts';
import type { Database } from '../db/engine.ts';
import { allIndexedIncidents, incidentsChangedSince, latestIncidentChange } from '../db/repositories/incident-index.ts';
import { withinGeometry } from '../core/incident-index/within.ts';

/**
 * Keeps the in-memory incident index in step with the database. Every request first asks the
 * database for the newest change time (an index lookup); when something changed, only the rows
 * changed since are read, kept in a small delta table, and their old versions hidden in the main
 * table. Several app processes each keep their own copy in step the same way: the database stays
 * the only source of truth.
 */
export class IncidentIndexStore {
  readonly dictionaries: Dictionaries = createDictionaries();
  private main: IncidentTable | null = null;
  private delta: IncidentTable | null = null;
  private deltaRows = new Map<string, IncidentRow>();
  /** Row of each incident code in the main table (−1 when not there). */
  private position = new Int32Array(0);
  private lastChange = 0;
  private rowCount = 0;
  private pending: Promise<void> | null = null;
  private areaCache = new Map<string, { key: string; within: NonNullable<IndexFilter['within']> }>();

  constructor(private readonly db: Database, private readonly opts: { mergeAt?: number; log?: (m: string) => void } = {}) {}

  /** The current tables (main and recent changes), brought up to date first. */
  async tables(): Promise<IncidentTable[]> {
    this.pending ??= this.refresh().finally(() => { this.pending = null; });
    await this.pending;
    return this.delta ? [this.main!, this.delta] : [this.main!];
  }

  /** Whether every incident has been read once: until then each map request waits for that read. */
  get loaded(): boolean {
    return this.main !== null;
  }

  /**
   * Starts the first full read unless it is done or under way (then it joins that one), so that a
   * read that failed at start-up is tried again. Failures are left to the caller to report.
   */
  load(): Promise<void> {
    return this.main ? Promise.resolve() : this.tables().then(() => undefined);
  }

  /** A cached spatial test for an area, rebuilt when its geometry changes. */
  areaWithin(id: string, geojson3006: string): NonNullable<IndexFilter['within']> {
    const hit = this.areaCache.get(id);
    if (hit && hit.key === geojson3006) return hit.within;
    const within = withinGeometry(JSON.parse(geojson3006));
    this.areaCache.set(id, { key: geojson3006, within });
    return within;
  }

  private async refresh(): Promise<void> {
    if (!this.main) return this.reload();
    if (await latestIncidentChange(this.db) <= this.lastChange) return;
    // Transactions commit after they stamp updated_at; look a little further back than the last
    // change seen so a slow commit is not missed (re-reading a row twice is harmless).
    for (const row of await incidentsChangedSince(this.db, this.lastChange - 5000)) {
      const code = this.dictionaries.incident.find(row.id);
      if (code !== undefined && code < this.position.length && this.position[code] >= 0) this.main.hide(this.position[code]);
      if (!this.deltaRows.has(row.id) && (code === undefined || code >= this.position.length || this.position[code] < 0)) this.rowCount++;
      this.deltaRows.set(row.id, row);
      this.lastChange = Math.max(this.lastChange, row.changed);
    }
    if (this.deltaRows.size > (this.opts.mergeAt ?? 20_000)) return this.reload();
    this.delta = new IncidentTable([...this.deltaRows.values()], this.dictionaries);
  }

  /** Reads every incident into a new main table. */
  private async reload(): Promise<void> {
    const t0 = Date.now();
    const rows = await allIndexedIncidents(this.db);
    let last = 0;
    for (const row of rows) last = Math.max(last, row.changed);
    this.main = new IncidentTable(rows, this.dictionaries);
    // The map's grid counts, aggregated ahead for the main table (the delta is small enough to scan).
    prepareCells(this.main);
    this.position = new Int32Array(this.dictionaries.incident.values.length).fill(-1);
    for (let k = 0; k < this.main.length; k++) this.position[this.main.id[k]] = k;
    this.delta = null;
    this.deltaRows.clear();
    this.lastChange = last;
    this.rowCount = this.main.length;
    this.opts.log?.(`incident index: ${this.main.length} incidents in ${Date.now() - t0} ms`);
  }
}
