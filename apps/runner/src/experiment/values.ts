import type { Json } from '../types.js';

/**
 * The values one grid axis takes, listed. Same as an array literal; reads better in a grid and keeps
 * a point such as `[-3, 4]` one value rather than two.
 *
 * @param items - The values, plain JSON.
 * @returns A fresh array of the values, in order.
 * @example
 * ```ts
 * defineExperiment({ ..., grid: { lr: values(0.01, 0.1, 1), x0: values([-3, 4]) } });
 * ```
 */
export function values<T extends Json>(...items: T[]): T[] {
  return items;
}
