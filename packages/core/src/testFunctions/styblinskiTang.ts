import type { Matrix } from '../_matrix.js';
import { box, checkBatch, checkDim, filled, hessInto } from './_common.js';
import type { TestFunction } from './_types.js';

/** The root of `4x³ − 32x + 5 = 0` near −2.9 (the global minimiser of each coordinate term). */
const X_STAR = -2.903534027771177;
/** `½·(x⁴ − 16x² + 5x)` at {@link X_STAR}, to float64 precision (computed at 40 digits). */
const F_STAR = -39.16616570377141;

/** `½·Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ)` summed left to right, coordinate `i` at `x[o + i·s]`. */
function value(x: Float64Array, o: number, s: number, dim: number): number {
  let t = 0;
  for (let i = 0; i < dim; i++) {
    const v = x[o + i * s]!;
    const v2 = v * v;
    t += v2 * v2 - 16 * v2 + 5 * v;
  }
  return 0.5 * t;
}

/** `2xᵢ³ − 16xᵢ + 2.5`, strided in and out. */
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
    out[oo + i * os] = 2 * t * t * t - 16 * t + 2.5;
  }
}

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
      for (let i = 0; i < dim; i++) h.data[i * dim + i] = 6 * x[i]! * x[i]! - 16;
      return h;
    },
    minima: [{ x: filled(dim, X_STAR), f: dim * F_STAR }],
    domain: box(dim, -5, 5),
  };
}
