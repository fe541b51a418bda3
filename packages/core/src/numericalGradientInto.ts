import { centralGradient } from './_centralGradient.js';
import { checkFinite, checkFunction, rangeError, typeError } from './_validate.js';

/**
 * The allocation-free central-difference gradient kernel, for optimizers' hot loops: the
 * notebook's `numerical_gradient` loop run directly on `x`. For each coordinate it sets
 * `x[i] = tmp + h`, evaluates `f`, sets `x[i] = tmp − h`, evaluates `f`, writes
 * `out[i] = (f₊ − f₋) / (2h)` and restores `x[i] = tmp`. Where the step actually taken,
 * `(xᵢ + h) − (xᵢ − h)`, differs from `2h` by more than `√ε` relative (large `|xᵢ|`) it divides by
 * the step taken instead, and where `xᵢ ± h` rounds to `xᵢ` it uses SciPy's relative step
 * `ε^(1/3)·max(1, |xᵢ|)` (so `x = [1e300]` does not give a zero gradient). `f` must return a number
 * (a `TypeError` naming `f` otherwise); `x` is not checked for finiteness, so a diverging optimizer
 * gets NaN back as data rather than an exception.
 *
 * **`x` is temporarily mutated**: `f` sees it perturbed, and it is restored bit for bit before
 * return (also when `f` throws). Do not share `x` with code that runs during `f`. The argument
 * checks are O(1) (types, lengths, `h`); nothing is allocated.
 *
 * @param f - The objective; it receives `x` itself (perturbed), must not keep or modify it.
 * @param x - The point, a `Float64Array` (mutated during the call, restored on return).
 * @param out - Receives the gradient; same length as `x`, not `x` itself.
 * @param h - Step (absolute), finite and > 0; default `1e-4` (the notebook's).
 * @returns `out`.
 * @example
 * ```ts
 * const x = Float64Array.of(3, 4);
 * const g = new Float64Array(2);
 * numericalGradientInto((v) => v[0]! ** 2 + v[1]! ** 2, x, g); // g ≈ [6, 8], x is [3, 4] again
 * ```
 */
export function numericalGradientInto(
  f: (x: Float64Array) => number,
  x: Float64Array,
  out: Float64Array,
  h = 1e-4,
): Float64Array {
  // One cheap test on the hot path; the error is built only when it fails.
  if (
    typeof f !== 'function' ||
    !(x instanceof Float64Array) ||
    !(out instanceof Float64Array) ||
    out.length !== x.length ||
    out === x ||
    !(h > 0 && h < Number.POSITIVE_INFINITY)
  ) {
    throw argumentError(f, x, out, h);
  }
  return centralGradient(f, x, out, h);
}

function argumentError(f: unknown, x: unknown, out: unknown, h: unknown): Error {
  try {
    checkFunction('f', f);
    if (!(x instanceof Float64Array)) return typeError('x', x, 'expected a Float64Array');
    if (!(out instanceof Float64Array)) return typeError('out', out, 'expected a Float64Array');
    if (out.length !== x.length)
      return rangeError('out', out, `expected length ${x.length}, got ${out.length}`);
    if (out === x) return rangeError('out', out, 'must not be x');
    checkFinite('h', h, true);
  } catch (e) {
    return e as Error;
  }
  return rangeError('h', h);
}
