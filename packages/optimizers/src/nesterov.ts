import { RuleStepper, runFirstOrder } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { makeRule } from './_updates.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** Runs Nesterov momentum on resolved options (used by `minimize`). */
export function runNesterov(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new RuleStepper(o.n, makeRule('nesterov', o)));
}

/**
 * Nesterov's accelerated gradient in the momentum form of Sutskever, Martens, Dahl & Hinton (2013),
 * "On the importance of initialization and momentum in deep learning", eqs. (3)–(4):
 *
 * ```math
 * v_{k+1} = \beta v_k - \eta_k \nabla f(x_k + \beta v_k), \qquad x_{k+1} = x_k + v_{k+1}
 * ```
 *
 * It runs on the look-ahead point y_k = x_k + βv_k (Bengio, Boulanger-Lewandowski & Pascanu, 2013), so
 * each step needs one gradient, at the iterate itself:
 *
 * ```math
 * v_{k+1} = \beta v_k - \eta_k \nabla f(y_k), \qquad y_{k+1} = y_k + \beta v_{k+1} - \eta_k \nabla f(y_k)
 * ```
 *
 * The reported `x` (and trajectory, and the tolerance test) are the y_k; at a minimum v → 0 and y = x.
 * Defaults: `lr` 0.01, `momentum` β = 0.9, `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}: `lr`, `momentum`, `tol`, `maxIter`, `schedule`, ...
 * @returns The result record.
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2 + 10 * x[1]! ** 2;
 * nesterov({ f }, [1, 1], { lr: 0.02, momentum: 0.8, tol: 1e-6, maxIter: 1000 }).status; // 'converged'
 * ```
 */
export function nesterov(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runNesterov(problem, resolveOptions(problem, x0, options, 'nesterov'));
}
