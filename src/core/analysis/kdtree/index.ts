/**
 * A static 2-D k-d tree over flat typed arrays, in the layout of mourner's kdbush: ids and
 * interleaved coordinates are reordered in place so that every range [left, right] is split at its
 * median m = (left + right) >> 1 along x, then y, alternately, down to leaves of `nodeSize` points.
 * No node objects: the tree is two typed arrays that could be handed to a worker.
 *
 * The one spatial index of the analysis engine: clark-evans (nearest neighbour of every point),
 * dbscan (all points within eps) and the distance-band weights of Gi* and Moran (neighbours) use it,
 * because it stays O(log n) per query on strongly clustered data, where a uniform grid of buckets
 * degrades.
 */
import { checkPoints, type Points2D } from '../convex-hull/index.ts';

export class KDTree {
  /** Point ids (indices into the input) in tree order. */
  readonly ids: Uint32Array;
  /** Coordinates in tree order, interleaved x0, y0, x1, y1, … */
  readonly coords: Float64Array;
  /** Leaf size. */
  readonly nodeSize: number;
  /** Number of points. */
  readonly size: number;

  /**
   * @param {Points2D} points the points (not changed; may be empty)
   * @param {number} [nodeSize=16] points per leaf
   * @example
   * const tree = new KDTree({ x: [0, 10, 20], y: [0, 0, 5] });
   * tree.within(0, 0, 12, (id, d2) => console.log(id, Math.sqrt(d2))); // 0 0, 1 10
   */
  constructor(points: Points2D, nodeSize = 16) {
    const n = checkPoints(points, 'KDTree', 0);
    if (!Number.isInteger(nodeSize) || nodeSize < 1) throw new RangeError(`KDTree: nodeSize must be an integer ≥ 1, got ${nodeSize}`);
    this.size = n;
    this.nodeSize = nodeSize;
    this.ids = new Uint32Array(n);
    this.coords = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      this.ids[i] = i;
      this.coords[2 * i] = points.x[i];
      this.coords[2 * i + 1] = points.y[i];
    }
    sortKD(this.ids, this.coords, nodeSize, 0, n - 1, 0);
  }

  /**
   * Call fn(id, d²) for every point within distance r of (qx, qy), boundary included (d ≤ r,
   * compared as dx² + dy² ≤ r²). The order of visits is the tree's, not the input order.
   */
  within(qx: number, qy: number, r: number, fn: (id: number, d2: number) => void): void {
    const { ids, coords, nodeSize } = this;
    if (ids.length === 0) return;
    const r2 = r * r;
    const stack = [0, ids.length - 1, 0];
    while (stack.length) {
      const axis = stack.pop()!;
      const right = stack.pop()!;
      const left = stack.pop()!;
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) {
          const dx = coords[2 * i] - qx;
          const dy = coords[2 * i + 1] - qy;
          const d2 = dx * dx + dy * dy;
          if (d2 <= r2) fn(ids[i], d2);
        }
        continue;
      }
      const m = (left + right) >> 1;
      const mx = coords[2 * m];
      const my = coords[2 * m + 1];
      const dx = mx - qx;
      const dy = my - qy;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) fn(ids[m], d2);
      const split = axis === 0 ? qx - mx : qy - my;
      if (split <= r) stack.push(left, m - 1, 1 - axis);
      if (split >= -r) stack.push(m + 1, right, 1 - axis);
    }
  }

  /**
   * Squared distance from (qx, qy) to the nearest point whose id is not `exclude` (Infinity if none).
   * A known upper bound (`bound`, e.g. the distance to some other point) speeds up the search.
   */
  nearestSquared(qx: number, qy: number, exclude: number, bound = Infinity): number {
    const { ids, coords, nodeSize } = this;
    let best = bound;
    const stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    stack[top++] = ids.length - 1;
    stack[top++] = 0;
    while (top > 0) {
      const axis = stack[--top];
      const right = stack[--top];
      const left = stack[--top];
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) {
          const dx = coords[2 * i] - qx;
          const dy = coords[2 * i + 1] - qy;
          const d = dx * dx + dy * dy;
          if (d < best && ids[i] !== exclude) best = d;
        }
        continue;
      }
      const m = (left + right) >> 1;
      const mx = coords[2 * m];
      const my = coords[2 * m + 1];
      const dx = mx - qx;
      const dy = my - qy;
      const d = dx * dx + dy * dy;
      if (d < best && ids[m] !== exclude) best = d;
      const split = axis === 0 ? qx - mx : qy - my;
      // Push the far side first (only if it can hold something closer), so the near side is searched first.
      const far2 = split * split;
      if (split <= 0) {
        if (far2 < best) { stack[top++] = m + 1; stack[top++] = right; stack[top++] = 1 - axis; }
        stack[top++] = left; stack[top++] = m - 1; stack[top++] = 1 - axis;
      } else {
        if (far2 < best) { stack[top++] = left; stack[top++] = m - 1; stack[top++] = 1 - axis; }
        stack[top++] = m + 1; stack[top++] = right; stack[top++] = 1 - axis;
      }
    }
    return best;
  }

  /** Work stack for nearestSquared: 3 entries per level, depth ≤ 2·log2(n) + 2. */
  private readonly stack = new Int32Array(3 * 2 * 64);

  /** Call fn(left, right) for every leaf range of the tree, in order. */
  forEachLeaf(fn: (left: number, right: number) => void): void {
    const walk = (left: number, right: number): void => {
      if (right - left <= this.nodeSize) { if (right >= left) fn(left, right); return; }
      const m = (left + right) >> 1;
      walk(left, m - 1);
      fn(m, m);
      walk(m + 1, right);
    };
    walk(0, this.ids.length - 1);
  }
}

function sortKD(ids: Uint32Array, coords: Float64Array, nodeSize: number, left: number, right: number, axis: number): void {
  if (right - left <= nodeSize) return;
  const m = (left + right) >> 1;
  select(ids, coords, m, left, right, axis);
  sortKD(ids, coords, nodeSize, left, m - 1, 1 - axis);
  sortKD(ids, coords, nodeSize, m + 1, right, 1 - axis);
}

/**
 * Floyd–Rivest selection (R. W. Floyd, R. L. Rivest, "Algorithm 489: SELECT", CACM 18, 1975):
 * reorders [left, right] so that position k holds the k-th smallest value along `axis`, smaller
 * values before it and larger after.
 */
function select(ids: Uint32Array, coords: Float64Array, k: number, left: number, right: number, axis: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(ids, coords, k, newLeft, newRight, axis);
    }
    const t = coords[2 * k + axis];
    let i = left;
    let j = right;
    swap(ids, coords, left, k);
    if (coords[2 * right + axis] > t) swap(ids, coords, left, right);
    while (i < j) {
      swap(ids, coords, i, j);
      i++;
      j--;
      while (coords[2 * i + axis] < t) i++;
      while (coords[2 * j + axis] > t) j--;
    }
    if (coords[2 * left + axis] === t) swap(ids, coords, left, j);
    else {
      j++;
      swap(ids, coords, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(ids: Uint32Array, coords: Float64Array, i: number, j: number): void {
  const t = ids[i]; ids[i] = ids[j]; ids[j] = t;
  const x = coords[2 * i]; coords[2 * i] = coords[2 * j]; coords[2 * j] = x;
  const y = coords[2 * i + 1]; coords[2 * i + 1] = coords[2 * j + 1]; coords[2 * j + 1] = y;
}
