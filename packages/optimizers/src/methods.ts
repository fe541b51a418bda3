import type { LineSearchKind, Method } from './types.js';

/**
 * Every method `minimize` knows, in the order of the docs.
 *
 * @example
 * ```ts
 * METHODS.includes('bfgs'); // true
 * ```
 */
export const METHODS: readonly Method[] = [
  'gradient-descent',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'newton',
  'saddle-free-newton',
  'bfgs',
  'lbfgs',
  'conjugate-gradient',
  'nelder-mead',
  'projected-gradient',
];

/**
 * Every line search gradient methods accept as `lineSearch`.
 *
 * @example
 * ```ts
 * LINE_SEARCHES; // ['none', 'grid', 'exact', 'backtracking', 'strong-wolfe']
 * ```
 */
export const LINE_SEARCHES: readonly LineSearchKind[] = [
  'none',
  'grid',
  'exact',
  'backtracking',
  'strong-wolfe',
];
