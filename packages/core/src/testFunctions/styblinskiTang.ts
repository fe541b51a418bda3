import type { Matrix } from '../_matrix.js';
import { box, checkDim, filled, hessInto } from './_common.js';
import type { TestFunction } from './_types.js';

/** The root of `4x³ − 32x + 5 = 0` near −2.9 (the global minimiser of each coordinate term). */
const X_STAR = -2.903534027771177;
/** `½·(x⁴ − 16x² + 5x)` at {@link X_STAR}, to float64 precision (computed at 40 digits). */
const F_STAR = -39.16616570377141;

/**
 * The Styblinski–Tang function `f(x) = ½·Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ)`: separable, with `2ⁿ` local
 * minima. Global minimum `−39.16616570377141·n` at `xᵢ = −2.903534027771177` (each coordinate a
 * root of `4x³ − 32x + 5`); domain `[-5, 5]ⁿ`.
 *
 * @param dim - Number of variables, an integer ≥ 1 (default 2).
 * @returns A fresh {@link TestFunction} named `'styblinski-tang'`.
 * @example
 * ```ts
 * styblinskiTang().minima[0]!.f; // -78.33233140754282
 * ```
 */
export function styblinskiTang(dim = 2): TestFunction {
  checkDim('dim', dim, 1);
  return {
    name: 'styblinski-tang',
    dim,
    f: (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        const t = x[i]!;
        const t2 = t * t;
        s += t2 * t2 - 16 * t2 + 5 * t;
      }
      return 0.5 * s;
    },
    grad: (x: Float64Array, out: Float64Array = new Float64Array(dim)): Float64Array => {
      for (let i = 0; i < dim; i++) {
        const t = x[i]!;
        out[i] = 2 * t * t * t - 16 * t + 2.5;
      }
      return out;
    },
    hess: (x: Float64Array, out?: Matrix): Matrix => {
      const h = hessInto(out, dim);
      for (let i = 0; i < dim; i++) h.data[i * dim + i] = 6 * x[i]! * x[i]! - 16;
      return h;
    },
    minima: [{ x: filled(dim, X_STAR), f: dim * F_STAR }],
    domain: box(dim, -5, 5),
  };
}
