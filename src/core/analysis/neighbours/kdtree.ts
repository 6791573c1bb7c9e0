/**
 * A static 2-D kd-tree over flat coordinate arrays, in the manner of mourner's kdbush: the points are
 * reordered in place (in copies) so that each node is a contiguous range, split alternately on x and
 * y at the median; leaves of up to `nodeSize` points are scanned linearly. Built once, queried many
 * times; everything lives in three typed arrays.
 */
export interface KdTree {
  /** Number of points. */
  readonly n: number;
  /** Leaf size used when building. */
  readonly nodeSize: number;
  /** Original index of the point stored at each tree position. */
  readonly ids: Uint32Array;
  /** x of the point at each tree position. */
  readonly xs: Float64Array;
  /** y of the point at each tree position. */
  readonly ys: Float64Array;
}

/**
 * Build a kd-tree over points (x[i], y[i]).
 *
 * @param x x coordinates (finite numbers)
 * @param y y coordinates, same length as x
 * @param nodeSize points per leaf (default 64)
 * @returns the tree; the inputs are not changed
 * @example
 * const tree = buildKdTree([0, 10, 20], [0, 0, 5]);
 * withinRadius(tree, 0, 0, 12, (i, d2) => console.log(i, Math.sqrt(d2)));
 */
export function buildKdTree(x: ArrayLike<number>, y: ArrayLike<number>, nodeSize = 64): KdTree {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`buildKdTree: x has ${n} values but y has ${y.length}`);
  if (!(Number.isInteger(nodeSize) && nodeSize >= 1)) throw new RangeError(`buildKdTree: nodeSize must be a positive integer, got ${nodeSize}`);
  const ids = new Uint32Array(n);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) throw new RangeError(`buildKdTree: point ${i} has a non-finite coordinate (${xi}, ${yi})`);
    ids[i] = i; xs[i] = xi; ys[i] = yi;
  }
  sortKd(ids, xs, ys, nodeSize, 0, n - 1, 0);
  return { n, nodeSize, ids, xs, ys };
}

function sortKd(ids: Uint32Array, xs: Float64Array, ys: Float64Array, nodeSize: number, left: number, right: number, axis: number): void {
  if (right - left <= nodeSize) return;
  const m = (left + right) >> 1;
  select(ids, xs, ys, m, left, right, axis);
  sortKd(ids, xs, ys, nodeSize, left, m - 1, 1 - axis);
  sortKd(ids, xs, ys, nodeSize, m + 1, right, 1 - axis);
}

/** Floyd–Rivest selection: put the k-th smallest (on axis) at k, smaller to its left. */
function select(ids: Uint32Array, xs: Float64Array, ys: Float64Array, k: number, left: number, right: number, axis: number): void {
  const c = axis === 0 ? xs : ys;
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(ids, xs, ys, k, newLeft, newRight, axis);
    }
    const t = c[k];
    let i = left;
    let j = right;
    swap(ids, xs, ys, left, k);
    if (c[right] > t) swap(ids, xs, ys, left, right);
    while (i < j) {
      swap(ids, xs, ys, i, j);
      i++; j--;
      while (c[i] < t) i++;
      while (c[j] > t) j--;
    }
    if (c[left] === t) swap(ids, xs, ys, left, j);
    else { j++; swap(ids, xs, ys, j, right); }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(ids: Uint32Array, xs: Float64Array, ys: Float64Array, i: number, j: number): void {
  const t = ids[i]; ids[i] = ids[j]; ids[j] = t;
  const a = xs[i]; xs[i] = xs[j]; xs[j] = a;
  const b = ys[i]; ys[i] = ys[j]; ys[j] = b;
}

/**
 * Visit every point within distance r of (qx, qy), boundary included (d ≤ r). The order of visits is
 * the tree's, not the original index order.
 *
 * @param tree a tree from buildKdTree
 * @param qx query x
 * @param qy query y
 * @param r search radius (≥ 0)
 * @param visit called with the original point index and the squared distance
 */
export function withinRadius(tree: KdTree, qx: number, qy: number, r: number, visit: (index: number, d2: number) => void): void {
  const { ids, xs, ys, nodeSize } = tree;
  if (tree.n === 0) return;
  const r2 = r * r;
  const stack: number[] = [0, tree.n - 1, 0];
  while (stack.length) {
    const axis = stack.pop()!;
    const right = stack.pop()!;
    const left = stack.pop()!;
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const dx = xs[i] - qx, dy = ys[i] - qy;
        const d2 = dx * dx + dy * dy;
        if (d2 <= r2) visit(ids[i], d2);
      }
      continue;
    }
    const m = (left + right) >> 1;
    const mx = xs[m], my = ys[m];
    const dx = mx - qx, dy = my - qy;
    const d2 = dx * dx + dy * dy;
    if (d2 <= r2) visit(ids[m], d2);
    const c = axis === 0 ? qx - mx : qy - my;
    if (c <= r) stack.push(left, m - 1, 1 - axis);
    if (-c <= r) stack.push(m + 1, right, 1 - axis);
  }
}
