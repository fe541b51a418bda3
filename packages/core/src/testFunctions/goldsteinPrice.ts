import type { Matrix } from '../_matrix.js';
import { checkBatch, hess2 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(x: number, y: number): number {
  const a = x + y + 1;
  const b = 2 * x - 3 * y;
  const A = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
  const B = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
  return (1 + a * a * A) * (30 + b * b * B);
}

/** ∇f at one point, written to `out[i]` and `out[j]`. */
function gradient(x: number, y: number, out: Float64Array, i: number, j: number): void {
  const a = x + y + 1;
  const b = 2 * x - 3 * y;
  const A = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
  const B = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
  const Ad = -14 + 6 * x + 6 * y; // ∂A/∂x = ∂A/∂y
  const Bx = -32 + 24 * x - 36 * y;
  const By = 48 - 36 * x + 54 * y;
  const P = 1 + a * a * A;
  const Q = 30 + b * b * B;
  const Pd = 2 * a * A + a * a * Ad; // ∂P/∂x = ∂P/∂y
  out[i] = Pd * Q + P * (4 * b * B + b * b * Bx);
  out[j] = Pd * Q + P * (-6 * b * B + b * b * By);
}

/**
 * The Goldstein–Price function `f = P·Q` with
 * `P = 1 + (x + y + 1)²·(19 − 14x + 3x² − 14y + 6xy + 3y²)` and
 * `Q = 30 + (2x − 3y)²·(18 − 32x + 12x² + 48y − 36xy + 27y²)`: values span six orders of
 * magnitude over its domain `[-2, 2]²`. Global minimum `3` at `(0, −1)`.
 *
 * @returns A fresh {@link TestFunction} named `'goldstein-price'` with `dim = 2`.
 * @example
 * ```ts
 * goldsteinPrice().f(Float64Array.of(0, -1)); // 3
 * ```
 */
export function goldsteinPrice(): TestFunction {
  return {
    name: 'goldstein-price',
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
      const a = x + y + 1;
      const b = 2 * x - 3 * y;
      const A = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
      const B = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
      const Ad = -14 + 6 * x + 6 * y;
      const Bx = -32 + 24 * x - 36 * y;
      const By = 48 - 36 * x + 54 * y;
      const P = 1 + a * a * A;
      const Q = 30 + b * b * B;
      const Pd = 2 * a * A + a * a * Ad;
      const Qx = 4 * b * B + b * b * Bx;
      const Qy = -6 * b * B + b * b * By;
      // P depends on x and y only through symmetric terms: Pxx = Pxy = Pyy (A's second derivatives are all 6).
      const Pdd = 2 * A + 4 * a * Ad + 6 * a * a;
      const Qxx = 8 * B + 8 * b * Bx + 24 * b * b;
      const Qxy = -12 * B + 4 * b * By - 6 * b * Bx - 36 * b * b;
      const Qyy = 18 * B - 12 * b * By + 54 * b * b;
      const hxy = Pdd * Q + Pd * Qy + Pd * Qx + P * Qxy;
      return hess2(out, Pdd * Q + 2 * Pd * Qx + P * Qxx, hxy, hxy, Pdd * Q + 2 * Pd * Qy + P * Qyy);
    },
    minima: [{ x: [0, -1], f: 3 }],
    domain: [
      [-2, 2],
      [-2, 2],
    ],
  };
}
