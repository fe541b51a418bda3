import type { Matrix } from '../_matrix.js';
import { box, checkBatch, checkDim, filled, hessInto } from './_common.js';
import type { TestFunction } from './_types.js';

/** `Σ xᵢ²` summed left to right, coordinate `i` at `x[o + i·s]`. */
function value(x: Float64Array, o: number, s: number, dim: number): number {
  let t = 0;
  for (let i = 0; i < dim; i++) {
    const v = x[o + i * s]!;
    t += v * v;
  }
  return t;
}

/** `2x`, strided in and out. */
function gradient(
  x: Float64Array,
  o: number,
  s: number,
  dim: number,
  out: Float64Array,
  oo: number,
  os: number,
): void {
  for (let i = 0; i < dim; i++) out[oo + i * os] = 2 * x[o + i * s]!;
}

/**
 * The sphere function `f(x) = Σ xᵢ²` (the notebook's `function_2` for `dim = 2`), summed left to
 * right as NumPy's `np.sum(x**2)` does for fewer than 8 terms. Gradient `2x`, Hessian `2I`,
 * minimum `0` at the origin, domain `[-5, 5]ⁿ`.
 *
 * @param dim - Number of variables, an integer ≥ 1 (default 2).
 * @returns A fresh {@link TestFunction} named `'sphere'`.
 * @example
 * ```ts
 * const s = sphere(3);
 * s.f(Float64Array.of(1, 2, 3)); // 14
 * ```
 */
export function sphere(dim = 2): TestFunction {
  checkDim('dim', dim, 1);
  return {
    name: 'sphere',
    dim,
    f: (x: Float64Array): number => value(x, 0, 1, dim),
    grad: (x: Float64Array, out: Float64Array = new Float64Array(dim)): Float64Array => {
      gradient(x, 0, 1, dim, out, 0, 1);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(dim, points, count, out, 1);
      for (let p = 0; p < count; p++) out[p] = value(points, p, count, dim);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(dim, points, count, out, dim);
      for (let p = 0; p < count; p++) gradient(points, p, count, dim, out, p, count);
      return out;
    },
    hess: (_x: Float64Array, out?: Matrix): Matrix => {
      const h = hessInto(out, dim);
      for (let i = 0; i < dim; i++) h.data[i * dim + i] = 2;
      return h;
    },
    minima: [{ x: filled(dim, 0), f: 0 }],
    domain: box(dim, -5, 5),
  };
}

/**
 * The notebook's `function_2`: the 2-D {@link sphere}, `f(x) = x₀² + x₁²`.
 *
 * @returns `sphere(2)`, a fresh {@link TestFunction} named `'sphere'`.
 * @example
 * ```ts
 * function2().f(Float64Array.of(3, 4)); // 25
 * ```
 */
export function function2(): TestFunction {
  return sphere(2);
}
