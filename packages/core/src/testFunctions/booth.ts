import type { Matrix } from '../_matrix.js';
import type { TestFunction } from './_types.js';

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
    f: (p: Float64Array): number => {
      const u = p[0]! + 2 * p[1]! - 7;
      const v = 2 * p[0]! + p[1]! - 5;
      return u * u + v * v;
    },
    grad: (p: Float64Array, out: Float64Array = new Float64Array(2)): Float64Array => {
      const u = p[0]! + 2 * p[1]! - 7;
      const v = 2 * p[0]! + p[1]! - 5;
      out[0] = 2 * u + 4 * v;
      out[1] = 4 * u + 2 * v;
      return out;
    },
    hess: (_p: Float64Array): Matrix => ({ rows: 2, cols: 2, data: Float64Array.of(10, 8, 8, 10) }),
    minima: [{ x: [1, 3], f: 0 }],
    domain: [
      [-10, 10],
      [-10, 10],
    ],
  };
}
