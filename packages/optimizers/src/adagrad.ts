import { RuleStepper, runFirstOrder } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { makeRule } from './_updates.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** Runs AdaGrad on resolved options (used by `minimize`). */
export function runAdagrad(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new RuleStepper(o.n, makeRule('adagrad', o)));
}

/**
 * AdaGrad (Duchi, Hazan & Singer, "Adaptive subgradient methods for online learning and stochastic
 * optimization", JMLR 2011), diagonal form: each coordinate's step is divided by the root of its
 * accumulated squared gradients.
 *
 * ```math
 * G_{k+1} = G_k + \nabla f(x_k)^{\odot 2}, \qquad
 * x_{k+1} = x_k - \eta_k \, \nabla f(x_k) \oslash \bigl(\sqrt{G_{k+1}} + \varepsilon\bigr), \qquad G_0 = 0
 * ```
 *
 * Defaults: `lr` 0.01, `epsilon` 1e-10 (as PyTorch), `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}; extra `epsilon`.
 * @returns The result record.
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2 + 100 * x[1]! ** 2;
 * // the first step moves each coordinate by lr (up to ε), whatever the scale of its gradient
 * adagrad({ f }, [1, 1], { lr: 0.1, maxIter: 1 }).x; // ≈ [0.9, 0.9]
 * ```
 */
export function adagrad(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runAdagrad(problem, resolveOptions(problem, x0, options, 'adagrad'));
}
