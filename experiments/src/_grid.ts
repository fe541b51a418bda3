// Grid values the notebook builds with NumPy, and axes that must contain the notebook's own values.

/**
 * NumPy's `arange(start, stop, step)` for floats, value for value: `start + i·δ` with
 * `δ = (start + step) − start` and `ceil((stop − start) / step)` values.
 */
export function arange(start: number, stop: number, step: number): number[] {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const delta = start + step - start;
  return Array.from({ length: n }, (_, i) => start + i * delta);
}

/** The values of `axis` together with `extra` (e.g. the notebook's own lr), sorted ascending, without duplicates. */
export function including(axis: readonly number[], ...extra: number[]): number[] {
  return [...new Set([...axis, ...extra])].sort((a, b) => a - b);
}
