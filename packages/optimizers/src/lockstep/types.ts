// The types of lockstep runs (imports nothing of the lockstep folder).
import type { MinimizeOptions, Problem } from '../types.js';

/**
 * The methods that run in lockstep: the first-order methods with an lr step.
 *
 * @example
 * ```ts
 * const method: LockstepMethod = 'nesterov';
 * ```
 */
export type LockstepMethod = 'gradient-descent' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';

/**
 * A problem, optionally with batched forms of `f` and `grad` (every `@numcomp/core` test function that
 * has them is one). Points are struct-of-arrays: coordinate `j` of point `i` at `points[j·count + i]`.
 * Without `fBatch` (`gradBatch`), `f` (`grad`) is called point by point.
 *
 * @example
 * ```ts
 * const f2d: BatchProblem = { f: (x) => x[0]! ** 2 + x[1]! ** 2, f2: (a, b) => a ** 2 + b ** 2 };
 * ```
 */
export interface BatchProblem extends Problem {
  /** Number of variables, when fixed: every x0 must have this length. */
  readonly dim?: number;
  /** `out[i] = f(point i)` for `count` points, with the same bits as `f`. */
  readonly fBatch?: ((points: Float64Array, count: number, out: Float64Array) => Float64Array) | undefined;
  /** `out[j·count + i] = ∂f/∂xⱼ(point i)` for `count` points, with the same bits as `grad`. */
  readonly gradBatch?: ((points: Float64Array, count: number, out: Float64Array) => Float64Array) | undefined;
  /**
   * For n = 2: f of a point given as its two coordinates, with the bits of `f` (the same operations in the
   * same order). With it, gradient descent with the numerical gradient evaluates f inline, every step of
   * every run in one pass with no batch buffers: the fastest lockstep path.
   */
  readonly f2?: ((x0: number, x1: number) => number) | undefined;
}

/**
 * Options of a lockstep batch: `minimize`'s options for the method (no callback, no recording, no line
 * search), shared by every run, except `lr`, which may differ per run.
 *
 * @example
 * ```ts
 * const o: LockstepOptions = { method: 'momentum', momentum: 0.5, lr: [0.1, 0.01], maxIter: 500 };
 * ```
 */
export interface LockstepOptions extends Omit<MinimizeOptions, 'method' | 'lr' | 'callback' | 'record'> {
  /** One of the lockstep methods (default `'gradient-descent'`). */
  readonly method?: LockstepMethod;
  /**
   * The learning rate: one number for every run (default 0.01), one per run (`count` numbers), or one
   * per run and coordinate (`count × n` numbers, row-major: a diagonal preconditioner, which `minimize`
   * has no option for; with n = 1 the two are the same).
   */
  readonly lr?: number | ArrayLike<number>;
}
