import type { Matrix } from '../_matrix.js';
import { checkBatch, hess2 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(x: number, y: number): number {
  const u = x * x + y - 11;
  const v = x + y * y - 7;
  return u * u + v * v;
}

/** ∇f at one point, written to `out[i]` and `out[j]`. */
function gradient(x: number, y: number, out: Float64Array, i: number, j: number): void {
  const u = x * x + y - 11;
  const v = x + y * y - 7;
  out[i] = 4 * x * u + 2 * v;
  out[j] = 2 * u + 4 * y * v;
}

/**
 * Himmelblau's function `f(x, y) = (x² + y − 11)² + (x + y² − 7)²`, with four global minima of
 * value 0: `(3, 2)` and three irrational ones, listed as the float64 values nearest to the roots
 * of the gradient (Newton's method at 40 digits): `(−2.805118086952745, 3.131312518250573)`,
 * `(−3.779310253377747, −3.2831859912861696)`, `(3.5844283403304917, −1.8481265269644036)`.
 * Domain `[-5, 5]²`.
 *
 * @returns A fresh {@link TestFunction} named `'himmelblau'` with `dim = 2`.
 * @example
 * ```ts
 * himmelblau().minima.length; // 4
 * ```
 */
export function himmelblau(): TestFunction {
  return {
    name: 'himmelblau',
    dim: 2,
    f: (p: Float64Array): number => value(p[0]!, p[1]!),
    grad: (p: Float64Array, out: Float64Array = new Float64Array(2)): Float64Array => {
      gradient(p[0]!, p[1]!, out, 0, 1);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(2, points, count, out, 1);
      for (let i = 0; i < count; i++) out[i] = value(points[i]!, points[count + i]!);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(2, points, count, out, 2);
      for (let i = 0; i < count; i++) gradient(points[i]!, points[count + i]!, out, i, count + i);
      return out;
    },
    hess: (p: Float64Array, out?: Matrix): Matrix => {
      const x = p[0]!;
      const y = p[1]!;
      const hxy = 4 * (x + y);
      return hess2(out, 12 * x * x + 4 * y - 42, hxy, hxy, 4 * x + 12 * y * y - 26);
    },
    minima: [
      { x: [3, 2], f: 0 },
      { x: [-2.805118086952745, 3.131312518250573], f: 0 },
      { x: [-3.779310253377747, -3.2831859912861696], f: 0 },
      { x: [3.5844283403304917, -1.8481265269644036], f: 0 },
    ],
    domain: [
      [-5, 5],
      [-5, 5],
    ],
  };
}
