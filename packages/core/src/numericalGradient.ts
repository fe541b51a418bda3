import { checkFiniteEntries } from './_callback.js';
import { centralGradient } from './_centralGradient.js';
import { readOptions, readStep } from './_diffOptions.js';
import { checkFunction, checkVector } from './_validate.js';

/** Options of {@link numericalGradient} and {@link numericalGradientBatch}. */
export interface NumericalGradientOptions {
  /** Step (absolute), finite and > 0. Default `1e-4` (the notebook's). */
  readonly h?: number;
}

/**
 * The gradient of `f: ℝⁿ → ℝ` at one point by central differences, computed exactly as the
 * notebook's `numerical_gradient` (same operations, same order, so the same IEEE-754 bits as its
 * NumPy code) on a work copy of `x`: the caller's array is never touched. `2n` evaluations.
 *
 * @param f - The objective; it receives a `Float64Array` work copy (perturbed in place between
 *   calls), so it must not keep a reference to it.
 * @param x - The point (`Float64Array` or any array-like of numbers), non-empty.
 * @param options - `{ h }`, default `h = 1e-4`.
 * @returns The gradient, a new `Float64Array`.
 * @example
 * ```ts
 * const sumSq = (v: Float64Array) => v[0]! ** 2 + v[1]! ** 2;
 * numericalGradient(sumSq, [3, 4]); // Float64Array [6.00000000000378, 7.999999999999119]
 * ```
 */
export function numericalGradient(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: NumericalGradientOptions,
): Float64Array {
  checkFunction('f', f);
  checkVector('x', x);
  checkFiniteEntries('x', x);
  const h = readStep(readOptions(options, ['h']).h) ?? 1e-4;
  return centralGradient(f, Float64Array.from(x), new Float64Array(x.length), h);
}
