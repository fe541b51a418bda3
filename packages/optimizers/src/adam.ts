import { RuleStepper, runFirstOrder } from './_firstOrder.js';
import { type Resolved, resolveOptions } from './_options.js';
import { makeRule } from './_updates.js';
import type { MinimizeOptions, OptimizeResult, Problem } from './types.js';

/** Runs Adam on resolved options (used by `minimize`). */
export function runAdam(problem: Problem, o: Resolved): OptimizeResult {
  return runFirstOrder(problem, o, new RuleStepper(o.n, makeRule('adam', o)));
}

/**
 * Adam (Kingma & Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1): running
 * averages of the gradient and of its square, bias-corrected.
 *
 * ```math
 * \begin{aligned}
 * m_{t} &= \beta_1 m_{t-1} + (1 - \beta_1) g_t, &\quad v_{t} &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^{\odot 2}, \\
 * \hat m_t &= m_t / (1 - \beta_1^t), &\quad \hat v_t &= v_t / (1 - \beta_2^t), \\
 * x_{t} &= x_{t-1} - \eta_t\, \hat m_t \oslash (\sqrt{\hat v_t} + \varepsilon)
 * \end{aligned}
 * ```
 *
 * with g_t = ∇f(x_{t−1}), m₀ = v₀ = 0. Defaults: `lr` 0.01, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8
 * (the paper's), `maxIter` 100, `tol` 0.
 *
 * @param problem - `{ f, grad? }` (numerical gradient without `grad`).
 * @param x0 - The starting point (finite; not modified).
 * @param options - See {@link MinimizeOptions}; Adam's own: `beta1`, `beta2`, `epsilon`.
 * @returns The result record.
 * @example
 * ```ts
 * const f = (x: Float64Array) => (x[0]! - 3) ** 2;
 * // the first bias-corrected step has length lr (up to ε) whatever the gradient's scale
 * adam({ f }, [0], { lr: 0.1, maxIter: 1 }).x[0]; // ≈ 0.1
 * ```
 */
export function adam(problem: Problem, x0: ArrayLike<number>, options?: MinimizeOptions): OptimizeResult {
  return runAdam(problem, resolveOptions(problem, x0, options, 'adam'));
}
