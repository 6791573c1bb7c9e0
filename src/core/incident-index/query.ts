import type { IncidentTable } from './table.ts';

/**
 * Who is looking, in the table's integer codes. Mirrors core/access/roles.ts `canSeeIncident`:
 * coordinators see everything in their municipalities; others their own organisation's reports,
 * and — as area group, viewer or admin — every report that is not restricted.
 */
export interface IndexActor {
  municipalities: ReadonlySet<number>;
  coordinator: boolean;
  /** The actor's organisation code, or -1 when it has no incidents yet. */
  organisation: number;
  readsOthers: boolean;
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
  within?: { minX: number; minY: number; maxX: number; maxY: number; contains: (x: number, y: number) => boolean };
}

/**
 * Calls `visit(row)` for each row of the table that the actor may see and that matches the
 * filter. The scan is limited to the rows whose window can overlap [from, to) by a binary search
 * on the sorted start times.
 */
export function scan(t: IncidentTable, actor: IndexActor, f: IndexFilter, visit: (row: number) => void | boolean): void {
  const [start, end] = t.range(f.from, f.to);
  const { municipalities: am, coordinator, organisation: own, readsOthers } = actor;
  const { categories, organisations, statuses, municipalities, restricted, reporter, within } = f;
  for (let i = start; i < end; i++) {
    if (t.deleted[i] || t.to[i] < f.from) continue;
    if (!am.has(t.municipality[i])) continue;
    if (!coordinator && t.organisation[i] !== own && !(readsOthers && t.restricted[i] === 0)) continue;
    if (municipalities && !municipalities.has(t.municipality[i])) continue;
    if (categories && !categories.has(t.category[i])) continue;
    if (organisations && !organisations.has(t.organisation[i])) continue;
    if (statuses && !statuses.has(t.status[i])) continue;
    if (restricted !== undefined && t.restricted[i] !== restricted) continue;
    if (reporter !== undefined && t.reporter[i] !== reporter) continue;
    if (within) {
      const x = t.x[i], y = t.y[i];
      if (x < within.minX || x > within.maxX || y < within.minY || y > within.maxY || !within.contains(x, y)) continue;
    }
    // A visitor returning true has seen enough (e.g. "are there more than 50?").
    if (visit(i) === true) return;
  }
}
