import type { MatrixLike } from './_matrix.js';
import { type PrecisionOptions, readPrecision } from './_precision.js';
import { reduceRows } from './_rowwise.js';

const f32 = Math.fround;

/** NaN if any entry is NaN, otherwise `m` (the maximum, ±Infinity here). */
function nonFinite(x: ArrayLike<number>, xo: number, n: number, m: number): number {
  for (let i = 0; i < n; i++) if (Number.isNaN(x[xo + i])) return Number.NaN;
  return m;
}

/**
 * `m + log1p(Σ_{i≠k} exp(x_i - m))` with `m = x_k = max x`: the maximum's own term is exactly 1 and is
 * left out of the sum so that `log1p` keeps the digits of a small remainder. Allocates nothing.
 */
function logSumExpKernel(x: ArrayLike<number>, xo: number, n: number): number {
  let m = -Infinity;
  let k = -1;
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    if (v > m) {
      m = v;
      k = i;
    }
  }
  if (k < 0 || m === Infinity) return nonFinite(x, xo, n, m);
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.exp(x[xo + i]! - m);
  for (let i = k + 1; i < n; i++) s += Math.exp(x[xo + i]! - m);
  return m + Math.log1p(s);
}

function logSumExpKernel32(x: ArrayLike<number>, xo: number, n: number): number {
  let m = -Infinity;
  let k = -1;
  for (let i = 0; i < n; i++) {
    const v = f32(x[xo + i]!);
    if (v > m) {
      m = v;
      k = i;
    }
  }
  if (k < 0 || m === Infinity) {
    for (let i = 0; i < n; i++) if (Number.isNaN(x[xo + i])) return Number.NaN;
    return m;
  }
  let s = 0;
  for (let i = 0; i < k; i++) s = f32(s + f32(Math.exp(f32(f32(x[xo + i]!) - m))));
  for (let i = k + 1; i < n; i++) s = f32(s + f32(Math.exp(f32(f32(x[xo + i]!) - m))));
  return f32(m + f32(Math.log1p(s)));
}

/**
 * Numerically stable `log Σ_i exp(x_i)`, computed as `m + log1p(Σ_{i≠k} exp(x_i - m))` where
 * `m = x_k = max x`. Never overflows for finite input, and `log1p` keeps full relative accuracy when the
 * other terms are tiny (`logSumExp([0, -40])` is `4.248354255291589e-18`, not `0`).
 *
 * A matrix gives one value per row (a `Float64Array`). Edge cases: a row of only `-Infinity` gives
 * `-Infinity` (log 0) with no NaN; any `+Infinity` entry gives `Infinity`; NaN anywhere gives NaN.
 * An empty input is a `RangeError`.
 *
 * @param x - A vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `log Σ exp(x)`: a number for a vector, a `Float64Array` (one per row) for a matrix.
 * @example
 * ```ts
 * logSumExp([1000, 1000]); // 1000.6931471805599 (= 1000 + ln 2)
 * logSumExp([-Infinity, -Infinity]); // -Infinity
 * ```
 */
export function logSumExp(x: ArrayLike<number>, options?: PrecisionOptions): number;
/** Row-wise log-sum-exp of a matrix: one value per row. */
export function logSumExp(x: MatrixLike, options?: PrecisionOptions): Float64Array;
/** Log-sum-exp of a vector, or of each row of a matrix. */
export function logSumExp(
  x: ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array;
export function logSumExp(
  x: ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array {
  return reduceRows('x', x, readPrecision(options) ? logSumExpKernel32 : logSumExpKernel);
}
