import type { Matrix, MatrixLike } from './_matrix.js';
import { type AxisOptions, type PrecisionOptions, readPrecision } from './_precision.js';
import { checkInto, mapAll, mapColumns, mapRows, readAxis } from './_rowwise.js';

const f32 = Math.fround;
const AXIS_KEYS = ['precision', 'axis'];

/**
 * Log-softmax when the maximum is not finite or NaN is present, consistent with `softmax`: NaN anywhere
 * or a row of only `-Infinity` gives NaN everywhere; with `k` entries equal to `+Infinity` those get
 * `-log k` and the others `-Infinity`.
 */
function logSoftmaxNonFinite(
  x: ArrayLike<number>,
  xo: number,
  n: number,
  out: Float64Array,
  oo: number,
  single: boolean,
): void {
  let inf = 0;
  let nan = false;
  for (let i = 0; i < n; i++) {
    const v = single ? f32(x[xo + i]!) : x[xo + i]!;
    if (v === Infinity) inf++;
    else if (Number.isNaN(v)) nan = true;
  }
  const top = inf > 0 && !nan ? (single ? f32(-Math.log(inf)) : -Math.log(inf)) : Number.NaN;
  for (let i = 0; i < n; i++) {
    const v = single ? f32(x[xo + i]!) : x[xo + i]!;
    out[oo + i] = v === Infinity || Number.isNaN(top) ? top : -Infinity;
  }
}

/** `(x_i - m) - log1p(Σ_{j≠k} exp(x_j - m))`, `m = x_k = max x`; allocates nothing, `out` may alias `x`. */
function logSoftmaxKernel(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  let m = -Infinity;
  let k = -1;
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    if (v > m) {
      m = v;
      k = i;
    }
  }
  if (k < 0 || m === Infinity) {
    logSoftmaxNonFinite(x, xo, n, out, oo, false);
    return;
  }
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.exp(x[xo + i]! - m);
  for (let i = k + 1; i < n; i++) s += Math.exp(x[xo + i]! - m);
  const l = Math.log1p(s);
  for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! - m - l;
}

function logSoftmaxKernel32(
  x: ArrayLike<number>,
  xo: number,
  n: number,
  out: Float64Array,
  oo: number,
): void {
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
    logSoftmaxNonFinite(x, xo, n, out, oo, true);
    return;
  }
  let s = 0;
  for (let i = 0; i < k; i++) s = f32(s + f32(Math.exp(f32(f32(x[xo + i]!) - m))));
  for (let i = k + 1; i < n; i++) s = f32(s + f32(Math.exp(f32(f32(x[xo + i]!) - m))));
  const l = f32(Math.log1p(s));
  for (let i = 0; i < n; i++) out[oo + i] = f32(f32(f32(x[xo + i]!) - m) - l);
}

/**
 * Numerically stable log-softmax, `log softmax(x)_i = (x_i - m) - log Σ_j exp(x_j - m)` with
 * `m = max x`. Unlike `log(softmax(x))` it stays finite where softmax underflows to 0
 * (`logSoftmax([0, -1000])[1]` is `-1000`, not `-Infinity`).
 *
 * A matrix is processed row by row (column by column with `axis: 0`), with the same shapes and edge cases as {@link softmax}: NaN anywhere
 * in a row gives a NaN row; `k` entries equal to `+Infinity` get `-log k` and the others `-Infinity`; a
 * row of only `-Infinity` is NaN. An empty input is a `RangeError`.
 *
 * @param x - A vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ axis, precision }`: `axis: 0` works along the columns of a matrix (default `-1`,
 *   the rows); `precision: 'float32'` rounds every operation to single precision.
 * @returns The log-probabilities, same shape as `x` (`Float64Array` for a vector).
 * @example
 * ```ts
 * logSoftmax([0, -1000]); // Float64Array [0, -1000]
 * logSoftmax([[0, 5], [0, 5]], { axis: 0 }); // both rows [-0.6931471805599453, -0.6931471805599453]
 * ```
 */
export function logSoftmax(x: ArrayLike<number>, options?: AxisOptions): Float64Array;
/** Row-wise log-softmax of a row-major matrix: a `Matrix` of the same shape. */
export function logSoftmax(x: Matrix, options?: AxisOptions): Matrix;
/** Row-wise log-softmax of nested rows: one `Float64Array` per row. */
export function logSoftmax(x: ArrayLike<ArrayLike<number>>, options?: AxisOptions): Float64Array[];
/** Log-softmax of a vector or, row-wise, of a matrix. */
export function logSoftmax(
  x: ArrayLike<number> | MatrixLike,
  options?: AxisOptions,
): Float64Array | Float64Array[] | Matrix;
export function logSoftmax(
  x: ArrayLike<number> | MatrixLike,
  options?: AxisOptions,
): Float64Array | Float64Array[] | Matrix {
  const kernel = readPrecision(options, AXIS_KEYS) ? logSoftmaxKernel32 : logSoftmaxKernel;
  const axis = readAxis(options?.axis, x);
  if (axis === 'all') return mapAll('x', x, kernel);
  return axis === 0 ? mapColumns('x', x, kernel) : mapRows('x', x, kernel);
}

/**
 * {@link logSoftmax} of a vector written into a caller-owned buffer, allocating nothing. `out` may be
 * `x` itself.
 *
 * @param x - The vector.
 * @param out - A `Float64Array` of the same length as `x`.
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `out`.
 * @example
 * ```ts
 * logSoftmaxInto([0, 0], new Float64Array(2)); // Float64Array [-0.6931471805599453, -0.6931471805599453]
 * ```
 */
export function logSoftmaxInto(
  x: ArrayLike<number>,
  out: Float64Array,
  options?: PrecisionOptions,
): Float64Array {
  checkInto(x, out);
  (readPrecision(options) ? logSoftmaxKernel32 : logSoftmaxKernel)(x, 0, x.length, out, 0);
  return out;
}
