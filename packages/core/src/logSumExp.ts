import type { MatrixLike } from './_matrix.js';
import { type PrecisionOptions, readPrecision } from './_precision.js';
import { type Axis, readAxis, reduceAll, reduceColumns, reduceRows, weightsLike } from './_rowwise.js';
import { rangeError, typeError } from './_validate.js';

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

/** Options of {@link logSumExp}. */
export interface LogSumExpOptions extends PrecisionOptions {
  /**
   * Weights: `log |Σ bᵢ·exp(xᵢ)|`, as `scipy.special.logsumexp(a, b=b)`. Same shape as `x`; entries may
   * be negative (subtraction) or zero (the entry is left out, even if `xᵢ` is `±Infinity`). Not with
   * `precision: 'float32'`.
   */
  readonly b?: ArrayLike<number> | MatrixLike;
  /**
   * Return `{ value, sign }`: `value = log |Σ bᵢ·exp(xᵢ)|` and `sign` its sign (`1`, `-1`, or `0` when
   * the sum is exactly zero, then `value = -Infinity`). Without it a negative sum gives NaN, as SciPy.
   */
  readonly returnSign?: boolean;
  /**
   * For a matrix: `1` or `-1` (default) reduces each row, `0` each column, `null` all entries to one number
   * (SciPy's default `axis=None`). A vector takes `0`, `-1` or `null`.
   */
  readonly axis?: Axis;
}

/** `log |Σ bᵢ exp(xᵢ)|` with the sign of the sum, as SciPy's `logsumexp(..., return_sign=True)`. */
export interface SignedLogSumExp<T extends number | Float64Array> {
  /** `log |Σ bᵢ exp(xᵢ)|`. */
  readonly value: T;
  /** The sign of `Σ bᵢ exp(xᵢ)`: `1`, `-1`, `0` (an exactly zero sum), or NaN. */
  readonly sign: T;
}

const KEYS = ['precision', 'b', 'returnSign', 'axis'];

/**
 * Weighted log-sum-exp in SciPy's operation order (`scipy.special._logsumexp._logsumexp`): the entries
 * equal to the maximum `m` are summed exactly into `μ = Σ_{xᵢ = m} bᵢ`, the others into
 * `s = Σ bᵢ exp(xᵢ − m) / μ`, and `log |Σ| = log1p(s') + log |μ| + m` with the sign of `(1 + s)·μ`
 * (`s' = s`, or `−s − 2` when `s < −1`). When that is not finite it falls back, as SciPy, to the
 * direct `log |Σ bᵢ exp(xᵢ)|`. Writes `[value, sign]` into `res`; a NaN value where the sign is
 * negative unless `signed`.
 */
function weightedKernel(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  o: number,
  n: number,
  signed: boolean,
  res: Float64Array,
): void {
  let amax = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = a[o + i]!;
    if (b[o + i] === 0) continue;
    if (v > amax || Number.isNaN(v)) {
      amax = v;
      if (Number.isNaN(v)) break;
    }
  }
  let m = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = b[o + i]!;
    if (w === 0) continue;
    const v = a[o + i]!;
    if (v === amax) m += w;
    else s += w * Math.exp(v - amax);
  }
  if (amax === -Infinity) s = Number.NaN; // SciPy: -inf − (−inf) is NaN, then the fallback below
  if (s !== 0) s = s / m;
  let sign = Math.sign(s + 1) * Math.sign(m);
  if (s < -1) s = -s - 2;
  let value = Math.log1p(s) + Math.log(Math.abs(m)) + amax;
  if (!signed && sign < 0) value = Number.NaN;
  if (!Number.isFinite(value)) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += b[o + i]! * Math.exp(a[o + i]!);
    sign = Math.sign(sum);
    value = Math.log(signed ? Math.abs(sum) : sum);
  }
  res[0] = value;
  res[1] = sign === 0 ? 0 : sign; // no -0
}

/** The sign that goes with an unweighted log-sum-exp value: 0 for −∞ (an empty sum), NaN for NaN. */
function unweightedSign(v: number): number {
  return Number.isNaN(v) ? Number.NaN : v === -Infinity ? 0 : 1;
}

/**
 * Numerically stable `log Σ_i exp(x_i)`, computed as `m + log1p(Σ_{i≠k} exp(x_i - m))` where
 * `m = x_k = max x`. Never overflows for finite input, and `log1p` keeps full relative accuracy when the
 * other terms are tiny (`logSumExp([0, -40])` is `4.248354255291589e-18`, not `0`).
 *
 * A matrix gives one value per row (a `Float64Array`), or per column with `axis: 0`, or one number for
 * all entries with `axis: null`. Edge cases: a row
 * of only `-Infinity` gives `-Infinity` (log 0) with no NaN; any `+Infinity` entry gives `Infinity`; NaN
 * anywhere gives NaN. An empty input is a `RangeError`.
 *
 * With weights `b` it is `scipy.special.logsumexp(a, b=b)`: `log |Σ bᵢ exp(xᵢ)|`, NaN for a negative
 * sum unless `returnSign` asks for `{ value, sign }`; zero weights drop their entries.
 *
 * @param x - A vector, a row-major `Matrix`, or `number[][]`.
 * @param options - `{ b, returnSign, axis, precision }`, see {@link LogSumExpOptions}.
 * @returns `log Σ exp(x)`: a number for a vector, a `Float64Array` (one per row, or per column) for a
 *   matrix; `{ value, sign }` of those with `returnSign: true`.
 * @example
 * ```ts
 * logSumExp([1000, 1000]); // 1000.6931471805599 (= 1000 + ln 2)
 * logSumExp([1, 2], { b: [1, -1], returnSign: true }); // { value: 1.5413248546129181, sign: -1 }
 * logSumExp([[0, 0], [1, 1]], { axis: 0 }); // Float64Array [1.3132616875182228, 1.3132616875182228]
 * ```
 */
export function logSumExp(
  x: ArrayLike<number>,
  options: LogSumExpOptions & { readonly returnSign: true },
): SignedLogSumExp<number>;
/** Log-sum-exp of all entries of a matrix (`axis: null`) with the sign. */
export function logSumExp(
  x: MatrixLike,
  options: LogSumExpOptions & { readonly axis: null; readonly returnSign: true },
): SignedLogSumExp<number>;
/** Row-wise (or, with `axis: 0`, column-wise) log-sum-exp of a matrix with the signs. */
export function logSumExp(
  x: MatrixLike,
  options: LogSumExpOptions & { readonly returnSign: true },
): SignedLogSumExp<Float64Array>;
/** Log-sum-exp of a vector. */
export function logSumExp(x: ArrayLike<number>, options?: LogSumExpOptions): number;
/** Log-sum-exp of all entries of a matrix (`axis: null`). */
export function logSumExp(x: MatrixLike, options: LogSumExpOptions & { readonly axis: null }): number;
/** Row-wise (or, with `axis: 0`, column-wise) log-sum-exp of a matrix: one value per row (column). */
export function logSumExp(x: MatrixLike, options?: LogSumExpOptions): Float64Array;
/** Log-sum-exp of a vector, or of each row or column of a matrix. */
export function logSumExp(
  x: ArrayLike<number> | MatrixLike,
  options?: LogSumExpOptions,
): number | Float64Array | SignedLogSumExp<number> | SignedLogSumExp<Float64Array>;
export function logSumExp(
  x: ArrayLike<number> | MatrixLike,
  options?: LogSumExpOptions,
): number | Float64Array | SignedLogSumExp<number> | SignedLogSumExp<Float64Array> {
  const single = readPrecision(options, KEYS);
  const o: LogSumExpOptions = options ?? {};
  const signed = o.returnSign ?? false;
  if (typeof signed !== 'boolean') throw typeError('returnSign', signed, 'expected a boolean');
  const axis = readAxis(o.axis, x);
  if (o.b === undefined) {
    const kernel = single ? logSumExpKernel32 : logSumExpKernel;
    const v =
      axis === 'all'
        ? reduceAll('x', x, kernel)
        : axis === 0
          ? reduceColumns('x', x, kernel)
          : reduceRows('x', x, kernel);
    if (!signed) return v;
    if (typeof v === 'number') return { value: v, sign: unweightedSign(v) };
    return { value: v, sign: v.map(unweightedSign) };
  }
  if (single) throw rangeError('precision', 'float32', 'not supported together with b');
  const { rows, cols, a, w, vector } = weightsLike(x, o.b);
  for (let k = 0; k < w.length; k++) {
    if (typeof w[k] !== 'number') throw typeError(`b[${k}]`, w[k], 'expected a number');
  }
  const res = new Float64Array(2);
  if (vector || axis === 'all') {
    weightedKernel(a, w, 0, rows * cols, signed, res);
    return signed ? { value: res[0]!, sign: res[1]! } : res[0]!;
  }
  const count = axis === 0 ? cols : rows;
  const len = axis === 0 ? rows : cols;
  const value = new Float64Array(count);
  const sign = new Float64Array(count);
  let ca: ArrayLike<number> = a;
  let cw: ArrayLike<number> = w;
  const colA = axis === 0 ? new Float64Array(rows) : undefined;
  const colW = axis === 0 ? new Float64Array(rows) : undefined;
  for (let r = 0; r < count; r++) {
    let off = r * cols;
    if (colA && colW) {
      for (let i = 0; i < rows; i++) {
        colA[i] = a[i * cols + r]!;
        colW[i] = w[i * cols + r]!;
      }
      ca = colA;
      cw = colW;
      off = 0;
    }
    weightedKernel(ca, cw, off, len, signed, res);
    value[r] = res[0]!;
    sign[r] = res[1]!;
  }
  return signed ? { value, sign } : value;
}
