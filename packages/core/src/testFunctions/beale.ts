import type { Matrix } from '../_matrix.js';
import { checkBatch, hess2 } from './_common.js';
import type { TestFunction } from './_types.js';

/** f at one point. */
function value(x: number, y: number): number {
  const t1 = 1.5 - x + x * y;
  const t2 = 2.25 - x + x * y * y;
  const t3 = 2.625 - x + x * y * y * y;
  return t1 * t1 + t2 * t2 + t3 * t3;
}

/** ∇f at one point, written to `out[i]` and `out[j]`. */
function gradient(x: number, y: number, out: Float64Array, i: number, j: number): void {
  const y2 = y * y;
  const y3 = y2 * y;
  const t1 = 1.5 - x + x * y;
  const t2 = 2.25 - x + x * y2;
  const t3 = 2.625 - x + x * y3;
  out[i] = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1));
  out[j] = 2 * x * (t1 + 2 * y * t2 + 3 * y2 * t3);
}

/**
 * Beale's function `f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²`:
 * a narrow curved valley with sharp ridges near the corners. Global minimum `0` at `(3, 0.5)`;
 * domain `[-4.5, 4.5]²`.
 *
 * @returns A fresh {@link TestFunction} named `'beale'` with `dim = 2`.
 * @example
 * ```ts
 * beale().f(Float64Array.of(3, 0.5)); // 0
 * ```
 */
export function beale(): TestFunction {
  return {
    name: 'beale',
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
      const y2 = y * y;
      const y3 = y2 * y;
      const t1 = 1.5 - x + x * y;
      const t2 = 2.25 - x + x * y2;
      const t3 = 2.625 - x + x * y3;
      // ∇²Σtₖ² = 2·Σ (∇tₖ∇tₖᵀ + tₖ∇²tₖ), ∇tₖ = (yᵏ − 1, k·x·yᵏ⁻¹)
      const a1 = y - 1;
      const a2 = y2 - 1;
      const a3 = y3 - 1;
      const c1 = x;
      const c2 = 2 * x * y;
      const c3 = 3 * x * y2;
      const hxx = 2 * (a1 * a1 + a2 * a2 + a3 * a3);
      const hxy = 2 * (a1 * c1 + a2 * c2 + a3 * c3 + t1 + 2 * y * t2 + 3 * y2 * t3);
      const hyy = 2 * (c1 * c1 + c2 * c2 + c3 * c3 + 2 * x * t2 + 6 * x * y * t3);
      return hess2(out, hxx, hxy, hxy, hyy);
    },
    minima: [{ x: [3, 0.5], f: 0 }],
    domain: [
      [-4.5, 4.5],
      [-4.5, 4.5],
    ],
  };
}
