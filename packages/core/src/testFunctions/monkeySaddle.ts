import type { Matrix } from '../_matrix.js';
import type { TestFunction } from './_types.js';

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
    f: (p: Float64Array): number => {
      const x = p[0]!;
      const y = p[1]!;
      return x * x * x - 3 * x * y * y;
    },
    grad: (p: Float64Array, out: Float64Array = new Float64Array(2)): Float64Array => {
      const x = p[0]!;
      const y = p[1]!;
      out[0] = 3 * x * x - 3 * y * y;
      out[1] = -6 * x * y;
      return out;
    },
    hess: (p: Float64Array): Matrix => {
      const x = p[0]!;
      const y = p[1]!;
      return { rows: 2, cols: 2, data: Float64Array.of(6 * x, -6 * y, -6 * y, -6 * x) };
    },
    minima: [],
    domain: [
      [-2, 2],
      [-2, 2],
    ],
  };
}
