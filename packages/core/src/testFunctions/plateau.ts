import type { Matrix } from '../_matrix.js';
import { checkBatch, hess1 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(t: number): number {
  const u = t * t - 1;
  return u * u * u;
}

/** f′ at one point. */
function derivative(t: number): number {
  const u = t * t - 1;
  return 6 * t * u * u;
}

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
    f: (x: Float64Array): number => value(x[0]!),
    grad: (x: Float64Array, out: Float64Array = new Float64Array(1)): Float64Array => {
      out[0] = derivative(x[0]!);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(1, points, count, out, 1);
      for (let i = 0; i < count; i++) out[i] = value(points[i]!);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(1, points, count, out, 1);
      for (let i = 0; i < count; i++) out[i] = derivative(points[i]!);
      return out;
    },
    hess: (p: Float64Array, out?: Matrix): Matrix => {
      const x2 = p[0]! * p[0]!;
      return hess1(out, 6 * (x2 - 1) * (5 * x2 - 1));
    },
    minima: [{ x: [0], f: -1 }],
    domain: [[-1.5, 1.5]],
  };
}
