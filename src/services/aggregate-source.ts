import type { Actor } from '../core/access/roles.ts';
import { aggregate, type IndexActor, type IndexFilter } from '../core/incident-index/index.ts';
import { reachOf } from '../core/access/policy.ts';
import { NOTHING, both, withinBbox } from '../core/incident-index/within.ts';
import type { Database } from '../db/engine.ts';
import * as sql from '../db/repositories/aggregates.ts';
import type { GridCell, PointRow } from '../core/incidents/aggregates.ts';
import { listCategories } from '../db/repositories/categories.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import type { IncidentIndexStore } from './incident-index.ts';
import { municipalitiesOf } from './scope.ts';

export type Windows3 = { current: [Date, Date]; previous: [Date, Date]; lastYear: [Date, Date] };

/**
 * Where the lägesbild aggregates come from for one request: the in-memory incident index when it
 * can answer the filter (everything but free-text search), the database otherwise. Both give the
 * same numbers; the index answers in milliseconds at a million incidents.
 */
export interface AggregateSource {
  readonly kind: 'index' | 'sql';
  count(cap?: number): Promise<number>;
  gridCells(cellSize: number): Promise<GridCell[]>;
  /** The newest `limit` incidents; with `stopAt`, possibly fewer, as soon as that many are found. */
  points(limit: number, stopAt?: number): Promise<PointRow[]>;
  countsByKey(key: 'category' | 'organisation', w: Windows3): Promise<Array<{ key: string | null; current: number; previous: number; lastYear: number }>>;
  weekly(): Promise<Array<{ weekStart: string; count: number }>>;
  hourWeekday(): Promise<number[][]>;
  topPlaces(previous: [Date, Date]): Promise<Array<{ name: string; count: number; previous: number }>>;
  areaCounts(kind: string, w: { current: [Date, Date]; previous: [Date, Date] }): Promise<Array<{ id: string; name: string; geometry: string; current: number; previous: number }>>;
  /** The side panel's figures at once (by category and organisation in three windows, weeks, hours, places). */
  summary(w: Windows3): Promise<aggregate.Summary>;
}

export function sqlSource(db: Database, actor: Actor, f: IncidentFilter): AggregateSource {
  return {
    kind: 'sql',
    count: (cap) => sql.countWhere(db, actor, f, cap),
    gridCells: (size) => sql.gridCells(db, actor, f, size),
    points: (limit, stopAt) => sql.incidentPoints(db, actor, f, Math.min(limit, stopAt ?? limit)),
    countsByKey: (key, w) => sql.countsByKey(db, actor, f, key === 'category' ? 'i.category_id' : 'i.organisation_id', w),
    weekly: () => sql.weeklyCounts(db, actor, f),
    hourWeekday: () => sql.hourWeekdayCounts(db, actor, f),
    topPlaces: (prev) => sql.topPlaces(db, actor, f, prev),
    // The areas of the municipalities asked for only: the others' would stand on the map at zero.
    areaCounts: (kind, w) => sql.areaCounts(db, actor, f, kind, w, municipalitiesOf(actor, f.municipalities)),
    async summary(w) {
      const cf = { ...f, from: w.current[0], to: w.current[1] };
      const [byCategory, byOrganisation, weekly, hourWeekday, topPlaces] = await Promise.all([
        sql.countsByKey(db, actor, cf, 'i.category_id', w), sql.countsByKey(db, actor, cf, 'i.organisation_id', w),
        sql.weeklyCounts(db, actor, cf), sql.hourWeekdayCounts(db, actor, cf), sql.topPlaces(db, actor, cf, w.previous),
      ]);
      const keyed = (rows: typeof byCategory) => rows.filter((r) => r.current + r.previous + r.lastYear > 0).map((r) => ({ ...r, key: r.key ?? '' }));
      return { byCategory: keyed(byCategory), byOrganisation: keyed(byOrganisation), weekly, hourWeekday, topPlaces };
    },
  };
}

const FAR_PAST = Date.UTC(1900, 0, 1);
const FAR_FUTURE = Date.UTC(2200, 0, 1);

export async function indexSource(db: Database, store: IncidentIndexStore, actor: Actor, f: IncidentFilter): Promise<AggregateSource> {
  const tables = await store.tables();
  const dict = store.dictionaries;
  const codes = (values: string[] | undefined, d: { find(v: string): number | undefined }) =>
    values ? new Set(values.map((v) => d.find(v)).filter((v): v is number => v !== undefined)) : undefined;
  const ia: IndexActor = {
    municipalities: codes(actor.municipalities, dict.municipality)!,
    organisation: dict.organisation.find(actor.organisationId) ?? -1,
    reach: reachOf(actor, 'incident.read'),
  };
  let categories: string[] | undefined;
  if (f.categories?.length) {
    // A category stands for its code in every municipality and includes its subcategories, as in the SQL filter.
    const all = await listCategories(db, actor.municipalities);
    const codesWanted = new Set(all.filter((c) => f.categories!.includes(c.id)).map((c) => c.code));
    const wanted = new Set([...f.categories, ...all.filter((c) => codesWanted.has(c.code)).map((c) => c.id)]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const c of all) if (c.parentId && wanted.has(c.parentId) && !wanted.has(c.id)) { wanted.add(c.id); grew = true; }
    }
    categories = [...wanted];
  }
  let area: IndexFilter['within'];
  if (f.areaId) {
    const geometry = await sql.areaGeometry3006(db, f.areaId, actor.municipalities);
    // Prepared once per area and geometry (the store's cache), not on every request.
    area = geometry ? store.areaWithin(f.areaId, geometry) : NOTHING;
  }
  const box = f.bbox ? withinBbox(f.bbox) : undefined;
  const within = both(area, box);
  const base: IndexFilter = {
    from: f.from?.getTime() ?? FAR_PAST,
    to: f.to?.getTime() ?? FAR_FUTURE,
    municipalities: codes(f.municipalities, dict.municipality),
    categories: codes(categories, dict.category),
    organisations: codes(f.organisations, dict.organisation),
    statuses: f.reviewStatus ? new Set(f.reviewStatus.map((s) => ['new', 'reviewed', 'rejected', 'duplicate'].indexOf(s))) : undefined,
    restricted: f.visibility ? (f.visibility === 'restricted' ? 1 : 0) : undefined,
    reporter: f.reporterId ? (dict.user.find(f.reporterId) ?? -2) + 1 : undefined,
    within,
  };
  const ms = ([a, b]: [Date, Date]) => [a.getTime(), b.getTime()] as [number, number];
  return {
    kind: 'index',
    count: async (cap) => aggregate.count(tables, ia, base, cap),
    gridCells: async (size) => aggregate.gridCells(tables, ia, base, size),
    points: async (limit, stopAt) => aggregate.points(tables, ia, base, limit, stopAt),
    countsByKey: async (key, w) => aggregate.countsByKey(tables, ia, base, key, { current: ms(w.current), previous: ms(w.previous), lastYear: ms(w.lastYear) }),
    weekly: async () => aggregate.weekly(tables, ia, base),
    hourWeekday: async () => aggregate.hourWeekday(tables, ia, base),
    topPlaces: async (prev) => aggregate.topPlaces(tables, ia, base, ms(prev)),
    summary: async (w) => aggregate.summary(tables, ia, base, { current: ms(w.current), previous: ms(w.previous), lastYear: ms(w.lastYear) }),
    async areaCounts(kind, w) {
      const areas = await sql.areasOfKind(db, municipalitiesOf(actor, f.municipalities), kind);
      // Each area replaces the area filter; a bbox still applies.
      const counts = aggregate.areaCounts(tables, ia, base, areas.map((a) => ({ id: a.id, within: both(store.areaWithin(a.id, a.geometry3006), box)! })), { current: ms(w.current), previous: ms(w.previous) });
      return areas.map((a, k) => ({ id: a.id, name: a.name, geometry: a.geometry, current: counts[k].current, previous: counts[k].previous }));
    },
  };
}
