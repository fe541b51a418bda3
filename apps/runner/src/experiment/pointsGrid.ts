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
  const axes = box.map((r, i) => linspace(r[0], r[1], counts[i]!));
  let points: number[][] = [[]];
  for (const axis of axes) {
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
