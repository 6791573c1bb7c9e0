import type { HotspotCell, HotspotZone } from './content.ts';

/**
 * Groups the significant hot cells of an edition into zones of cells that touch (edge or corner).
 * Gi* on a fine grid over a whole municipality flags the quiet cells around a busy one as well
 * (their neighbourhood is busy), so one hotspot is often a patch of dozens of cells; the lägesbild
 * talks about the patch. Cold cells are left out: in EST data they are rare and not acted on.
 *
 * @param cells the edition's significant cells (bin ≠ 0)
 * @param toLonLat SWEREF 99 TM → WGS84, for the zone centre
 * @returns zones, most incidents first (then highest z)
 */
export function hotspotZones(cells: HotspotCell[], toLonLat: (x: number, y: number) => [number, number]): HotspotZone[] {
  const hot = cells.filter((c) => c.bin > 0);
  const at = new Map(hot.map((c, i) => [`${c.col}:${c.row}`, i]));
  const zoneOf = new Int32Array(hot.length).fill(-1);
  const zones: HotspotZone[] = [];
  for (let start = 0; start < hot.length; start++) {
    if (zoneOf[start] >= 0) continue;
    const members: HotspotCell[] = [];
    const stack = [start];
    zoneOf[start] = zones.length;
    while (stack.length) {
      const c = hot[stack.pop()!];
      members.push(c);
      for (let dc = -1; dc <= 1; dc++) {
        for (let dr = -1; dr <= 1; dr++) {
          const j = at.get(`${c.col + dc}:${c.row + dr}`);
          if (j !== undefined && zoneOf[j] < 0) { zoneOf[j] = zones.length; stack.push(j); }
        }
      }
    }
    const peak = members.reduce((a, b) => (b.count > a.count || (b.count === a.count && b.z > a.z) ? b : a));
    const count = members.reduce((s, c) => s + c.count, 0);
    const x = count ? members.reduce((s, c) => s + c.x * c.count, 0) / count : peak.x;
    const y = count ? members.reduce((s, c) => s + c.y * c.count, 0) / count : peak.y;
    const [lon, lat] = toLonLat(x, y);
    const byCount = members.filter((c) => c.placeName).sort((a, b) => b.count - a.count || b.z - a.z);
    const named = peak.placeName ? peak : byCount[0];
    const placeNames = [...new Set([...(peak.placeName ? [peak.placeName] : []), ...byCount.map((c) => c.placeName!)])].slice(0, 5);
    zones.push({
      id: peak.cellId,
      cellIds: members.map((c) => c.cellId).sort(),
      count,
      peakCellId: peak.cellId,
      maxZ: Math.max(...members.map((c) => c.z)),
      bin: Math.max(...members.map((c) => c.bin)),
      emerging: peak.emerging,
      placeName: named?.placeName ?? null,
      placeNames,
      x: Math.round(x), y: Math.round(y), lon, lat,
    });
  }
  return zones.sort((a, b) => b.count - a.count || b.maxZ - a.maxZ || a.id.localeCompare(b.id));
}
