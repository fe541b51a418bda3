import {
  checkedF,
  gradientInto,
  type NumericalGradientOptions,
  readGradientOptions,
  readPoint,
} from './_gradient.js';
import { checkFunction, checkVector } from './_validate.js';

export type { NumericalGradientOptions } from './_gradient.js';

/** A gradient estimate with a per-coordinate estimate of its absolute error. */
export interface GradientEstimate {
  readonly value: Float64Array;
  readonly error: Float64Array;
}

/**
 * The gradient of `f: ℝⁿ → ℝ` at one point by finite differences, on a work copy of `x` (the caller's
 * array is never touched).
 *
 * - `central` (default) is the notebook's `numerical_gradient`: same operations, same order, so the
 *   same IEEE-754 bits as its NumPy code (`h = 1e-4`, quotient `(f₊ − f₋)/(2h)`, `2n` evaluations).
 *   Where the step actually taken differs from `2h` by more than `√ε` relative (large `|xᵢ|`) it
 *   divides by the step taken, and where `xᵢ ± h` rounds to `xᵢ` (`|xᵢ| ≳ 1e12`) it switches to SciPy's
 *   relative step `ε^(1/3)·max(1, |xᵢ|)`: `numericalGradient(x => x[0], [1e300])` is `[1]`, not `[0]`.
 * - `forward` / `backward`: one-sided, `n + 1` evaluations, SciPy's default steps `√ε·max(1, |xᵢ|)`.
 * - `richardson`: Ridders' extrapolation per coordinate (as `numericalDiff`), ~1e-13 relative.
 * - `complex-step`: `Im f(x + ihᵢeᵢ)/hᵢ` with `options.fComplex`, exact to rounding for analytic f.
 *
 * `absStep` and `relStep` follow SciPy's `approx_derivative` step rules (see
 * {@link NumericalGradientOptions}); with them, every quotient divides by the step actually taken.
 *
 * @param f - The objective; it must return a number. It receives a `Float64Array` work copy (perturbed
 *   in place between calls), so it must not keep a reference to it.
 * @param x - The point (`Float64Array` or any array-like of numbers), non-empty, finite entries.
 * @param options - `{ h, method, absStep, relStep, fComplex }`, see {@link NumericalGradientOptions}.
 * @returns The gradient, a new `Float64Array`.
 * @example
 * ```ts
 * const sumSq = (v: Float64Array) => v[0]! ** 2 + v[1]! ** 2;
 * numericalGradient(sumSq, [3, 4]); // Float64Array [6.00000000000378, 7.999999999999119]
 * numericalGradient((v) => v[0]!, [1e300]); // Float64Array [1], as SciPy's approx_fprime
 * ```
 */
export function numericalGradient(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: NumericalGradientOptions,
): Float64Array {
  checkFunction('f', f);
  checkVector('x', x);
  const w = readPoint(x);
  const p = readGradientOptions(options, w.length);
  const out = new Float64Array(w.length);
  gradientInto(checkedF(f), w, out, p);
  return out;
}

/**
 * {@link numericalGradient} with an estimate of the absolute error of each entry: Ridders' estimate
 * for `richardson` (numdifftools-style), otherwise Richardson's `|D(2h) − D(h)|/3` (central,
 * complex-step) or `|D(2h) − D(h)|` (one-sided) at the cost of more evaluations. `value` is bit for bit
 * what {@link numericalGradient} returns for the same options.
 *
 * @param f - The objective; it must return a number.
 * @param x - The point, non-empty, finite entries.
 * @param options - As {@link numericalGradient}.
 * @returns `{ value, error }`, two new `Float64Array`s.
 * @example
 * ```ts
 * const { value, error } = numericalGradientWithError((v) => Math.exp(v[0]!) * v[1]!, [0, 2], { method: 'richardson' });
 * // value ≈ [2, 1] within 1e-14, error ≈ 1e-15
 * ```
 */
export function numericalGradientWithError(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: NumericalGradientOptions,
): GradientEstimate {
  checkFunction('f', f);
  checkVector('x', x);
  const w = readPoint(x);
  const p = readGradientOptions(options, w.length);
  const value = new Float64Array(w.length);
  const error = new Float64Array(w.length);
  gradientInto(checkedF(f), w, value, p, error);
  return { value, error };
}
