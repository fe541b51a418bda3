import type { Matrix, MatrixLike } from './_matrix.js';
import { type PrecisionOptions, readPrecision } from './_precision.js';
import { mapRows } from './_rowwise.js';

const f32 = Math.fround;

function softplusKernel(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    out[oo + i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }
}

function softplusKernel32(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) {
    const v = f32(x[xo + i]!);
    out[oo + i] = f32(Math.max(v, 0) + f32(Math.log1p(f32(Math.exp(-Math.abs(v))))));
  }
}

/**
 * Numerically stable softplus `ζ(x) = log(1 + e^x)`, computed as `max(x, 0) + log1p(e^{-|x|})`: the
 * exponent is never positive, so `softplus(1000)` is exactly `1000` instead of `Infinity`, and `log1p`
 * keeps `softplus(-30) ≈ e^{-30}` accurate where `log(1 + e^x)` would round to 0. Below about -745 the
 * true value underflows to 0. `softplus(Infinity) = Infinity`, `softplus(-Infinity) = 0`; NaN propagates.
 *
 * Applied element-wise; a matrix keeps its shape (`Matrix` in → `Matrix` out, nested → one
 * `Float64Array` per row). An empty input is a `RangeError`.
 *
 * @param x - A vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `ζ(x)` element-wise, same shape as `x`.
 * @example
 * ```ts
 * softplus([-1000, 0, 1000]); // Float64Array [0, 0.6931471805599453, 1000]
 * ```
 */
export function softplus(x: ArrayLike<number>, options?: PrecisionOptions): Float64Array;
/** Element-wise softplus of a row-major matrix: a `Matrix` of the same shape. */
export function softplus(x: Matrix, options?: PrecisionOptions): Matrix;
/** Element-wise softplus of nested rows: one `Float64Array` per row. */
export function softplus(x: ArrayLike<ArrayLike<number>>, options?: PrecisionOptions): Float64Array[];
/** Element-wise softplus of a vector or a matrix. */
export function softplus(
  x: ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): Float64Array | Float64Array[] | Matrix;
export function softplus(
  x: ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): Float64Array | Float64Array[] | Matrix {
  return mapRows('x', x, readPrecision(options) ? softplusKernel32 : softplusKernel);
}
