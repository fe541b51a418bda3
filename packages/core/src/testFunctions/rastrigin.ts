import type { Matrix } from '../_matrix.js';
import { box, checkDim, filled, hessInto } from './_common.js';
import type { TestFunction } from './_types.js';

const TWO_PI = 2 * Math.PI;

/**
 * The Rastrigin function `f(x) = 10n + Σ (xᵢ² − 10·cos(2πxᵢ))`: a bowl covered by a regular
 * lattice of local minima near the integers. Global minimum `0` at the origin; domain
 * `[-5.12, 5.12]ⁿ`.
 *
 * @param dim - Number of variables, an integer ≥ 1 (default 2).
 * @returns A fresh {@link TestFunction} named `'rastrigin'`.
 * @example
 * ```ts
 * rastrigin().f(Float64Array.of(0, 0)); // 0
 * ```
 */
export function rastrigin(dim = 2): TestFunction {
  checkDim('dim', dim, 1);
  return {
    name: 'rastrigin',
    dim,
    f: (x: Float64Array): number => {
      let s = 10 * dim;
      for (let i = 0; i < dim; i++) {
        const t = x[i]!;
        s += t * t - 10 * Math.cos(TWO_PI * t);
      }
      return s;
    },
    grad: (x: Float64Array, out: Float64Array = new Float64Array(dim)): Float64Array => {
      for (let i = 0; i < dim; i++) {
        const t = x[i]!;
        out[i] = 2 * t + 10 * TWO_PI * Math.sin(TWO_PI * t);
      }
      return out;
    },
    hess: (x: Float64Array, out?: Matrix): Matrix => {
      const h = hessInto(out, dim);
      for (let i = 0; i < dim; i++) h.data[i * dim + i] = 2 + 10 * TWO_PI * TWO_PI * Math.cos(TWO_PI * x[i]!);
      return h;
    },
    minima: [{ x: filled(dim, 0), f: 0 }],
    domain: box(dim, -5.12, 5.12),
  };
}
