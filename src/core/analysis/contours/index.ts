/**
 * Filled contours (isobands "value ≥ level") of a raster by marching squares, as GeoJSON MultiPolygon
 * coordinates in the raster's coordinate system — for drawing density surfaces on the map.
 *
 * - Grid: the raster's cell centres are the sample points; values are interpolated linearly along
 *   the edges between neighbouring centres. The raster is padded with a ring of "below every level"
 *   cells so every ring closes; where a region reaches the raster's border, the ring runs along the
 *   raster's outer edge (half a cell beyond the outermost centres) with its corners cut diagonally.
 * - Saddles (two opposite corners above the level, two below) are decided by the mean of the four
 *   corners: if it is ≥ level the two high corners are joined, else they are separate.
 * - Rings are closed (last position = first). Exterior rings run counter-clockwise and holes
 *   clockwise (GeoJSON's right-hand rule, RFC 7946 §3.1.6); each hole belongs to the smallest
 *   exterior ring that contains it. NaN cells count as below every level (no data). Regions of zero
 *   area (a level exactly at an isolated maximum) give no ring.
 */
import type { Raster } from '../kde/index.ts';

export type { Raster } from '../kde/index.ts';

/** A closed ring of [x, y] positions. */
export type Ring = [number, number][];

/** One level's contour: polygons, each [exterior, ...holes], as GeoJSON MultiPolygon coordinates. */
export interface ContourLevel {
  level: number;
  polygons: Ring[][];
}

/** Signed area of a closed ring (shoelace): > 0 counter-clockwise. */
export function ringArea(ring: Ring): number {
  let s = 0;
  const [x0, y0] = ring[0];
  for (let i = 1; i + 1 < ring.length; i++) {
    s += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return s / 2;
}

function inside(ring: Ring, x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function checkRaster(r: Raster): void {
  if (r === null || typeof r !== 'object') throw new TypeError('contours: raster { originX, originY, cellSize, cols, rows, values } is required');
  for (const k of ['originX', 'originY'] as const) {
    if (!Number.isFinite(r[k])) throw new RangeError(`contours: raster.${k} must be a finite number, got ${r[k]}`);
  }
  if (!Number.isFinite(r.cellSize) || !(r.cellSize > 0)) throw new RangeError(`contours: raster.cellSize must be a finite number > 0, got ${r.cellSize}`);
  for (const k of ['cols', 'rows'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 1) throw new RangeError(`contours: raster.${k} must be an integer ≥ 1, got ${r[k]}`);
  }
  if (!r.values || r.values.length !== r.cols * r.rows) {
    throw new RangeError(`contours: raster.values has ${r.values?.length} values, expected cols × rows = ${r.cols * r.rows}`);
  }
}

/**
 * Contour polygons of a raster at the given levels.
 *
 * @param {Raster} raster row-major values, row 0 = south (as kde returns)
 * @param {number[]} levels thresholds; each gives the region where value ≥ level
 * @returns {ContourLevel[]} one entry per level, in the given order; empty polygons above the maximum
 * @example
 * const r = kde(points, { cellSize: 25 });
 * contours(r, [1e-6, 2e-6]); // [{ level: 1e-6, polygons: [[[[x, y], …, [x, y]]], …] }, …]
 */
export function contours(raster: Raster, levels: readonly number[]): ContourLevel[] {
  checkRaster(raster);
  if (!Array.isArray(levels)) throw new TypeError('contours: levels must be an array of numbers');
  levels.forEach((l, i) => {
    if (typeof l !== 'number' || !Number.isFinite(l)) throw new RangeError(`contours: levels[${i}] must be a finite number, got ${l}`);
  });
  return levels.map((level) => ({ level, polygons: contourLevel(raster, level) }));
}

function contourLevel(raster: Raster, level: number): Ring[][] {
  const { cols, rows, values, originX, originY, cellSize } = raster;
  const W = cols + 2; // padded vertex grid: (rows + 2) × (cols + 2), vertex (i, j) = cell (i − 1, j − 1)
  const H = rows + 2;
  const value = (i: number, j: number): number =>
    i === 0 || j === 0 || i === H - 1 || j === W - 1 ? -Infinity : values[(i - 1) * cols + (j - 1)];
  const high = (v: number) => v >= level; // NaN and the padding are never high
  // Edge ids: horizontal edge (i, j)–(i, j+1) = 2(iW + j); vertical edge (i, j)–(i+1, j) = 2(iW + j) + 1.
  const next = new Int32Array(2 * W * H).fill(-1);
  const hEdge = (i: number, j: number) => 2 * (i * W + j);
  const vEdge = (i: number, j: number) => 2 * (i * W + j) + 1;
  for (let i = 0; i < H - 1; i++) {
    for (let j = 0; j < W - 1; j++) {
      const bl = value(i, j), br = value(i, j + 1), tr = value(i + 1, j + 1), tl = value(i + 1, j);
      const hb = high(bl), hbr = high(br), htr = high(tr), htl = high(tl);
      const bits = (hb ? 1 : 0) | (hbr ? 2 : 0) | (htr ? 4 : 0) | (htl ? 8 : 0);
      if (bits === 0 || bits === 15) continue;
      // Edges counter-clockwise: bottom (bl→br), right (br→tr), top (tr→tl), left (tl→bl).
      const edge = [hEdge(i, j), vEdge(i, j + 1), hEdge(i + 1, j), vEdge(i, j)];
      if (bits === 5 || bits === 10) {
        const centreHigh = high((bl + br + tr + tl) / 4);
        if (bits === 5) { // bl and tr high
          if (centreHigh) { next[edge[0]] = edge[1]; next[edge[2]] = edge[3]; }
          else { next[edge[0]] = edge[3]; next[edge[2]] = edge[1]; }
        } else { // br and tl high
          if (centreHigh) { next[edge[1]] = edge[2]; next[edge[3]] = edge[0]; }
          else { next[edge[1]] = edge[0]; next[edge[3]] = edge[2]; }
        }
        continue;
      }
      // One run of high corners: leave through the edge where high turns low (counter-clockwise),
      // enter through the edge where low turns high. High stays on the left of the segment.
      const h = [hb, hbr, htr, htl];
      let out = -1, into = -1;
      for (let k = 0; k < 4; k++) {
        if (h[k] && !h[(k + 1) % 4]) out = edge[k];
        if (!h[k] && h[(k + 1) % 4]) into = edge[k];
      }
      next[out] = into;
    }
  }
  // Position of the crossing on an edge.
  const point = (id: number): [number, number] => {
    const vertical = id & 1;
    const base = id >> 1;
    const i = Math.floor(base / W), j = base % W;
    const i2 = vertical ? i + 1 : i, j2 = vertical ? j : j + 1;
    const a = value(i, j), b = value(i2, j2);
    let t = Number.isFinite(a) && Number.isFinite(b) ? (level - a) / (b - a) : 0.5;
    if (!(t >= 0)) t = 0; else if (t > 1) t = 1;
    const x = originX + (j - 0.5 + t * (j2 - j)) * cellSize;
    const y = originY + (i - 0.5 + t * (i2 - i)) * cellSize;
    return [x, y];
  };
  const exteriors: { ring: Ring; area: number; holes: Ring[] }[] = [];
  const holes: Ring[] = [];
  for (let start = 0; start < next.length; start++) {
    if (next[start] === -1) continue;
    const ring: Ring = [];
    let e = start;
    while (next[e] !== -1) {
      ring.push(point(e));
      const n = next[e];
      next[e] = -1;
      e = n;
    }
    ring.push([ring[0][0], ring[0][1]]);
    const area = ringArea(ring);
    if (area > 0) exteriors.push({ ring, area, holes: [] });
    else if (area < 0) holes.push(ring);
  }
  for (const hole of holes) {
    const [hx, hy] = hole[0];
    let best: (typeof exteriors)[number] | null = null;
    for (const ex of exteriors) {
      if ((best === null || ex.area < best.area) && inside(ex.ring, hx, hy)) best = ex;
    }
    if (best) best.holes.push(hole);
  }
  return exteriors.map((ex) => [ex.ring, ...ex.holes]);
}
