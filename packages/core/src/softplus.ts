import type { Matrix, MatrixLike } from './_matrix.js';
import { type PrecisionOptions, readPrecision } from './_precision.js';
import { mapRows } from './_rowwise.js';

const f32 = Math.fround;

function softplusScalar(v: number): number {
  return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
}

function softplusScalar32(x: number): number {
  const v = f32(x);
  return f32(Math.max(v, 0) + f32(Math.log1p(f32(Math.exp(-Math.abs(v))))));
}

function softplusKernel(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = softplusScalar(x[xo + i]!);
}

function softplusKernel32(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = softplusScalar32(x[xo + i]!);
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
 * @param x - A number, a vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `ζ(x)` element-wise, same shape as `x` (a number for a number).
 * @example
 * ```ts
 * softplus([-1000, 0, 1000]); // Float64Array [0, 0.6931471805599453, 1000]
 * softplus(-30); // 9.357622968839737e-14 (a number in, a number out)
 * ```
 */
export function softplus(x: number, options?: PrecisionOptions): number;
/** Element-wise softplus of a vector. */
export function softplus(x: ArrayLike<number>, options?: PrecisionOptions): Float64Array;
/** Element-wise softplus of a row-major matrix: a `Matrix` of the same shape. */
export function softplus(x: Matrix, options?: PrecisionOptions): Matrix;
/** Element-wise softplus of nested rows: one `Float64Array` per row. */
export function softplus(x: ArrayLike<ArrayLike<number>>, options?: PrecisionOptions): Float64Array[];
/** Element-wise softplus of a number, a vector or a matrix. */
export function softplus(
  x: number | ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array | Float64Array[] | Matrix;
export function softplus(
  x: number | ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array | Float64Array[] | Matrix {
  const single = readPrecision(options);
  if (typeof x === 'number') return single ? softplusScalar32(x) : softplusScalar(x);
  return mapRows('x', x, single ? softplusKernel32 : softplusKernel);
}
