import { checkCount, checkFiniteArg } from './_checks.js';

/**
 * `n` evenly spaced numbers from `start` to `stop` inclusive, computed as NumPy's `linspace` does
 * (`start + i·step`, the last value set to `stop`), so a grid matches the notebook's bit for bit.
 *
 * @param start - First value.
 * @param stop - Last value.
 * @param n - How many values, an integer ≥ 1.
 * @returns The values.
 * @throws RangeError for a non-finite bound or a bad `n`.
 * @example
 * ```ts
 * linspace(-4, 4, 5); // [-4, -2, 0, 2, 4]
 * ```
 */
export function linspace(start: number, stop: number, n: number): number[] {
  checkFiniteArg('start', start);
  checkFiniteArg('stop', stop);
  checkCount('n', n);
  if (n === 1) return [start];
  const out = new Array<number>(n);
  const div = n - 1;
  const delta = stop - start;
  const step = delta / div;
  // NumPy: y = arange(n) * step + start (or (arange(n) / div) * delta when step underflows to 0).
  for (let i = 0; i < n; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  out[n - 1] = stop;
  return out;
}
