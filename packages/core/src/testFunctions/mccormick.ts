import type { Matrix } from '../_matrix.js';
import { checkBatch, hess2 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(x: number, y: number): number {
  const d = x - y;
  return Math.sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1;
}

/** ∇f at one point, written to `out[i]` and `out[j]`. */
function gradient(x: number, y: number, out: Float64Array, i: number, j: number): void {
  const c = Math.cos(x + y);
  const d = 2 * (x - y);
  out[i] = c + d - 1.5;
  out[j] = c - d + 2.5;
}

/**
 * The McCormick function `f(x, y) = sin(x + y) + (x − y)² − 1.5x + 2.5y + 1`. Its gradient
 * vanishes where `cos(x + y) = −½` and `x − y = 1`; the global minimum on the domain
 * `[-1.5, 4] × [-3, 4]` is `x + y = −2π/3`: `(½ − π/3, −½ − π/3)` with `f = −√3/2 − π/3`
 * (≈ −1.9132229549810364). (A local minimum at `(½ + 2π/3, −½ + 2π/3)` is not listed.)
 *
 * @returns A fresh {@link TestFunction} named `'mccormick'` with `dim = 2`.
 * @example
 * ```ts
 * mccormick().minima[0]!.x; // [-0.5471975511965977, -1.5471975511965979]
 * ```
 */
export function mccormick(): TestFunction {
  return {
    name: 'mccormick',
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
      const s = -Math.sin(p[0]! + p[1]!);
      return hess2(out, s + 2, s - 2, s - 2, s + 2);
    },
    // ½ − π/3, −½ − π/3 and −√3/2 − π/3 rounded once to float64 (computed at 40 digits).
    minima: [{ x: [-0.5471975511965977, -1.5471975511965979], f: -1.9132229549810364 }],
    domain: [
      [-1.5, 4],
      [-3, 4],
    ],
  };
}
