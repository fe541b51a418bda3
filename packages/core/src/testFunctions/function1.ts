import type { Matrix } from '../_matrix.js';
import { checkBatch, hess1 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(t: number): number {
  return 0.01 * (t * t) + 0.1 * t;
}

/** f′ at one point. */
function derivative(t: number): number {
  return 0.02 * t + 0.1;
}

/**
 * The notebook's `function_1`: `f(x) = 0.01·x² + 0.1·x` in one variable, evaluated with the
 * notebook's operation order (`0.01*x**2 + 0.1*x`) so results match it bit for bit.
 * Its minimum is at `x = -5` (`f = -0.25`), outside the notebook's plotting domain `[0, 20]`.
 *
 * @returns A fresh {@link TestFunction} named `'function-1'` with `dim = 1`.
 * @example
 * ```ts
 * const { f, grad } = function1();
 * f(Float64Array.of(5)); // 0.75
 * grad(Float64Array.of(5))[0]; // 0.2
 * ```
 */
export function function1(): TestFunction {
  return {
    name: 'function-1',
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
    hess: (_x: Float64Array, out?: Matrix): Matrix => hess1(out, 0.02),
    minima: [{ x: [-5], f: -0.25 }],
    domain: [[0, 20]],
  };
}
