import type { Matrix } from '../_matrix.js';
import { checkFinite, rangeError } from '../_validate.js';
import { checkBatch, hess2 } from './_common.js';
import type { Minimum, TestFunction } from './_types.js';

/** f at one point. */
function value(x: number, y: number, q: number): number {
  const x2 = x * x;
  const y2 = y * y;
  return x2 - y2 + q * (x2 * x2 + y2 * y2);
}

/** ∇f at one point, written to `out[i]` and `out[j]`. */
function gradient(x: number, y: number, q: number, out: Float64Array, i: number, j: number): void {
  out[i] = 2 * x + 4 * q * x * x * x;
  out[j] = -2 * y + 4 * q * y * y * y;
}

/**
 * The saddle `f(x, y) = x² − y² + q·(x⁴ + y⁴)`: for `q = 0` (default) the textbook saddle point at the
 * origin (Hessian `diag(2, −2)`, a minimum along x and a maximum along y) and no minimum; for `q > 0` the
 * quartic term bounds it below, adding two global minima `(0, ±1/√(2q))` with `f = −1/(4q)`, while the
 * origin stays a saddle. Gradient `(2x + 4qx³, −2y + 4qy³)`, Hessian `diag(2 + 12qx², −2 + 12qy²)`.
 * Domain `[−b, b]²` with `b = max(2, 1.5/√(2q))`.
 *
 * @param q - The quartic weight, finite and ≥ 0 (default 0).
 * @returns A fresh {@link TestFunction} named `'saddle'` with `dim = 2`.
 * @example
 * ```ts
 * saddle().hess(Float64Array.of(0, 0)).data; // Float64Array [2, 0, 0, -2]
 * saddle(0.125).minima; // [{ x: [0, -2], f: -2 }, { x: [0, 2], f: -2 }]
 * ```
 */
export function saddle(q = 0): TestFunction {
  checkFinite('q', q);
  if (!(q >= 0)) throw rangeError('q', q, 'expected a number >= 0');
  const minima: Minimum[] = [];
  let b = 2;
  if (q > 0) {
    const y = 1 / Math.sqrt(2 * q);
    minima.push({ x: [0, -y], f: -1 / (4 * q) }, { x: [0, y], f: -1 / (4 * q) });
    b = Math.max(2, 1.5 * y);
  }
  return {
    name: 'saddle',
    dim: 2,
    f: (p: Float64Array): number => value(p[0]!, p[1]!, q),
    grad: (p: Float64Array, out: Float64Array = new Float64Array(2)): Float64Array => {
      gradient(p[0]!, p[1]!, q, out, 0, 1);
      return out;
    },
    fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(2, points, count, out, 1);
      for (let i = 0; i < count; i++) out[i] = value(points[i]!, points[count + i]!, q);
      return out;
    },
    gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
      checkBatch(2, points, count, out, 2);
      for (let i = 0; i < count; i++) gradient(points[i]!, points[count + i]!, q, out, i, count + i);
      return out;
    },
    hess: (p: Float64Array, out?: Matrix): Matrix => {
      const x = p[0]!;
      const y = p[1]!;
      return hess2(out, 2 + 12 * q * x * x, 0, 0, -2 + 12 * q * y * y);
    },
    minima,
    domain: [
      [-b, b],
      [-b, b],
    ],
  };
}
