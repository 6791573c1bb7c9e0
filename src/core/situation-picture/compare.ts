import type { SituationPictureContent, StatusLevel, StatusLevelEntry } from './content.ts';

/**
 * Two editions side by side (`other` against `base`, change = other − base): totals, categories,
 * areas, which significant hot cells are new, persist or are gone, and the status levels. Pure.
 */
export function compareContents(base: SituationPictureContent, baseLevels: StatusLevelEntry[], other: SituationPictureContent, otherLevels: StatusLevelEntry[]) {
  const rows = <T extends { id: string; count: number }>(a: T[], b: T[], name: (r: T) => string) => {
    const byId = new Map<string, { id: string; name: string; base: number; other: number; change: number }>();
    for (const r of a) byId.set(r.id, { id: r.id, name: name(r), base: r.count, other: 0, change: 0 });
    for (const r of b) {
      const x = byId.get(r.id) ?? { id: r.id, name: name(r), base: 0, other: 0, change: 0 };
      x.other = r.count;
      byId.set(r.id, x);
    }
    return [...byId.values()].map((x) => ({ ...x, change: x.other - x.base })).sort((p, q) => Math.abs(q.change) - Math.abs(p.change) || q.other - p.other);
  };
  const hot = (c: SituationPictureContent) => new Set(c.hotspots.cells.filter((h) => h.bin > 0).map((h) => h.cellId));
  const hb = hot(base), ho = hot(other);
  const levels = new Map<string, { kind: 'area' | 'place'; id: string; name: string; base: StatusLevel | null; other: StatusLevel | null }>();
  for (const l of baseLevels) levels.set(`${l.kind}:${l.id}`, { kind: l.kind, id: l.id, name: l.name, base: l.level, other: null });
  for (const l of otherLevels) {
    const x = levels.get(`${l.kind}:${l.id}`) ?? { kind: l.kind, id: l.id, name: l.name, base: null, other: null };
    x.other = l.level;
    levels.set(`${l.kind}:${l.id}`, x);
  }
  return {
    totals: { base: base.totals.count, other: other.totals.count, change: other.totals.count - base.totals.count },
    byCategory: rows(base.byCategory, other.byCategory, (r) => r.nameSv).map(({ name, ...r }) => ({ ...r, nameSv: name })),
    byArea: rows(base.byArea, other.byArea, (r) => r.name),
    hotspots: {
      new: [...ho].filter((c) => !hb.has(c)).sort(),
      persisting: [...ho].filter((c) => hb.has(c)).sort(),
      gone: [...hb].filter((c) => !ho.has(c)).sort(),
    },
    statusLevels: [...levels.values()],
  };
}
