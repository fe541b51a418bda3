import type { Matrix } from '../_matrix.js';
import { checkBatch, hess2 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(x: number, y: number): number {
  return x * x * x - 3 * x * y * y;
}

/** ∇f at one point, written to `out[i]` and `out[j]`. */
function gradient(x: number, y: number, out: Float64Array, i: number, j: number): void {
  out[i] = 3 * x * x - 3 * y * y;
  out[j] = -6 * x * y;
}

/**
 * The monkey saddle `f(x, y) = x³ − 3xy²`: one critical point, the origin, where the gradient
 * `(3x² − 3y², −6xy)` and the Hessian `[[6x, −6y], [−6y, −6x]]` both vanish — the second-derivative test
 * is inconclusive, yet it is no extremum (three valleys for the legs, three ridges). Unbounded, so no
 * minima; domain `[−2, 2]²`.
 *
 * @returns A fresh {@link TestFunction} named `'monkey-saddle'` with `dim = 2`.
 * @example
 * ```ts
 * monkeySaddle().f(Float64Array.of(1, 1)); // -2
 * ```
 */
export function monkeySaddle(): TestFunction {
  return {
    name: 'monkey-saddle',
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
      return hess2(out, 6 * x, -6 * y, -6 * y, -6 * x);
    },
    minima: [],
    domain: [
      [-2, 2],
      [-2, 2],
    ],
  };
}
