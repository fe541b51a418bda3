import { RuleStepper, runFirstOrder } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { makeRule } from './_updates.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** Runs RMSProp on resolved options (used by `minimize`). */
export function runRmsprop(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new RuleStepper(o.n, makeRule('rmsprop', o)));
}

/**
 * RMSProp (Tieleman & Hinton, Coursera "Neural networks for machine learning", lecture 6e, 2012): AdaGrad
 * with an exponentially decaying average of squared gradients instead of their sum.
 *
 * ```math
 * s_{k+1} = \rho s_k + (1 - \rho) \nabla f(x_k)^{\odot 2}, \qquad
 * x_{k+1} = x_k - \eta_k \, \nabla f(x_k) \oslash \bigl(\sqrt{s_{k+1}} + \varepsilon\bigr), \qquad s_0 = 0
 * ```
 *
 * With `centered: true` (Graves 2013; TensorFlow's and optax's `centered`) the denominator is the root of
 * the running variance, and with `momentum` μ > 0 the steps are accumulated as TensorFlow and optax do:
 *
 * ```math
 * m_{k+1} = \rho m_k + (1 - \rho)\nabla f(x_k), \quad
 * u_k = \eta_k \nabla f(x_k) \oslash \bigl(\sqrt{s_{k+1} - m_{k+1}^{\odot 2}} + \varepsilon\bigr), \quad
 * b_{k+1} = \mu b_k + u_k, \quad x_{k+1} = x_k - b_{k+1}
 * ```
 *
 * Defaults: `lr` 0.01, `rho` 0.9 (Hinton's lecture), `epsilon` 1e-8, `momentum` 0 (off), `centered`
 * false, `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}; RMSProp's own: `rho`, `epsilon`, `momentum`, `centered`.
 * @returns The result record.
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2;
 * // first step: s = 0.1 g², so x moves by lr / √0.1
 * rmsprop({ f }, [1], { lr: 0.01, maxIter: 1 }).x[0]; // ≈ 1 − 0.01 / √0.1 = 0.96838
 * ```
 */
export function rmsprop(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runRmsprop(problem, resolveOptions(problem, x0, options, 'rmsprop'));
}
