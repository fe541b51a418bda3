import { rangeError } from '@numcomp/core';
import { checkBox, checkCount, MAX_POINTS } from './_checks.js';
import { linspace } from './linspace.js';

/**
 * The points of a regular grid in a box, first coordinate outermost (as the notebook's anchors loop:
 * `for a in xs: for b in ys: (a, b)`), each point a plain array: one value of an `x0` axis.
 *
 * @param box - `[[lo, hi], ...]`, one range per coordinate.
 * @param n - Points per coordinate: one count for all, or one per coordinate (integers ≥ 1).
 * @returns `Π nᵢ` points.
 * @throws RangeError / TypeError for a bad box or count.
 * @example
 * ```ts
 * pointsGrid([[-4, 4], [-4, 4]], 3); // [[-4, -4], [-4, 0], [-4, 4], [0, -4], …, [4, 4]]
 * ```
 */
export function pointsGrid(
  box: readonly (readonly [number, number])[],
  n: number | readonly number[],
): number[][] {
  let points: number[][] = [[]];
  for (const axis of gridAxes(box, n)) {
    const next: number[][] = [];
    for (const p of points) {
      for (const v of axis) {
        // Exactly as long as the point: a spread's array has room to grow (~200 bytes a 2-D point,
        // ~70 like this; a 1,000 × 1,000 grid is 10⁶ of them).
        const q = new Array<number>(p.length + 1);
        for (let i = 0; i < p.length; i++) q[i] = p[i]!;
        q[p.length] = v;
        next.push(q);
      }
    }
    points = next;
  }
  return points;
}

/**
 * `pointsGrid(box, n)` as numbers: point r's coordinates at `data[r·dim … r·dim + dim − 1]`, the same
 * values in the same order (−0 stored as 0, as its JSON text reads back). For the planner: a grid of
 * 10⁶ starts as 10⁶ arrays took ~0.2 s to make and most of a second of the planner's garbage collection.
 *
 * @returns The points, and whether they are known to be distinct (every coordinate's values are).
 * @throws As `pointsGrid`.
 */
export function pointsGridData(
  box: readonly (readonly [number, number])[],
  n: number | readonly number[],
): { readonly dim: number; readonly rows: number; readonly data: Float64Array; readonly distinct: boolean } {
  const axes = gridAxes(box, n);
  const dim = axes.length;
  const rows = axes.reduce((a, axis) => a * axis.length, 1);
  const data = new Float64Array(rows * dim);
  // Coordinate i repeats each value `inner` times (the coordinates after it vary faster), `rows / (inner · nᵢ)` times over.
  let inner = rows;
  for (let i = 0; i < dim; i++) {
    const axis = axes[i]!;
    inner /= axis.length;
    for (let r = 0, a = 0, left = inner; r < rows; r++) {
      const v = axis[a]!;
      data[r * dim + i] = v === 0 ? 0 : v;
      if (--left === 0) {
        left = inner;
        a = a + 1 === axis.length ? 0 : a + 1;
      }
    }
  }
  // A Set tells values apart as their texts do (SameValueZero: −0 and 0 are one).
  const distinct = axes.every((axis) => new Set(axis).size === axis.length);
  return { dim, rows, data, distinct };
}

/** The grid's coordinate values, checked: one `linspace` per coordinate. */
function gridAxes(box: readonly (readonly [number, number])[], n: number | readonly number[]): number[][] {
  checkBox('box', box);
  const counts = typeof n === 'number' ? box.map(() => n) : [...n];
  if (counts.length !== box.length) throw rangeError('n', n, `expected ${box.length} counts`);
  counts.forEach((c, i) => {
    checkCount(`n[${i}]`, c);
  });
  const total = counts.reduce((a, b) => a * b, 1);
  if (total > MAX_POINTS)
    throw rangeError(
      'n',
      n,
      `${counts.join(' × ')} = ${total} points; at most ${MAX_POINTS} points in one axis`,
    );
  return box.map((r, i) => linspace(r[0], r[1], counts[i]!));
}
