/**
 * The values of `axis` together with `extra` (e.g. the notebook's own lr), sorted ascending, without
 * duplicates: an axis value within a relative 1e-9 of an extra one (`10 ** -2.0000000000000004`) gives
 * way to it, so the notebook's exact value appears once.
 *
 * @param axis - The generated values (e.g. a `logspace`).
 * @param extra - Values that must appear exactly.
 * @returns The merged, sorted axis.
 * @example
 * ```ts
 * including([0.001, 0.0100000000000001, 0.1], 0.01); // [0.001, 0.01, 0.1]
 * ```
 */
export function including(axis: readonly number[], ...extra: number[]): number[] {
  const near = (a: number, b: number): boolean =>
    Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  const kept = axis.filter((v) => !extra.some((e) => near(v, e)));
  return [...new Set([...kept, ...extra])].sort((a, b) => a - b);
}
