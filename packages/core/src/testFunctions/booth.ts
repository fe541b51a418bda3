import type { Matrix } from '../_matrix.js';
import { checkBatch, hess2 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(x: number, y: number): number {
  const u = x + 2 * y - 7;
  const v = 2 * x + y - 5;
  return u * u + v * v;
}

/** ∇f at one point, written to `out[i]` and `out[j]`. */
function gradient(x: number, y: number, out: Float64Array, i: number, j: number): void {
  const u = x + 2 * y - 7;
  const v = 2 * x + y - 5;
  out[i] = 2 * u + 4 * v;
  out[j] = 4 * u + 2 * v;
}

/**
 * Booth's function `f(x, y) = (x + 2y − 7)² + (2x + y − 5)²`, a convex quadratic with Hessian
 * `[[10, 8], [8, 10]]` (condition number 9). Global minimum `0` at `(1, 3)`; domain `[-10, 10]²`.
 *
 * @returns A fresh {@link TestFunction} named `'booth'` with `dim = 2`.
 * @example
 * ```ts
 * booth().f(Float64Array.of(1, 3)); // 0
 * ```
 */
export function booth(): TestFunction {
  return {
    name: 'booth',
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
    hess: (_p: Float64Array, out?: Matrix): Matrix => hess2(out, 10, 8, 8, 10),
    minima: [{ x: [1, 3], f: 0 }],
    domain: [
      [-10, 10],
      [-10, 10],
    ],
  };
}
