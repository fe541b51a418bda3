import type { Matrix } from '../_matrix.js';
import { box, checkBatch, checkDim, filled, hessInto } from './_common.js';
import type { TestFunction } from './_types.js';

const TWO_PI = 2 * Math.PI;

/** `10n + Σ (xᵢ² − 10·cos(2πxᵢ))` summed left to right, coordinate `i` at `x[o + i·s]`. */
function value(x: Float64Array, o: number, s: number, dim: number): number {
  let t = 10 * dim;
  for (let i = 0; i < dim; i++) {
    const v = x[o + i * s]!;
    t += v * v - 10 * Math.cos(TWO_PI * v);
  }
  return t;
}

/** `2xᵢ + 20π·sin(2πxᵢ)`, strided in and out. */
function gradient(
  x: Float64Array,
  o: number,
  s: number,
  dim: number,
  out: Float64Array,
  oo: number,
  os: number,
): void {
  for (let i = 0; i < dim; i++) {
    const t = x[o + i * s]!;
    out[oo + i * os] = 2 * t + 10 * TWO_PI * Math.sin(TWO_PI * t);
  }
}

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
    hess: (x: Float64Array, out?: Matrix): Matrix => {
      const h = hessInto(out, dim);
      for (let i = 0; i < dim; i++) h.data[i * dim + i] = 2 + 10 * TWO_PI * TWO_PI * Math.cos(TWO_PI * x[i]!);
      return h;
    },
    minima: [{ x: filled(dim, 0), f: 0 }],
    domain: box(dim, -5.12, 5.12),
  };
}
