import type { Matrix, MatrixLike } from './_matrix.js';
import { type PrecisionOptions, readPrecision } from './_precision.js';
import { mapRows } from './_rowwise.js';

const f32 = Math.fround;

function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v); // also the NaN branch
  return e / (1 + e);
}

function sigmoidScalar32(x: number): number {
  const v = f32(x);
  if (v >= 0) return f32(1 / f32(1 + f32(Math.exp(-v))));
  const e = f32(Math.exp(v));
  return f32(e / f32(1 + e));
}

function sigmoidKernel(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = sigmoidScalar(x[xo + i]!);
}

function sigmoidKernel32(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = sigmoidScalar32(x[xo + i]!);
}

/**
 * Numerically stable logistic sigmoid `σ(x) = 1 / (1 + e^{-x})`, split by sign so that `exp` only ever
 * sees a non-positive argument: `1 / (1 + e^{-x})` for `x ≥ 0` and `e^x / (1 + e^x)` for `x < 0`. Nothing
 * overflows, and for very negative `x` the result keeps full relative accuracy (`σ(-30) ≈ e^{-30}`)
 * until it underflows to 0 below about -745. `σ(±Infinity)` is 1 / 0; NaN propagates.
 *
 * Applied element-wise; a matrix keeps its shape (`Matrix` in → `Matrix` out, nested → one
 * `Float64Array` per row). An empty input is a `RangeError`.
 *
 * @param x - A number, a vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `σ(x)` element-wise, same shape as `x` (a number for a number).
 * @example
 * ```ts
 * sigmoid([-800, 0, 800]); // Float64Array [0, 0.5, 1]
 * sigmoid(-30); // 9.3576229688393e-14 (a number in, a number out)
 * ```
 */
export function sigmoid(x: number, options?: PrecisionOptions): number;
/** Element-wise sigmoid of a vector. */
export function sigmoid(x: ArrayLike<number>, options?: PrecisionOptions): Float64Array;
/** Element-wise sigmoid of a row-major matrix: a `Matrix` of the same shape. */
export function sigmoid(x: Matrix, options?: PrecisionOptions): Matrix;
/** Element-wise sigmoid of nested rows: one `Float64Array` per row. */
export function sigmoid(x: ArrayLike<ArrayLike<number>>, options?: PrecisionOptions): Float64Array[];
/** Element-wise sigmoid of a number, a vector or a matrix. */
export function sigmoid(
  x: number | ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array | Float64Array[] | Matrix;
export function sigmoid(
  x: number | ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array | Float64Array[] | Matrix {
  const single = readPrecision(options);
  if (typeof x === 'number') return single ? sigmoidScalar32(x) : sigmoidScalar(x);
  return mapRows('x', x, single ? sigmoidKernel32 : sigmoidKernel);
}
