import type { Matrix } from '../_matrix.js';
import type { TestFunction } from './_types.js';

/**
 * A one-variable function with two plateaus: `f(x) = (x² − 1)³`, `f′ = 6x(x² − 1)²`,
 * `f″ = 6(x² − 1)(5x² − 1)`. Its critical points are the minimum `x = 0` (`f = −1`, `f″ = 6`) and the
 * flat inflections `x = ±1`, where `f′` and `f″` both vanish but `f′` keeps its sign: the second-derivative
 * test is inconclusive there and they are neither minima nor maxima (the book's Figure 4.2 "saddle point"
 * in one dimension). Gradient descent slows to a crawl on them. Domain `[−1.5, 1.5]`.
 *
 * @returns A fresh {@link TestFunction} named `'plateau'` with `dim = 1`.
 * @example
 * ```ts
 * plateau().grad(Float64Array.of(1))[0]; // 0
 * ```
 */
export function plateau(): TestFunction {
  return {
    name: 'plateau',
    dim: 1,
    f: (p: Float64Array): number => {
      const u = p[0]! * p[0]! - 1;
      return u * u * u;
    },
    grad: (p: Float64Array, out: Float64Array = new Float64Array(1)): Float64Array => {
      const x = p[0]!;
      const u = x * x - 1;
      out[0] = 6 * x * u * u;
      return out;
    },
    hess: (p: Float64Array): Matrix => {
      const x2 = p[0]! * p[0]!;
      return { rows: 1, cols: 1, data: Float64Array.of(6 * (x2 - 1) * (5 * x2 - 1)) };
    },
    minima: [{ x: [0], f: -1 }],
    domain: [[-1.5, 1.5]],
  };
}
