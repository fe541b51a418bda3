import type { Matrix, MatrixLike } from './_matrix.js';
import { type AxisOptions, type PrecisionOptions, readPrecision } from './_precision.js';
import { checkInto, mapAll, mapColumns, mapRows, readAxis } from './_rowwise.js';

const f32 = Math.fround;
const AXIS_KEYS = ['precision', 'axis'];

/**
 * Softmax when the maximum is not finite or NaN is present: NaN anywhere gives NaN everywhere; a
 * `+Infinity` maximum puts the mass on the `+Infinity` entries, split evenly; an all `-Infinity` row
 * is `0/0`, NaN everywhere.
 */
function softmaxNonFinite(
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
  const share = inf > 0 && !nan ? 1 / inf : Number.NaN;
  for (let i = 0; i < n; i++) {
    const v = single ? f32(x[xo + i]!) : x[xo + i]!;
    out[oo + i] = v === Infinity || Number.isNaN(share) ? share : 0;
  }
}

/** Max pass, exp-into-output pass, scale pass; allocates nothing. Safe with `out` aliasing `x`. */
function softmaxKernel(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[xo + i]!;
    if (v > m) m = v;
  }
  if (m === Infinity || m === -Infinity) {
    softmaxNonFinite(x, xo, n, out, oo, false);
    return;
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(x[xo + i]! - m);
    out[oo + i] = e;
    s += e;
  }
  for (let i = 0; i < n; i++) out[oo + i] = out[oo + i]! / s;
}

/** {@link softmaxKernel} with the input and every operation rounded to float32. */
function softmaxKernel32(x: ArrayLike<number>, xo: number, n: number, out: Float64Array, oo: number): void {
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = f32(x[xo + i]!);
    if (v > m) m = v;
  }
  if (m === Infinity || m === -Infinity) {
    softmaxNonFinite(x, xo, n, out, oo, true);
    return;
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = f32(Math.exp(f32(f32(x[xo + i]!) - m)));
    out[oo + i] = e;
    s = f32(s + e);
  }
  for (let i = 0; i < n; i++) out[oo + i] = f32(out[oo + i]! / s);
}

/**
 * Numerically stable softmax, `softmax(x)_i = exp(x_i - max x) / Σ_j exp(x_j - max x)`: shifting by the
 * maximum leaves the result unchanged but makes the largest exponent `0`, so nothing overflows and the
 * denominator is at least 1. Finite inputs never give NaN or Infinity.
 *
 * A matrix is processed row by row (column by column with `axis: 0`): a row-major {@link Matrix} gives a `Matrix` of the same shape,
 * nested arrays give one `Float64Array` per row. Edge cases: NaN anywhere in a row makes the whole row
 * NaN; `+Infinity` entries share the mass evenly (the others get 0); a row of only `-Infinity` is NaN
 * (`0/0`, as in SciPy and PyTorch). An empty input is a `RangeError`.
 *
 * @param x - A vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ axis, precision }`: `axis: 0` works along the columns of a matrix (default `-1`,
 *   the rows); `precision: 'float32'` rounds every operation to single precision.
 * @returns The probabilities, same shape as `x` (`Float64Array` for a vector).
 * @example
 * ```ts
 * softmax([1000, 1001, 1002]); // Float64Array [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
 * softmax([[1000, 1000, 1000, 1000, 1000]]); // [Float64Array [0.2, 0.2, 0.2, 0.2, 0.2]]
 * softmax([[1000, 0], [1000, 0]], { axis: 0 }); // [Float64Array [0.5, 0.5], Float64Array [0.5, 0.5]]
 * ```
 */
export function softmax(x: ArrayLike<number>, options?: AxisOptions): Float64Array;
/** Row-wise softmax of a row-major matrix: a `Matrix` of the same shape. */
export function softmax(x: Matrix, options?: AxisOptions): Matrix;
/** Row-wise softmax of nested rows: one `Float64Array` per row. */
export function softmax(x: ArrayLike<ArrayLike<number>>, options?: AxisOptions): Float64Array[];
/** Softmax of a vector or, row-wise, of a matrix. */
export function softmax(
  x: ArrayLike<number> | MatrixLike,
  options?: AxisOptions,
): Float64Array | Float64Array[] | Matrix;
export function softmax(
  x: ArrayLike<number> | MatrixLike,
  options?: AxisOptions,
): Float64Array | Float64Array[] | Matrix {
  const kernel = readPrecision(options, AXIS_KEYS) ? softmaxKernel32 : softmaxKernel;
  const axis = readAxis(options?.axis, x);
  if (axis === 'all') return mapAll('x', x, kernel);
  return axis === 0 ? mapColumns('x', x, kernel) : mapRows('x', x, kernel);
}

/**
 * {@link softmax} of a vector written into a caller-owned buffer: no allocation at all, so it suits hot
 * loops. `out` may be `x` itself (in place).
 *
 * @param x - The vector.
 * @param out - A `Float64Array` of the same length as `x`.
 * @param options - `{ precision: 'float32' }` rounds every operation to single precision.
 * @returns `out`.
 * @example
 * ```ts
 * const out = new Float64Array(3);
 * softmaxInto([1, 2, 3], out); // out = [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
 * ```
 */
export function softmaxInto(
  x: ArrayLike<number>,
  out: Float64Array,
  options?: PrecisionOptions,
): Float64Array {
  checkInto(x, out);
  (readPrecision(options) ? softmaxKernel32 : softmaxKernel)(x, 0, x.length, out, 0);
  return out;
}
