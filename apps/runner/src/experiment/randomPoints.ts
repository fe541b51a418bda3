import { mulberry32 } from '@numcomp/core';
import { checkBox, checkCount, checkSeed, MAX_POINTS } from './_checks.js';

/**
 * `n` points drawn uniformly in a box by the seeded mulberry32 generator: the same seed gives the same
 * points on every machine, so a sweep over them is reproducible and resumable.
 *
 * @param box - `[[lo, hi], ...]`, one range per coordinate.
 * @param n - How many points, an integer ≥ 1.
 * @param seed - A 32-bit integer seed (default 0).
 * @returns The points, each a plain array.
 * @throws RangeError / TypeError for a bad box, count or seed.
 * @example
 * ```ts
 * randomPoints([[-4, 4], [-4, 4]], 100, 42).length; // 100
 * ```
 */
export function randomPoints(box: readonly (readonly [number, number])[], n: number, seed = 0): number[][] {
  checkBox('box', box);
  checkCount('n', n, 1, MAX_POINTS);
  checkSeed('seed', seed);
  const rand = mulberry32(seed);
  const out: number[][] = [];
  for (let k = 0; k < n; k++) out.push(box.map(([lo, hi]) => lo + (hi - lo) * rand()));
  return out;
}

/**
 * `randomPoints(box, n, seed)` as numbers: point k's coordinates at `data[k·dim … k·dim + dim − 1]`,
 * the same values (−0 stored as 0, as its JSON text reads back). For the planner (see `pointsGridData`).
 *
 * @throws As `randomPoints`.
 */
export function randomPointsData(
  box: readonly (readonly [number, number])[],
  n: number,
  seed = 0,
): { readonly dim: number; readonly rows: number; readonly data: Float64Array } {
  checkBox('box', box);
  checkCount('n', n, 1, MAX_POINTS);
  checkSeed('seed', seed);
  const rand = mulberry32(seed);
  const dim = box.length;
  const data = new Float64Array(n * dim);
  for (let k = 0, j = 0; k < n; k++) {
    for (let i = 0; i < dim; i++, j++) {
      const v = box[i]![0] + (box[i]![1] - box[i]![0]) * rand();
      data[j] = v === 0 ? 0 : v;
    }
  }
  return { dim, rows: n, data };
}
