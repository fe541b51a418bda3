import type { Matrix, MatrixLike } from './_matrix.js';
import { type PrecisionOptions, readPrecision } from './_precision.js';
import { mapRows } from './_rowwise.js';

const f32 = Math.fround;

function logSigmoidScalar(v: number): number {
  return Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v)));
}

function logSigmoidScalar32(x: number): number {
  const v = f32(x);
  return f32(Math.min(v, 0) - f32(Math.log1p(f32(Math.exp(-Math.abs(v))))));
}

function logSigmoidKernel(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = logSigmoidScalar(x[xo + i]!);
}

function logSigmoidKernel32(
  x: ArrayLike<number>,
  xo: number,
  n: number,
  out: Float64Array,
  oo: number,
): void {
  for (let i = 0; i < n; i++) out[oo + i] = logSigmoidScalar32(x[xo + i]!);
}

/**
 * Numerically stable `log σ(x) = -softplus(-x)`, computed as `min(x, 0) - log1p(e^{-|x|})`. Where
 * `log(sigmoid(x))` gives `-Infinity` because σ underflows, this stays exact: `logSigmoid(-1000)` is
 * `-1000`. `logSigmoid(Infinity) = 0`, `logSigmoid(-Infinity) = -Infinity`; NaN propagates.
 *
 * Applied element-wise; a matrix keeps its shape (`Matrix` in → `Matrix` out, nested → one
 * `Float64Array` per row). An empty input is a `RangeError`.
 *
 * @param x - A number, a vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `log σ(x)` element-wise, same shape as `x` (a number for a number).
 * @example
 * ```ts
 * logSigmoid([-1000, 0]); // Float64Array [-1000, -0.6931471805599453]
 * logSigmoid(-1000); // -1000 (a number in, a number out)
 * ```
 */
export function logSigmoid(x: number, options?: PrecisionOptions): number;
/** Element-wise logSigmoid of a vector. */
export function logSigmoid(x: ArrayLike<number>, options?: PrecisionOptions): Float64Array;
/** Element-wise log-sigmoid of a row-major matrix: a `Matrix` of the same shape. */
export function logSigmoid(x: Matrix, options?: PrecisionOptions): Matrix;
/** Element-wise log-sigmoid of nested rows: one `Float64Array` per row. */
export function logSigmoid(x: ArrayLike<ArrayLike<number>>, options?: PrecisionOptions): Float64Array[];
/** Element-wise log-sigmoid of a vector or a matrix. */
export function logSigmoid(
  x: number | ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array | Float64Array[] | Matrix;
export function logSigmoid(
  x: number | ArrayLike<number> | MatrixLike,
  options?: PrecisionOptions,
): number | Float64Array | Float64Array[] | Matrix {
  const single = readPrecision(options);
  if (typeof x === 'number') return single ? logSigmoidScalar32(x) : logSigmoidScalar(x);
  return mapRows('x', x, single ? logSigmoidKernel32 : logSigmoidKernel);
}
