import type { Matrix, MatrixLike } from './_matrix.js';
import { type PrecisionOptions, readPrecision } from './_precision.js';
import { mapRows } from './_rowwise.js';

const f32 = Math.fround;

function naiveKernel(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(x[xo + i]!);
    out[oo + i] = e;
    s += e;
  }
  for (let i = 0; i < n; i++) out[oo + i] = out[oo + i]! / s;
}

function naiveKernel32(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = f32(Math.exp(f32(x[xo + i]!)));
    out[oo + i] = e;
    s = f32(s + e);
  }
  for (let i = 0; i < n; i++) out[oo + i] = f32(out[oo + i]! / s);
}

/**
 * The textbook softmax `exp(x_i) / Σ_j exp(x_j)` with no shift, kept so that experiments can show how it
 * fails: `exp(1000)` overflows, giving `Infinity / Infinity = NaN`, and `exp(-1000)` underflows, giving
 * `0 / 0 = NaN` (the notebook's `[1000]*5` and `[-1000]*5`). In float32 it already fails for entries
 * above about 88.7 (`exp(89)` overflows). Use {@link softmax} for real work.
 *
 * @param x - A vector, a row-major `Matrix`, or `number[][]` (row-wise, as {@link softmax}).
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `exp(x) / sum(exp(x))`, same shape as `x`, with NaN where the formula breaks down.
 * @example
 * ```ts
 * naiveSoftmax([10, 10, 10, 10, 10]); // Float64Array [0.2, 0.2, 0.2, 0.2, 0.2]
 * naiveSoftmax([1000, 1000, 1000, 1000, 1000]); // Float64Array [NaN, NaN, NaN, NaN, NaN]
 * ```
 */
export function naiveSoftmax(x: ArrayLike<number>, options?: PrecisionOptions): Float64Array;
/** Row-wise naive softmax of a row-major matrix: a `Matrix` of the same shape. */
export function naiveSoftmax(x: Matrix, options?: PrecisionOptions): Matrix;
/** Row-wise naive softmax of nested rows: one `Float64Array` per row. */
export function naiveSoftmax(x: ArrayLike<ArrayLike<number>>, options?: PrecisionOptions): Float64Array[];
/** Naive softmax of a vector or, row-wise, of a matrix. */
export function naiveSoftmax(
  x: ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): Float64Array | Float64Array[] | Matrix;
export function naiveSoftmax(
  x: ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): Float64Array | Float64Array[] | Matrix {
  return mapRows('x', x, readPrecision(options) ? naiveKernel32 : naiveKernel);
}
