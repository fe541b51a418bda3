import type { Matrix } from '../_matrix.js';
import { box, checkBatch, checkDim, filled, hessInto } from './_common.js';
import type { TestFunction } from './_types.js';

/** SciPy's `rosen`, coordinate `i` at `x[o + i·s]`; `last = dim − 1`. */
function value(x: Float64Array, o: number, s: number, last: number): number {
  let t = 0;
  for (let i = 0; i < last; i++) {
    const xi = x[o + i * s]!;
    const d = x[o + (i + 1) * s]! - xi * xi;
    const u = 1 - xi;
    t += 100 * (d * d) + u * u;
  }
  return t;
}

/** SciPy's `rosen_der`, strided in and out. */
function gradient(
  x: Float64Array,
  o: number,
  s: number,
  last: number,
  out: Float64Array,
  oo: number,
  os: number,
): void {
  const x0 = x[o]!;
  out[oo] = -400 * x0 * (x[o + s]! - x0 * x0) - 2 * (1 - x0);
  for (let i = 1; i < last; i++) {
    const xm = x[o + i * s]!;
    const xl = x[o + (i - 1) * s]!;
    out[oo + i * os] = 200 * (xm - xl * xl) - 400 * (x[o + (i + 1) * s]! - xm * xm) * xm - 2 * (1 - xm);
  }
  const xl = x[o + (last - 1) * s]!;
  out[oo + last * os] = 200 * (x[o + last * s]! - xl * xl);
}

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
    f: (x: Float64Array): number => value(x, 0, 1, last),
    grad: (x: Float64Array, out: Float64Array = new Float64Array(dim)): Float64Array => {
      gradient(x, 0, 1, last, out, 0, 1);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(dim, points, count, out, 1);
      for (let p = 0; p < count; p++) out[p] = value(points, p, count, last);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(dim, points, count, out, dim);
      for (let p = 0; p < count; p++) gradient(points, p, count, last, out, p, count);
      return out;
    },
    hess: (x: Float64Array, out?: Matrix): Matrix => {
      const h = hessInto(out, dim);
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
