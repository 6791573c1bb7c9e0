import type { BBox } from './types.ts';

/** Whether the segment from (x1, y1) to (x2, y2) meets the closed rectangle (Liang–Barsky clipping). */
export function segmentMeetsRect(x1: number, y1: number, x2: number, y2: number, r: BBox): boolean {
  let t0 = 0, t1 = 1;
  const dx = x2 - x1, dy = y2 - y1;
  const clip = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    return true;
  };
  return clip(-dx, x1 - r.minX) && clip(dx, r.maxX - x1) && clip(-dy, y1 - r.minY) && clip(dy, r.maxY - y1);
}
