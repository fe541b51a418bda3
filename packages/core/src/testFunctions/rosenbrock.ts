import type { Matrix } from '../_matrix.js';
import { box, checkDim, filled, zeroMatrix } from './_common.js';
import type { TestFunction } from './_types.js';

/**
 * The chained Rosenbrock function `f(x) = Σᵢ₌₀ⁿ⁻² [100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²]` (a = 1, b = 100),
 * with analytic gradient and tridiagonal Hessian written in the operation order of SciPy's
 * `rosen`, `rosen_der` and `rosen_hess`, so values agree with SciPy bit for bit for `dim < 9`.
 * Global minimum `0` at `(1, …, 1)`; domain `[-2, 2]ⁿ`. (For `4 ≤ n ≤ 7` there is also a local
 * minimum near `(−1, 1, …, 1)`, not listed.)
 *
 * @param dim - Number of variables, an integer ≥ 2 (default 2).
 * @returns A fresh {@link TestFunction} named `'rosenbrock'`.
 * @example
 * ```ts
 * const r = rosenbrock();
 * r.f(Float64Array.of(-1.2, 1)); // 24.199999999999996
 * ```
 */
export function rosenbrock(dim = 2): TestFunction {
  checkDim('dim', dim, 2);
  const last = dim - 1;
  return {
    name: 'rosenbrock',
    dim,
    f: (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < last; i++) {
        const xi = x[i]!;
        const t = x[i + 1]! - xi * xi;
        const u = 1 - xi;
        s += 100 * (t * t) + u * u;
      }
      return s;
    },
    grad: (x: Float64Array, out: Float64Array = new Float64Array(dim)): Float64Array => {
      const x0 = x[0]!;
      out[0] = -400 * x0 * (x[1]! - x0 * x0) - 2 * (1 - x0);
      for (let i = 1; i < last; i++) {
        const xm = x[i]!;
        const xl = x[i - 1]!;
        out[i] = 200 * (xm - xl * xl) - 400 * (x[i + 1]! - xm * xm) * xm - 2 * (1 - xm);
      }
      const xl = x[last - 1]!;
      out[last] = 200 * (x[last]! - xl * xl);
      return out;
    },
    hess: (x: Float64Array): Matrix => {
      const h = zeroMatrix(dim);
      const d = h.data;
      for (let i = 0; i < last; i++) {
        d[i * dim + i + 1] = -400 * x[i]!;
        d[(i + 1) * dim + i] = -400 * x[i]!;
      }
      const x0 = x[0]!;
      d[0] = 1200 * (x0 * x0) - 400 * x[1]! + 2;
      for (let i = 1; i < last; i++) d[i * dim + i] = 202 + 1200 * (x[i]! * x[i]!) - 400 * x[i + 1]!;
      d[last * dim + last] = 200;
      return h;
    },
    minima: [{ x: filled(dim, 1), f: 0 }],
    domain: box(dim, -2, 2),
  };
}
