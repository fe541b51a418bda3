import { checkFiniteArg } from './_checks.js';
import { linspace } from './linspace.js';

/**
 * `n` numbers evenly spaced on a log scale from `base**start` to `base**stop`, as NumPy's `logspace`.
 *
 * @param start - Exponent of the first value.
 * @param stop - Exponent of the last value.
 * @param n - How many values, an integer ≥ 1.
 * @param base - The base (default 10), finite and > 0.
 * @returns The values.
 * @throws RangeError for a non-finite argument or a bad `n`.
 * @example
 * ```ts
 * logspace(-3, 0, 4); // [0.001, 0.01, 0.1, 1]
 * ```
 */
export function logspace(start: number, stop: number, n: number, base = 10): number[] {
  checkFiniteArg('base', base, true);
  return linspace(start, stop, n).map((e) => base ** e);
}
