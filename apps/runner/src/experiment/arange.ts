import { checkFiniteArg } from './_checks.js';

/**
 * NumPy's `arange(start, stop, step)` for floats, value for value: `start + i·δ` with
 * `δ = (start + step) − start` and `ceil((stop − start) / step)` values.
 *
 * @param start - First value.
 * @param stop - End, excluded.
 * @param step - Spacing, non-zero.
 * @returns The values, as NumPy computes them.
 * @example
 * ```ts
 * arange(0, 20, 0.1).length; // 200, and arange(0, 20, 0.1)[3] === 0.30000000000000004 as in NumPy
 * ```
 */
export function arange(start: number, stop: number, step: number): number[] {
  checkFiniteArg('start', start);
  checkFiniteArg('stop', stop);
  checkFiniteArg('step', step);
  if (step === 0) throw new RangeError('invalid step: 0 (expected a non-zero number)');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const delta = start + step - start;
  return Array.from({ length: n }, (_, i) => start + i * delta);
}
